/* bind.c — turns AST expressions into typed Expr trees.
 *
 * Name resolution order for an identifier, as ClickHouse's analyzer: lambda
 * parameters, then aliases of the current query (SELECT and WITH; an alias
 * being resolved does not see itself, so `number + 1 AS number` works), then
 * columns of the FROM scope (qualified `t.x`, `db.t.x`, or tuple elements
 * `x.name`). In post-aggregation binding every subexpression is first looked
 * up by its column name among the GROUP BY keys and aggregate results.
 * Calls whose arguments are all constant are folded to constants here, which
 * is also how functions receive the constant arguments they require.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/limits.h"
#include "../base/mem.h"
#include "../column/cast.h"
#include "../func/agg.h"
#include "analyze_int.h"

static const char *column_display_name(QueryCtx *q, Scope *s, int pos);
static int find_col(Scope *s, const Ast *id, int *pos, int *consumed);

static const char *scope_namer(void *ctx, const Ast *id)
{
    QueryCtx *q = ctx;
    Scope *s = q->name_scope;
    int pos, consumed;
    if (!s || scope_alias(s, id->name) || !find_col(s, id, &pos, &consumed) || consumed != id->nparts) return NULL;
    if (s->cols[pos].alias_expr) return NULL;
    return column_display_name(q, s, pos);
}

char *ast_name(QueryCtx *q, const Ast *e)
{
    Buf b = {0};
    ast_set_ident_namer(scope_namer, q);
    ast_column_name(e, &b);
    ast_set_ident_namer(NULL, NULL);
    char *s = arena_strndup(&q->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

Expr *expr_rename(QueryCtx *q, Expr *e, const char *name)
{
    if (e->name && strcmp(e->name, name) == 0) return e;
    Expr *c = arena_alloc(&q->arena, sizeof *c);
    *c = *e;
    c->name = arena_strdup(&q->arena, name);
    return c;
}

int scope_add(QueryCtx *q, Scope *s, const char *name, const char *table, const DataType *t, int index)
{
    ScopeCol *n = arena_alloc(&q->arena, sizeof *n * (size_t)(s->ncols + 1));
    if (s->ncols) memcpy(n, s->cols, sizeof *n * (size_t)s->ncols);
    ScopeCol *c = &n[s->ncols];
    c->name = arena_strdup(&q->arena, name);
    c->table = table ? arena_strdup(&q->arena, table) : NULL;
    c->type = t;
    c->index = index;
    s->cols = n;
    s->ncols++;
    return 0;
}

Ast *scope_alias(Scope *s, const char *name)
{
    for (Scope *sc = s; sc; sc = sc->outer)
        for (int i = sc->naliases - 1; i >= 0; i--)
            if (strcmp(sc->alias_names[i], name) == 0) return sc->alias_asts[i];
    return NULL;
}

/* ---- literals ---- */

static int field_into(QueryCtx *q, const Field *f, Column **out, Err *err);

static int list_column(QueryCtx *q, const Field *f, Column **out, Err *err)
{
    int n = f->list.n;
    Column **items = mem_calloc(sizeof *items * (size_t)(n ? n : 1));
    const DataType **types = mem_calloc(sizeof *types * (size_t)(n ? n : 1));
    int rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        rc = field_into(q, &f->list.items[i], &items[i], err);
        if (!rc) types[i] = items[i]->type;
    }
    if (!rc) {
        FormatSettings fs;
        format_settings_default(&fs);
        fs.tz = q->tz;
        if (f->kind == FV_ARRAY) {
            const DataType *el;
            rc = type_supertype(types, n, &el, err);
            if (!rc) {
                Column *c = col_new(type_array(el));
                for (int i = 0; i < n && !rc; i++) {
                    Column *cv;
                    rc = col_cast(items[i], el, CAST_THROW, &fs, &cv, err);
                    if (!rc) {
                        col_push_from(c->sub[0], cv, 0);
                        col_unref(cv);
                    }
                }
                col_close_array(c);
                if (rc) col_unref(c);
                else *out = c;
            }
        } else {
            Column *c = col_new(type_tuple(n, types, NULL));
            for (int i = 0; i < n; i++) col_push_from(c->sub[i], items[i], 0);
            c->rows = 1;
            *out = c;
        }
    }
    for (int i = 0; i < n; i++) col_unref(items[i]);
    mem_free(items, sizeof *items * (size_t)(n ? n : 1));
    mem_free(types, sizeof *types * (size_t)(n ? n : 1));
    return rc;
}

static int field_into(QueryCtx *q, const Field *f, Column **out, Err *err)
{
    Column *c;
    switch (f->kind) {
    case FV_NULL:
        c = col_new(type_nullable(type_basic(TYPE_NOTHING)));
        col_push_null(c);
        break;
    case FV_UINT:
        c = col_new(type_for_uint(f->u));
        switch (c->type->kind) {
        case TYPE_UINT8: COL_PUSH(c, uint8_t, (uint8_t)f->u); break;
        case TYPE_UINT16: COL_PUSH(c, uint16_t, (uint16_t)f->u); break;
        case TYPE_UINT32: COL_PUSH(c, uint32_t, (uint32_t)f->u); break;
        default: COL_PUSH(c, uint64_t, f->u); break;
        }
        break;
    case FV_INT:
        c = col_new(type_for_int(f->i));
        switch (c->type->kind) {
        case TYPE_INT8: COL_PUSH(c, int8_t, (int8_t)f->i); break;
        case TYPE_INT16: COL_PUSH(c, int16_t, (int16_t)f->i); break;
        case TYPE_INT32: COL_PUSH(c, int32_t, (int32_t)f->i); break;
        default: COL_PUSH(c, int64_t, f->i); break;
        }
        break;
    case FV_UINT128:
        c = col_new(type_basic(TYPE_UINT128));
        COL_PUSH(c, u128, f->u128);
        break;
    case FV_FLOAT:
        c = col_new(type_basic(TYPE_FLOAT64));
        COL_PUSH(c, double, f->f);
        break;
    case FV_BOOL:
        c = col_new(type_basic(TYPE_BOOL));
        COL_PUSH(c, uint8_t, (uint8_t)(f->u != 0));
        break;
    case FV_STRING:
        c = col_new(type_basic(TYPE_STRING));
        col_push_str(c, f->str.s, f->str.len);
        break;
    default:
        return list_column(q, f, out, err);
    }
    *out = c;
    return 0;
}

int literal_column(QueryCtx *q, const Field *f, Column **out, Err *err)
{
    return field_into(q, f, out, err);
}

/* ---- helpers ---- */

/* ClickHouse's message names the query the identifier was looked up in. */
static int unknown_ident_in(Binder *b, const char *name, Err *err)
{
    SelectAst *sel = b && b->scope ? b->scope->sel : NULL;
    if (!sel) return err_set(err, ERR_UNKNOWN_IDENTIFIER, "Unknown expression identifier `%s` in scope", name);
    Ast *node = ast_new(&b->q->arena, AST_SELECT, 0);
    node->sel = sel;
    Buf t = {0};
    ast_format(node, &t);
    int rc = err_set(err, ERR_UNKNOWN_IDENTIFIER, "Unknown expression identifier `%s` in scope %.1500s%s", name, buf_cstr(&t),
                     sel->from ? "" : ": Note: the query does not have the FROM clause. Did you forget to add it?");
    buf_free(&t);
    return rc;
}


static bool resolving(Binder *b, const char *name)
{
    for (int i = 0; i < b->nresolving; i++)
        if (strcmp(b->resolving[i], name) == 0) return true;
    return false;
}

/* Folds a call with constant arguments into a constant. */
static int maybe_fold(Binder *b, Expr *e, Expr **out, Err *err)
{
    *out = e;
    if (e->kind != EX_FUNC || !expr_is_const(e)) return 0;
    Chunk *one = chunk_new(0, 1);
    Column *c;
    int rc = expr_eval(e, one, &c, err);
    chunk_free(one);
    if (rc) return rc;
    *out = expr_const(b->q, c, e->name);
    return 0;
}

bool ast_has_aggregate(const Ast *e)
{
    if (!e) return false;
    if (e->kind == AST_FUNC) {
        if (!e->over_name && agg_is_aggregate(e->name)) return true;
        if (e->flags & FN_LAMBDA) return false;
        for (int i = 0; i < e->nargs; i++)
            if (ast_has_aggregate(e->args[i])) return true;
    }
    return false;
}

/* ---- identifiers ---- */

static int find_col(Scope *s, const Ast *id, int *pos, int *consumed)
{
    /* exact dotted name as a column (e.g. "n.x" of Nested) */
    int first = -1, matches = 0;
    for (int i = 0; i < s->ncols; i++)
        if (strcmp(s->cols[i].name, id->name) == 0) {
            if (first < 0) first = i;
            matches++;
        }
    if (first >= 0) {
        *pos = first;
        *consumed = id->nparts;
        return matches;
    }
    if (id->nparts >= 2) {
        /* table.column or db.table.column */
        for (int i = 0; i < s->ncols; i++) {
            const ScopeCol *c = &s->cols[i];
            if (c->table && strcmp(c->table, id->parts[0]) == 0 && strcmp(c->name, id->parts[1]) == 0) {
                *pos = i;
                *consumed = 2;
                return 1;
            }
            if (id->nparts >= 3 && c->table && c->db && strcmp(c->db, id->parts[0]) == 0 &&
                strcmp(c->table, id->parts[1]) == 0 && strcmp(c->name, id->parts[2]) == 0) {
                *pos = i;
                *consumed = 3;
                return 1;
            }
        }
        /* column.element: the first part is a column */
        for (int i = 0; i < s->ncols; i++)
            if (strcmp(s->cols[i].name, id->parts[0]) == 0) {
                *pos = i;
                *consumed = 1;
                return 1;
            }
    }
    return 0;
}

static int tuple_element(Binder *b, Expr *base, const char *elem, const char *name, Expr **out, Err *err)
{
    const DataType *t = type_strip(base->type);
    if (t->kind != TYPE_TUPLE || !t->names) return unknown_ident_in(b, name, err);
    Column *ec = col_new(type_basic(TYPE_STRING));
    col_push_str(ec, elem, strlen(elem));
    Expr *ea = expr_const(b->q, ec, elem);
    FuncCall *fc = arena_alloc(&b->q->arena, sizeof *fc);
    const DataType *types[2] = {base->type, ea->type};
    Column *consts[2] = {base->kind == EX_CONST ? base->value : NULL, ea->value};
    int rc = func_resolve(fc, b->q, "tupleElement", types, consts, 2, err);
    if (rc) return rc;
    Expr *e = arena_alloc(&b->q->arena, sizeof *e);
    e->kind = EX_FUNC;
    e->call = fc;
    e->type = fc->out_type;
    e->name = arena_strdup(&b->q->arena, name);
    e->nargs = 2;
    e->args = arena_alloc(&b->q->arena, sizeof *e->args * 2);
    e->args[0] = base;
    e->args[1] = ea;
    return maybe_fold(b, e, out, err);
}

static int capture(Binder *b, LambdaFrame *f, Expr *outer, Expr **out)
{
    for (int i = 0; i < f->ncaptured; i++)
        if (f->captured[i] == outer || (outer->kind == EX_INPUT && f->captured[i]->kind == EX_INPUT &&
                                        f->captured[i]->input == outer->input)) {
            *out = expr_input(b->q, f->nparams + i, outer->type, outer->name);
            return 0;
        }
    if (f->ncaptured == f->capcap) {
        f->capcap = f->capcap ? f->capcap * 2 : 4;
        Expr **n = arena_alloc(&b->q->arena, sizeof *n * (size_t)f->capcap);
        if (f->ncaptured) memcpy(n, f->captured, sizeof *n * (size_t)f->ncaptured);
        f->captured = n;
    }
    f->captured[f->ncaptured] = outer;
    *out = expr_input(b->q, f->nparams + f->ncaptured, outer->type, outer->name);
    f->ncaptured++;
    return 0;
}

/* The name a table column gets as a result column, as in SELECT *: plain,
 * or qualified (y.b) when an earlier column of the FROM has the same name.
 * ClickHouse names `SELECT x.a, y.b FROM t AS x JOIN t AS y` as a, y.b. */
static const char *column_display_name(QueryCtx *q, Scope *s, int pos)
{
    ScopeCol *c = &s->cols[pos];
    for (int k = 0; k < pos; k++)
        if (!s->cols[k].hidden && s->cols[k].index >= 0 && !strcmp(s->cols[k].name, c->name))
            return c->table ? arena_printf(&q->arena, "%s.%s", c->table, c->name) : c->name;
    return c->name;
}

static int bind_ident(Binder *b, Ast *id, Expr **out, Err *err)
{
    QueryCtx *q = b->q;
    /* lambda parameters and captures */
    if (b->lambda) {
        LambdaFrame *f = b->lambda;
        for (int i = 0; i < f->nparams; i++)
            if (strcmp(f->params[i], id->parts[0]) == 0) {
                Expr *e = expr_input(q, i, f->ptypes[i], f->params[i]);
                if (id->nparts == 1) {
                    *out = e;
                    return 0;
                }
                return tuple_element(b, e, id->parts[1], id->name, out, err);
            }
        b->lambda = f->outer;
        Expr *outer;
        int rc = bind_ident(b, id, &outer, err);
        b->lambda = f;
        if (rc) return rc;
        if (outer->kind == EX_CONST) {
            *out = outer;
            return 0;
        }
        return capture(b, f, outer, out);
    }
    /* aliases */
    Ast *al = scope_alias(b->scope, id->name);
    if (al && !resolving(b, id->name) && b->nresolving < 64) {
        b->resolving[b->nresolving++] = id->name;
        Expr *e;
        int rc = bind_expr(b, al, &e, err);
        b->nresolving--;
        if (rc) return rc;
        *out = expr_rename(q, e, id->name);
        return 0;
    }
    /* alias.field: an element of a tuple-valued alias (unless a table is named so) */
    if (id->nparts > 1 && !resolving(b, id->parts[0]) && b->nresolving < 64) {
        Ast *al0 = scope_alias(b->scope, id->parts[0]);
        bool is_table = false;
        for (int i = 0; i < b->scope->nqualifiers; i++) is_table |= !strcmp(b->scope->qualifiers[i], id->parts[0]);
        if (al0 && !is_table) {
            b->resolving[b->nresolving++] = id->parts[0];
            Expr *e;
            int rc = bind_expr(b, al0, &e, err);
            b->nresolving--;
            for (int k = 1; !rc && k < id->nparts; k++)
                rc = tuple_element(b, e, id->parts[k], k + 1 == id->nparts ? id->name : id->parts[k], &e, err);
            if (rc) return rc;
            *out = e;
            return 0;
        }
    }
    /* post-aggregation: a column that is not a key */
    if (b->post) {
        int pos, consumed;
        if (find_col(b->scope, id, &pos, &consumed))
            return err_set(err, ERR_NOT_AN_AGGREGATE,
                           "Column `%s` is not under aggregate function and not in GROUP BY keys", id->name);
        return unknown_ident_in(b, id->name, err);
    }
    int pos, consumed;
    if (!find_col(b->scope, id, &pos, &consumed)) {
        /* CTE / WITH scalar names are looked up as aliases above; nothing else matches */
        return unknown_ident_in(b, id->name, err);
    }
    ScopeCol *c = &b->scope->cols[pos];
    Expr *e;
    if (c->sizes) {
        if (!b->allow_sizes || consumed < id->nparts)
            return err_set(err, ERR_LOGICAL_ERROR, "Column %s is read as lengths but used otherwise", id->name);
        b->saw_sizes = true;
    }
    if (c->alias_expr) {
        if (resolving(b, c->name)) return unknown_ident_in(b, id->name, err);
        b->resolving[b->nresolving++] = c->name;
        int rc = bind_expr(b, c->alias_expr, &e, err);
        b->nresolving--;
        if (rc) return rc;
        Column *dummy = NULL;
        (void)dummy;
        if (e->type != c->type) {
            /* ALIAS columns take their declared type */
            FuncCall *fc = arena_alloc(&q->arena, sizeof *fc);
            Column *tc = col_new(type_basic(TYPE_STRING));
            col_push_str(tc, c->type->name, strlen(c->type->name));
            Expr *te = expr_const(q, tc, c->type->name);
            const DataType *types[2] = {e->type, te->type};
            Column *consts[2] = {NULL, te->value};
            if ((rc = func_resolve(fc, q, "_CAST", types, consts, 2, err))) return rc;
            Expr *ce = arena_alloc(&q->arena, sizeof *ce);
            ce->kind = EX_FUNC;
            ce->call = fc;
            ce->type = fc->out_type;
            ce->nargs = 2;
            ce->args = arena_alloc(&q->arena, sizeof *ce->args * 2);
            ce->args[0] = e;
            ce->args[1] = te;
            e = ce;
        }
        e = expr_rename(q, e, c->name);
    } else {
        e = expr_input(q, c->index, c->type, consumed == id->nparts ? column_display_name(q, b->scope, pos) : c->name);
    }
    if (consumed < id->nparts) {
        /* x.a.b: tuple elements */
        for (int k = consumed; k < id->nparts; k++) {
            Expr *t;
            int rc = tuple_element(b, e, id->parts[k], k + 1 == id->nparts ? id->name : id->parts[k], &t, err);
            if (rc) return rc;
            e = t;
        }
    }
    *out = e;
    return 0;
}

/* ---- subqueries ---- */

int run_subquery(Binder *b, Ast *query, Chunk **out, Op **op_out, Err *err)
{
    Op *op;
    int rc = plan_select_in(b->q, b->scope, query, &op, err);
    if (rc) return rc;
    Chunk **chunks;
    int n;
    rc = op_drain(op, &chunks, &n, err);
    if (rc) {
        op_close(op);
        return rc;
    }
    if (n == 0) {
        *out = chunk_new(op->ncols, 0);
        for (int i = 0; i < op->ncols; i++) (*out)->cols[i] = col_new(op->types[i]);
    } else {
        *out = chunks_concat(chunks, n, op->ncols, op->types);
    }
    chunks_free(chunks, n);
    *op_out = op;
    return 0;
}

static int bind_scalar_subquery(Binder *b, Ast *e, Expr **out, Err *err)
{
    Chunk *res;
    Op *op;
    int rc = run_subquery(b, e->a, &res, &op, err);
    if (rc) return rc;
    if (res->rows > 1) {
        chunk_free(res);
        op_close(op);
        return err_set(err, ERR_INCORRECT_RESULT_OF_SCALAR_SUBQUERY, "Scalar subquery returned more than one row");
    }
    Column *v;
    if (op->ncols == 1) {
        const DataType *t = op->types[0];
        const DataType *nt = type_can_be_nullable(type_strip_lc(t)) ? type_nullable(t) : t;
        v = col_new(nt);
        if (res->rows == 0) col_push_default(v);
        else {
            FormatSettings fs;
            format_settings_default(&fs);
            Column *cv;
            rc = col_cast(res->cols[0], nt, CAST_THROW, &fs, &cv, err);
            if (!rc) {
                col_push_from(v, cv, 0);
                col_unref(cv);
            }
        }
    } else {
        const DataType **ts = arena_alloc(&b->q->arena, sizeof *ts * (size_t)op->ncols);
        for (int i = 0; i < op->ncols; i++) ts[i] = op->types[i];
        v = col_new(type_tuple(op->ncols, ts, NULL));
        if (res->rows == 0) col_push_default(v);
        else {
            for (int i = 0; i < op->ncols; i++) col_push_from(v->sub[i], res->cols[i], 0);
            v->rows = 1;
        }
    }
    chunk_free(res);
    op_close(op);
    if (rc) {
        col_unref(v);
        return rc;
    }
    b->q->subquery_counter++;
    *out = expr_const(b->q, v, arena_printf(&b->q->arena, "_subquery_%d", b->q->subquery_counter));
    return 0;
}

/* Set for IN: returns a one-row Array(T) column of the right-hand values converted to T. */
static int in_set_values(Binder *b, Ast *rhs, const DataType *t, Column **out, Err *err)
{
    QueryCtx *q = b->q;
    FormatSettings fs;
    format_settings_default(&fs);
    fs.tz = q->tz;
    const DataType *el = type_strip_lc(t);
    Column *vals = col_new(el);
    int rc = 0;
    if (rhs->kind == AST_SUBQUERY) {
        Chunk *res;
        Op *op;
        if ((rc = run_subquery(b, rhs->a, &res, &op, err))) goto done;
        Column *src;
        if (op->ncols == 1) {
            src = col_ref(res->cols[0]);
        } else {
            const DataType **ts = arena_alloc(&q->arena, sizeof *ts * (size_t)op->ncols);
            for (int i = 0; i < op->ncols; i++) ts[i] = op->types[i];
            src = col_new(type_tuple(op->ncols, ts, NULL));
            for (int i = 0; i < op->ncols; i++) col_push_range(src->sub[i], res->cols[i], 0, res->rows);
            src->rows = res->rows;
        }
        Column *cv;
        /* NULLs of the subquery stay NULL (they never match) */
        const DataType *tt = el;
        if (type_strip_lc(src->type)->kind == TYPE_NULLABLE && type_can_be_nullable(el)) {
            tt = type_nullable(el);
            col_unref(vals);
            vals = col_new(tt);
        }
        rc = col_cast(src, tt, CAST_OR_NULL, &fs, &cv, err);
        if (rc) rc = col_cast(src, tt, CAST_THROW, &fs, &cv, err);
        if (!rc) {
            col_push_range(vals, cv, 0, cv->rows);
            col_unref(cv);
        }
        col_unref(src);
        chunk_free(res);
        op_close(op);
        goto done;
    }
    Expr *re;
    if ((rc = bind_expr(b, rhs, &re, err))) goto done;
    if (re->kind != EX_CONST) {
        rc = err_set(err, ERR_UNSUPPORTED_METHOD, "Right side of IN must be a constant list or a subquery");
        goto done;
    }
    Column *rv = re->value;
    const DataType *rt = type_strip_lc(rv->type);
    /* A tuple of candidates, unless the left side is itself a tuple of the same arity (single value). */
    bool list = (rt->kind == TYPE_TUPLE && !(el->kind == TYPE_TUPLE && !(rt->nsub && rt->sub[0]->kind == TYPE_TUPLE))) ||
                rt->kind == TYPE_ARRAY;
    if (el->kind == TYPE_ARRAY && rt->kind == TYPE_ARRAY) list = rt->sub[0]->kind == TYPE_ARRAY;
    if (list && rt->kind == TYPE_TUPLE) {
        for (int i = 0; i < rt->nsub; i++) {
            Column *one = col_slice(rv->sub[i], 0, 1);
            Column *cv;
            if (col_cast(one, el, CAST_THROW, &fs, &cv, NULL) == 0) {
                col_push_from(vals, cv, 0);
                col_unref(cv);
            }
            col_unref(one);
        }
    } else if (list) {
        Column *elems = rv->sub[0];
        for (size_t i = 0; i < elems->rows; i++) {
            Column *one = col_slice(elems, i, 1);
            Column *cv;
            if (col_cast(one, el, CAST_THROW, &fs, &cv, NULL) == 0) {
                col_push_from(vals, cv, 0);
                col_unref(cv);
            }
            col_unref(one);
        }
    } else {
        Column *cv;
        if (col_cast(rv, el, CAST_THROW, &fs, &cv, NULL) == 0) {
            col_push_from(vals, cv, 0);
            col_unref(cv);
        }
    }
done:
    if (rc) {
        col_unref(vals);
        return rc;
    }
    Column *arr = col_new(type_array(vals->type));
    col_push_range(arr->sub[0], vals, 0, vals->rows);
    col_close_array(arr);
    col_unref(vals);
    *out = arr;
    return 0;
}

static int make_call(Binder *b, const char *fname, const char *name, Expr **args, int nargs, Expr **out, Err *err)
{
    QueryCtx *q = b->q;
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(nargs ? nargs : 1));
    Column **consts = arena_alloc(&q->arena, sizeof *consts * (size_t)(nargs ? nargs : 1));
    for (int i = 0; i < nargs; i++) {
        types[i] = args[i]->type;
        consts[i] = args[i]->kind == EX_CONST ? args[i]->value : NULL;
    }
    FuncCall *fc = arena_alloc(&q->arena, sizeof *fc);
    int rc = func_resolve(fc, q, fname, types, consts, nargs, err);
    if (rc) return rc;
    Expr *e = arena_alloc(&q->arena, sizeof *e);
    e->kind = EX_FUNC;
    e->call = fc;
    e->type = fc->out_type;
    e->name = arena_strdup(&q->arena, name);
    e->args = args;
    e->nargs = nargs;
    return maybe_fold(b, e, out, err);
}

int bind_call(Binder *b, const char *fname, const char *name, Expr **args, int nargs, Expr **out, Err *err)
{
    return make_call(b, fname, name, args, nargs, out, err);
}

static int bind_in(Binder *b, Ast *e, Expr **out, Err *err)
{
    Expr *x;
    int rc = bind_expr(b, e->args[0], &x, err);
    if (rc) return rc;
    const DataType *xt = type_strip_nullable(type_strip_lc(x->type));
    Column *set;
    if ((rc = in_set_values(b, e->args[1], xt, &set, err))) return rc;
    Expr *se = expr_const(b->q, set, "_set");
    Expr **args = arena_alloc(&b->q->arena, sizeof *args * 2);
    args[0] = x;
    args[1] = se;
    const char *fn = strstr(e->name, "otIn") ? "notIn" : "in";
    return make_call(b, fn, ast_name(b->q, e), args, 2, out, err);
}

/* ---- lambdas and higher-order functions ---- */

static bool is_lambda(const Ast *a) { return a->kind == AST_FUNC && (a->flags & FN_LAMBDA); }

static int bind_higher_order(Binder *b, Ast *e, Expr **out, Err *err)
{
    QueryCtx *q = b->q;
    int li = -1;
    for (int i = 0; i < e->nargs; i++)
        if (is_lambda(e->args[i])) li = i;
    /* bind the non-lambda arguments first: they give the lambda's parameter types */
    int nreg = e->nargs - (li >= 0);
    Expr **reg = arena_alloc(&q->arena, sizeof *reg * (size_t)(nreg ? nreg : 1));
    for (int i = 0, k = 0; i < e->nargs; i++) {
        if (i == li) continue;
        int rc = bind_expr(b, e->args[i], &reg[k++], err);
        if (rc) return rc;
    }
    if (li < 0) return make_call(b, e->name, ast_name(q, e), reg, nreg, out, err);
    Ast *lam = e->args[li];
    Ast *params = lam->args[0];
    LambdaFrame *f = arena_alloc(&q->arena, sizeof *f);
    f->nparams = params->nargs;
    f->params = arena_alloc(&q->arena, sizeof *f->params * (size_t)(f->nparams ? f->nparams : 1));
    f->ptypes = arena_alloc(&q->arena, sizeof *f->ptypes * (size_t)(f->nparams ? f->nparams : 1));
    for (int i = 0; i < f->nparams; i++) {
        f->params[i] = params->args[i]->name;
        const DataType *at = i < nreg ? type_strip_nullable(type_strip_lc(reg[i]->type)) : NULL;
        if (at && at->kind == TYPE_ARRAY) f->ptypes[i] = at->sub[0];
        else if (at && at->kind == TYPE_MAP) {
            f->ptypes[i] = at->sub[0];
            if (i + 1 < f->nparams) f->ptypes[i + 1] = at->sub[1];
        } else if (!f->ptypes[i]) {
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Expected Array argument for lambda parameter %s of function %s",
                           f->params[i], e->name);
        }
        if (at && at->kind == TYPE_MAP && i + 1 < f->nparams) {
            f->params[i + 1] = params->args[i + 1]->name;
            i++;
        }
    }
    f->outer = b->lambda;
    b->lambda = f;
    Expr *body;
    int rc = bind_expr(b, lam->args[1], &body, err);
    b->lambda = f->outer;
    if (rc) return rc;
    Expr *le = arena_alloc(&q->arena, sizeof *le);
    le->kind = EX_LAMBDA;
    le->body = body;
    le->nparams = f->nparams;
    le->captured = f->captured;
    le->ncaptured = f->ncaptured;
    le->type = body->type;
    le->name = ast_name(q, lam);
    int ntypes = nreg + f->ncaptured;
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(ntypes ? ntypes : 1));
    Column **consts = arena_alloc(&q->arena, sizeof *consts * (size_t)(ntypes ? ntypes : 1));
    for (int i = 0; i < nreg; i++) {
        types[i] = reg[i]->type;
        consts[i] = reg[i]->kind == EX_CONST ? reg[i]->value : NULL;
    }
    for (int i = 0; i < f->ncaptured; i++) types[nreg + i] = f->captured[i]->type;
    FuncCall *fc = arena_alloc(&q->arena, sizeof *fc);
    fc->lambda_ret = body->type;
    fc->lambda_nparams = f->nparams;
    fc->ncaptured = f->ncaptured;
    fc->lambda = le;
    if ((rc = func_resolve(fc, q, e->name, types, consts, ntypes, err))) return rc;
    Expr *call = arena_alloc(&q->arena, sizeof *call);
    call->kind = EX_FUNC;
    call->call = fc;
    call->type = fc->out_type;
    call->name = ast_name(q, e);
    call->nargs = nreg + 1;
    call->args = arena_alloc(&q->arena, sizeof *call->args * (size_t)(nreg + 1));
    call->args[0] = le;
    for (int i = 0; i < nreg; i++) call->args[i + 1] = reg[i];
    return maybe_fold(b, call, out, err);
}

/* ---- query parameters ---- */

static int bind_param(Binder *b, Ast *e, Expr **out, Err *err)
{
    QueryCtx *q = b->q;
    const char *value = NULL;
    for (int i = 0; i < q->nparams; i++)
        if (strcmp(q->params[i].name, e->name) == 0) value = q->params[i].value;
    if (!value)
        return err_set(err, ERR_UNKNOWN_QUERY_PARAMETER, "Substitution `%s` is not set", e->name);
    const DataType *t;
    int rc = type_parse(e->type_text, &t, err);
    if (rc) return rc;
    FormatSettings fs;
    format_settings_default(&fs);
    fs.tz = q->tz;
    Column *c = col_new(t);
    size_t n = strlen(value);
    if (t->kind == TYPE_NULLABLE && strcmp(value, "\\N") == 0) {
        col_push_null(c);
    } else {
        /* the escaped (TSV) text form: a scalar is unescaped first; in an
         * Array / Tuple / Map the elements are quoted with their own escapes */
        const DataType *inner = t;
        while (inner->kind == TYPE_NULLABLE || inner->kind == TYPE_LOWCARDINALITY) inner = inner->sub[0];
        bool composite = inner->kind == TYPE_ARRAY || inner->kind == TYPE_TUPLE || inner->kind == TYPE_MAP;
        Buf unesc = {0};
        if (composite) buf_put(&unesc, value, n);
        else text_unescape_tsv(value, n, &unesc);
        rc = text_read_whole(unesc.data ? unesc.data : "", unesc.len, c, &fs, err);
        buf_free(&unesc);
        if (rc) {
            col_unref(c);
            return err_set(err, ERR_BAD_QUERY_PARAMETER, "Value %s cannot be parsed as %s for query parameter '%s'", value,
                           t->name, e->name);
        }
    }
    *out = expr_const(q, c, arena_printf(&q->arena, "_CAST(%s, '%s')", value, t->name));
    return 0;
}

/* ---- main entry ---- */

/* A size_use() whose column the scan reads as lengths: length(s) is the
 * lengths themselves, empty(s) / s = '' is lengths = 0, the others != 0.
 * *done is false (nothing bound) when the column is read as usual. */
static int bind_size_use(Binder *b, Ast *e, Expr **out, bool *done, Err *err)
{
    SizeUse kind;
    const Ast *id = size_use(e, &kind);
    *done = false;
    int pos, consumed;
    if (!id || scope_alias(b->scope, id->name) || !find_col(b->scope, id, &pos, &consumed) || !b->scope->cols[pos].sizes) return 0;
    bool allow = b->allow_sizes, saw = b->saw_sizes;
    b->allow_sizes = true;
    b->saw_sizes = false;
    Expr *len;
    int rc = bind_expr(b, (Ast *)id, &len, err);
    bool sizes = b->saw_sizes;
    b->allow_sizes = allow;
    b->saw_sizes = saw;
    if (rc || !sizes) return rc;
    *done = true;
    QueryCtx *q = b->q;
    if (kind == SIZE_LENGTH) {
        *out = expr_rename(q, len, ast_name(q, e));
        return 0;
    }
    Column *zero = col_new(type_basic(TYPE_UINT8));
    COL_PUSH(zero, uint8_t, 0);
    Expr **args = arena_alloc(&q->arena, sizeof *args * 2);
    args[0] = len;
    args[1] = expr_const(q, zero, "0");
    return make_call(b, kind == SIZE_EMPTY ? "equals" : "notEquals", ast_name(q, e), args, 2, out, err);
}

static int bind_func(Binder *b, Ast *e, Expr **out, Err *err)
{
    bool done;
    int src = bind_size_use(b, e, out, &done, err);
    if (src || done) return src;
    QueryCtx *q = b->q;
    const char *name = e->name;
    if (e->over_name)
        return err_set(err, ERR_ILLEGAL_AGGREGATION, "Window function %s is found in WHERE, PREWHERE, GROUP BY or HAVING in query",
                       ast_name(q, e));
    if (is_lambda(e)) return err_set(err, ERR_BAD_ARGUMENTS, "Lambda %s is not allowed in expression context", ast_name(b->q, e));
    if (agg_is_aggregate(name) && !func_find(name)) {
        if (b->post) return err_set(err, ERR_ILLEGAL_AGGREGATION, "Aggregate function %s is found inside another aggregate function",
                                    ast_name(q, e));
        return err_set(err, ERR_ILLEGAL_AGGREGATION, "Aggregate function %s is found in WHERE in query", ast_name(q, e));
    }
    if (!strcmp(name, "in") || !strcmp(name, "notIn") || !strcmp(name, "globalIn") || !strcmp(name, "globalNotIn")) {
        if (e->nargs != 2) return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function %s expects 2 arguments", name);
        return bind_in(b, e, out, err);
    }
    if (!strcmp(name, "exists") && e->nargs == 1 && e->args[0]->kind == AST_SUBQUERY) {
        Chunk *res;
        Op *op;
        int rc = run_subquery(b, e->args[0]->a, &res, &op, err);
        if (rc) return rc;
        Column *c = col_new(type_basic(TYPE_UINT8));
        COL_PUSH(c, uint8_t, res->rows > 0);
        chunk_free(res);
        op_close(op);
        *out = expr_const(q, c, ast_name(q, e));
        return 0;
    }
    const FuncDef *d = func_find(name);
    if (d && (d->flags & FF_LAMBDA)) return bind_higher_order(b, e, out, err);
    for (int i = 0; i < e->nargs; i++)
        if (is_lambda(e->args[i])) return err_set(err, ERR_UNEXPECTED_EXPRESSION, "Function %s does not take lambdas", name);
    Expr **args = arena_alloc(&q->arena, sizeof *args * (size_t)(e->nargs ? e->nargs : 1));
    for (int i = 0; i < e->nargs; i++) {
        Ast *a = e->args[i];
        if (a->kind == AST_LITERAL && (a->flags & FN_CAST_LITERAL) && a->lit.kind == FV_STRING) {
            /* CAST type text: normalised so toTypeName and names agree */
            const DataType *t;
            int rc = type_parse_n(a->lit.str.s, a->lit.str.len, &t, err);
            if (rc) return rc;
            Column *c = col_new(type_basic(TYPE_STRING));
            col_push_str(c, t->name, strlen(t->name));
            args[i] = expr_const(q, c, t->name);
            continue;
        }
        int rc = bind_expr(b, a, &args[i], err);
        if (rc) return rc;
    }
    return make_call(b, name, ast_name(q, e), args, e->nargs, out, err);
}

int bind_expr(Binder *b, Ast *e, Expr **out, Err *err)
{
    if (++b->depth > LIMIT_EXPR_DEPTH) {
        b->depth--;
        return err_set(err, ERR_TOO_DEEP_RECURSION, "Expression is too deep");
    }
    int rc = 0;
    QueryCtx *q = b->q;
    if (b->post && e->kind != AST_LITERAL) {
        char *name = ast_name(q, e);
        for (int i = 0; i < b->post->n; i++)
            if (strcmp(b->post->names[i], name) == 0) {
                *out = expr_input(q, i, b->post->types[i], name);
                b->depth--;
                return 0;
            }
    }
    if (b->named && !b->post && e->kind == AST_FUNC) {
        char *name = ast_name(q, e);
        for (int i = 0; i < b->named->n; i++)
            if (b->named->names[i] && strcmp(b->named->names[i], name) == 0) {
                *out = expr_input(q, i, b->named->types[i], name);
                b->depth--;
                return 0;
            }
    }
    /* inside the expression an alias names, that alias means the column of
     * the same name (SELECT x * 2 AS x): ClickHouse's cycle rule */
    bool self = e->alias && e->kind != AST_IDENT && b->nresolving < 64 && !resolving(b, e->alias) && scope_alias(b->scope, e->alias) == e;
    if (self) b->resolving[b->nresolving++] = e->alias;
    switch (e->kind) {
    case AST_LITERAL: {
        Column *c;
        rc = literal_column(q, &e->lit, &c, err);
        if (!rc) *out = expr_const(q, c, ast_name(q, e));
        break;
    }
    case AST_IDENT:
        rc = bind_ident(b, e, out, err);
        break;
    case AST_FUNC:
        rc = bind_func(b, e, out, err);
        break;
    case AST_SUBQUERY:
        rc = bind_scalar_subquery(b, e, out, err);
        break;
    case AST_PARAM:
        rc = bind_param(b, e, out, err);
        break;
    case AST_ASTERISK: case AST_COLUMNS:
        rc = err_set(err, ERR_UNEXPECTED_EXPRESSION, "Asterisk is not allowed in this context");
        break;
    default:
        rc = err_set(err, ERR_UNEXPECTED_EXPRESSION, "Unexpected expression");
        break;
    }
    if (self) b->nresolving--;
    b->depth--;
    return rc;
}
