/* select.c — planning of SELECT and UNION queries; see analyze.h for the
 * pipeline shape. Also the small entry points used by DDL/DML: constant
 * expressions and expressions over a table's columns.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "../func/agg.h"
#include "../exec/op_fill.h"
#include "analyze_int.h"

/* ---- aliases ---- */

static int add_alias(QueryCtx *q, Scope *s, const char *name, Ast *e, Err *err)
{
    for (int i = 0; i < s->naliases; i++)
        if (!strcmp(s->alias_names[i], name)) {
            if (s->alias_asts[i] == e) return 0;
            Buf a = {0}, b = {0};
            ast_column_name(s->alias_asts[i], &a);
            ast_column_name(e, &b);
            bool same = a.len == b.len && (!a.len || memcmp(a.data, b.data, a.len) == 0);
            buf_free(&a);
            buf_free(&b);
            if (same) return 0;
            return err_set(err, ERR_MULTIPLE_EXPRESSIONS_FOR_ALIAS, "Different expressions with the same alias %s", name);
        }
    char **nn = arena_alloc(&q->arena, sizeof *nn * (size_t)(s->naliases + 1));
    Ast **na = arena_alloc(&q->arena, sizeof *na * (size_t)(s->naliases + 1));
    if (s->naliases) {
        memcpy(nn, s->alias_names, sizeof *nn * (size_t)s->naliases);
        memcpy(na, s->alias_asts, sizeof *na * (size_t)s->naliases);
    }
    nn[s->naliases] = arena_strdup(&q->arena, name);
    na[s->naliases] = e;
    s->alias_names = nn;
    s->alias_asts = na;
    s->naliases++;
    return 0;
}

/* Registers every alias defined inside an expression (not inside subqueries or lambdas). */
static int collect_aliases(QueryCtx *q, Scope *s, Ast *e, Err *err)
{
    if (!e) return 0;
    int rc;
    if (e->alias && e->kind != AST_SUBQUERY && (rc = add_alias(q, s, e->alias, e, err))) return rc;
    if (e->alias && e->kind == AST_SUBQUERY && (rc = add_alias(q, s, e->alias, e, err))) return rc;
    if (e->kind == AST_FUNC && !(e->flags & FN_LAMBDA))
        for (int i = 0; i < e->nargs; i++)
            if ((rc = collect_aliases(q, s, e->args[i], err))) return rc;
    if (e->kind == AST_ORDER_ELEM) return collect_aliases(q, s, e->a, err);
    return 0;
}

/* ---- aggregate collection ---- */

typedef struct AggList {
    Ast **asts;
    char **names;
    int n;
} AggList;

static int collect_aggs(QueryCtx *q, Scope *s, Ast *e, AggList *l, const char **stack, int depth, Err *err)
{
    if (!e || depth > 60) return 0;
    if (e->kind == AST_IDENT) {
        Ast *al = scope_alias(s, e->name);
        for (int i = 0; i < depth; i++)
            if (stack[i] == e->name || (stack[i] && !strcmp(stack[i], e->name))) al = NULL;
        if (al && al != e) {
            stack[depth] = e->name;
            return collect_aggs(q, s, al, l, stack, depth + 1, err);
        }
        return 0;
    }
    if (e->kind == AST_ORDER_ELEM) return collect_aggs(q, s, e->a, l, stack, depth, err);
    if (e->kind != AST_FUNC || (e->flags & FN_LAMBDA)) return 0;
    if (!e->over_name && agg_is_aggregate(e->name) && !func_find(e->name)) {
        char *name = ast_name(q, e);
        for (int i = 0; i < e->nargs; i++)
            if (ast_has_aggregate(e->args[i]))
                return err_set(err, ERR_ILLEGAL_AGGREGATION, "Aggregate function %s is found inside another aggregate function", name);
        for (int i = 0; i < l->n; i++)
            if (!strcmp(l->names[i], name)) return 0;
        Ast **na = arena_alloc(&q->arena, sizeof *na * (size_t)(l->n + 1));
        char **nn = arena_alloc(&q->arena, sizeof *nn * (size_t)(l->n + 1));
        if (l->n) {
            memcpy(na, l->asts, sizeof *na * (size_t)l->n);
            memcpy(nn, l->names, sizeof *nn * (size_t)l->n);
        }
        na[l->n] = e;
        nn[l->n] = name;
        l->asts = na;
        l->names = nn;
        l->n++;
        return 0;
    }
    for (int i = 0; i < e->nargs; i++) {
        int rc = collect_aggs(q, s, e->args[i], l, stack, depth, err);
        if (rc) return rc;
    }
    return 0;
}

/* ---- helpers ---- */

static int positional(QueryCtx *q, Ast *e, int nitems)
{
    if (e->kind != AST_LITERAL || e->lit.kind != FV_UINT || !settings_bool(&q->settings, SET_enable_positional_arguments)) return -1;
    if (e->lit.u >= 1 && e->lit.u <= (uint64_t)nitems) return (int)e->lit.u - 1;
    return -1;
}

static int const_limit(QueryCtx *q, Ast *e, uint64_t *out, Err *err)
{
    Column *c;
    int rc = eval_const_expr(q, e, &c, err);
    if (rc) return rc;
    const DataType *t = type_strip(c->type);
    if (!type_is_int(t)) {
        col_unref(c);
        return err_set(err, ERR_INVALID_LIMIT_EXPRESSION, "The value of LIMIT expression must be a constant integer, got %s", c->type->name);
    }
    Column *inner = c->type->kind == TYPE_NULLABLE ? c->sub[0] : c;
    int64_t v = col_get_i64(inner, 0);
    col_unref(c);
    if (v < 0 && type_is_sint(t)) return err_set(err, ERR_INVALID_LIMIT_EXPRESSION, "Negative LIMIT is not supported");
    *out = (uint64_t)v;
    return 0;
}

typedef struct Items {
    Expr **exprs;
    char **names;
    int n, cap;
} Items;

static int items_add(QueryCtx *q, Items *it, Expr *e, const char *name)
{
    if (it->n == it->cap) {
        int cap = it->cap ? it->cap * 2 : 16;
        Expr **ne = arena_alloc(&q->arena, sizeof *ne * (size_t)cap);
        char **nn = arena_alloc(&q->arena, sizeof *nn * (size_t)cap);
        if (it->n) {
            memcpy(ne, it->exprs, sizeof *ne * (size_t)it->n);
            memcpy(nn, it->names, sizeof *nn * (size_t)it->n);
        }
        it->exprs = ne;
        it->names = nn;
        it->cap = cap;
    }
    it->exprs[it->n] = e;
    it->names[it->n] = arena_strdup(&q->arena, name);
    return it->n++;
}

static bool star_excluded(Ast *st, const char *name)
{
    for (int i = 0; i < st->nargs; i++) {
        Ast *x = st->args[i];
        if (x->kind == AST_IDENT && !strcmp(x->name, name)) return true;
        if (x->kind == AST_LITERAL && x->lit.kind == FV_STRING && !strcmp(x->lit.str.s, name)) return true;
    }
    return false;
}

static bool column_selected_by(QueryCtx *q, Ast *m, const ScopeCol *c, pcre2_code *re)
{
    if (m->kind == AST_ASTERISK) {
        if (m->name && (!c->table || strcmp(c->table, m->name) != 0)) return false;
        return !star_excluded(m, c->name);
    }
    if (re) {
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
        int r = pcre2_match(re, (PCRE2_SPTR)c->name, strlen(c->name), 0, 0, md, NULL);
        pcre2_match_data_free(md);
        return r >= 0 && !star_excluded(m, c->name);
    }
    for (int i = 0; i < m->nargs; i++)
        if (m->args[i]->kind == AST_IDENT && !strcmp(m->args[i]->name, c->name)) return true;
    return false;
}

static int expand_matcher(Binder *b, Ast *m, Items *items, Err *err)
{
    QueryCtx *q = b->q;
    pcre2_code *re = NULL;
    if (m->kind == AST_COLUMNS && m->lit.kind == FV_STRING) {
        int ec;
        PCRE2_SIZE eo;
        re = pcre2_compile((PCRE2_SPTR)m->lit.str.s, m->lit.str.len, 0, &ec, &eo, NULL);
        if (!re) return err_set(err, ERR_CANNOT_COMPILE_REGEXP, "Cannot compile regexp %s", m->lit.str.s);
    }
    Scope *s = b->scope;
    char **seen = arena_alloc(&q->arena, sizeof *seen * (size_t)(s->ncols + 1));
    int nseen = 0, added = 0;
    for (int i = 0; i < s->ncols; i++) {
        ScopeCol *c = &s->cols[i];
        if (c->hidden || c->index < 0) continue;
        if (!column_selected_by(q, m, c, re)) continue;
        bool dup = false;
        for (int k = 0; k < nseen; k++) dup |= !strcmp(seen[k], c->name);
        Ast *id;
        const char *outname;
        if (dup && c->table) {
            id = ast_ident(&q->arena, c->name, 0);
            id->nparts = 2;
            id->parts = arena_alloc(&q->arena, sizeof *id->parts * 2);
            id->parts[0] = c->table;
            id->parts[1] = c->name;
            id->name = arena_printf(&q->arena, "%s.%s", c->table, c->name);
            outname = id->name;
        } else {
            id = ast_ident(&q->arena, c->name, 0);
            outname = c->name;
        }
        seen[nseen++] = c->name;
        Ast *target = id;
        /* REPLACE (expr AS name) */
        for (int r = 0; r < m->nparams; r++)
            if (!strcmp(m->params[r]->alias, c->name)) target = m->params[r];
        Expr *e;
        int rc;
        if (b->post && target == id) {
            /* SELECT * with GROUP BY: every column must be a key */
            rc = bind_expr(b, id, &e, err);
        } else if (target == id && !b->lambda) {
            e = expr_input(q, c->index, c->type, outname);
            rc = 0;
        } else {
            rc = bind_expr(b, target, &e, err);
        }
        if (rc) {
            if (re) pcre2_code_free(re);
            return rc;
        }
        items_add(q, items, expr_rename(q, e, outname), outname);
        added++;
    }
    if (re) pcre2_code_free(re);
    if (added == 0 && m->kind == AST_ASTERISK && s->ncols == 0)
        return err_set(err, ERR_EMPTY_LIST_OF_COLUMNS_QUERIED, "Empty list of columns in SELECT query");
    return 0;
}

/* ---- totals finishing ---- */

typedef struct TotalsOp {
    Op base;
    Op *in;
    Expr **exprs;
    int n;
} TotalsOp;

static int totals_next(Op *op, Chunk **out, Err *err)
{
    TotalsOp *t = (TotalsOp *)op;
    int rc = op_next(t->in, out, err);
    if (rc || *out) return rc;
    Chunk *raw = op->q->totals;
    if (!raw || t->n < 0) return 0;
    Chunk *res = chunk_new(t->n, 1);
    for (int i = 0; i < t->n; i++)
        if ((rc = expr_eval(t->exprs[i], raw, &res->cols[i], err))) {
            chunk_free(res);
            return rc;
        }
    chunk_free(raw);
    op->q->totals = res;
    t->n = -1;
    return 0;
}

static void totals_close(Op *op) { op_close(((TotalsOp *)op)->in); }

static const OpVt TOTALS_VT = {.name = "Totals", .next = totals_next, .close = totals_close};

/* ---- one SELECT ---- */

typedef struct SelectPlan {
    QueryCtx *q;
    SelectAst *s;
    Scope *scope;
    Op *op;
    Binder b;
    PostMap post;
    Items items;       /* output columns, then hidden ORDER BY / LIMIT BY columns */
    int nout;
    Ast **grouping;    /* grouping(...) calls, bound after the aggregates by name */
    int ngrouping;
} SelectPlan;

static int setup_scope(SelectPlan *p, Scope *outer, Err *err)
{
    QueryCtx *q = p->q;
    SelectAst *s = p->s;
    p->scope = arena_alloc(&q->arena, sizeof *p->scope);
    p->scope->outer = outer;
    p->scope->sel = s;
    int rc;
    for (int i = 0; i < s->nwith; i++) {
        Ast *w = s->with[i];
        if (w->kind == AST_SUBQUERY && (w->flags & FN_LAMBDA)) {
            CteDef *n = arena_alloc(&q->arena, sizeof *n * (size_t)(p->scope->nctes + 1));
            if (p->scope->nctes) memcpy(n, p->scope->ctes, sizeof *n * (size_t)p->scope->nctes);
            n[p->scope->nctes].name = w->alias;
            n[p->scope->nctes].query = w->a;
            p->scope->ctes = n;
            p->scope->nctes++;
            continue;
        }
        if ((rc = add_alias(q, p->scope, w->alias, w, err))) return rc;
    }
    if (s->from) {
        if ((rc = plan_from(q, p->scope, s->from, &p->op, p->scope, err))) return rc;
    } else {
        p->op = op_one(q);
        scope_add(q, p->scope, "dummy", "system.one", type_basic(TYPE_UINT8), 0);
        p->scope->cols[0].hidden = false;
    }
    for (int i = 0; i < s->ncols; i++)
        if ((rc = collect_aliases(q, p->scope, s->cols[i], err))) return rc;
    for (int i = 0; i < s->narray_join; i++)
        if ((rc = collect_aliases(q, p->scope, s->array_join[i], err))) return rc;
    Ast *more[] = {s->where, s->prewhere, s->having, s->qualify};
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        if ((rc = collect_aliases(q, p->scope, more[i], err))) return rc;
    for (int i = 0; i < s->ngroup_by; i++)
        if ((rc = collect_aliases(q, p->scope, s->group_by[i], err))) return rc;
    for (int i = 0; i < s->norder_by; i++)
        if ((rc = collect_aliases(q, p->scope, s->order_by[i], err))) return rc;
    p->b.q = q;
    p->b.scope = p->scope;
    return 0;
}

/* ARRAY JOIN clause and arrayJoin() calls: unfold arrays into rows. */
static void collect_array_joins(QueryCtx *q, Ast *e, Ast ***out, int *n)
{
    if (!e) return;
    if (e->kind == AST_FUNC && !(e->flags & FN_LAMBDA)) {
        if (!strcmp(e->name, "arrayJoin") && e->nargs == 1) {
            /* the same arrayJoin(...) written twice is one unfolding */
            const char *nm = ast_name(q, e);
            for (int i = 0; i < *n; i++)
                if (!strcmp(ast_name(q, (*out)[i]), nm)) return;
            ast_push(&q->arena, out, n, e);
            return;
        }
        for (int i = 0; i < e->nargs; i++) collect_array_joins(q, e->args[i], out, n);
    }
}

static int plan_array_join(SelectPlan *p, Err *err)
{
    QueryCtx *q = p->q;
    SelectAst *s = p->s;
    Ast **calls = NULL;
    int ncalls = 0;
    for (int i = 0; i < s->ncols; i++) collect_array_joins(q, s->cols[i], &calls, &ncalls);
    collect_array_joins(q, s->where, &calls, &ncalls);
    int total = s->narray_join + ncalls;
    if (!total) return 0;
    int base = p->op->ncols;
    Expr **exprs = arena_alloc(&q->arena, sizeof *exprs * (size_t)(base + total));
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(base + total));
    for (int i = 0; i < base; i++) {
        exprs[i] = expr_input(q, i, p->op->types[i], p->op->names[i]);
        names[i] = p->op->names[i];
    }
    int *cols = arena_alloc(&q->arena, sizeof *cols * (size_t)total);
    for (int k = 0; k < total; k++) {
        Ast *a = k < s->narray_join ? s->array_join[k] : calls[k - s->narray_join]->args[0];
        Expr *e;
        /* an array-joined alias must not resolve to itself */
        const char *self = k < s->narray_join ? a->alias : NULL;
        if (self) p->b.resolving[p->b.nresolving++] = self;
        int rc = bind_expr(&p->b, a, &e, err);
        if (self) p->b.nresolving--;
        if (rc) return rc;
        if (type_strip_lc(e->type)->kind != TYPE_ARRAY)
            return err_set(err, ERR_TYPE_MISMATCH, "ARRAY JOIN requires an Array argument, got %s", e->type->name);
        exprs[base + k] = e;
        names[base + k] = k < s->narray_join ? (a->alias ? a->alias : e->name) : ast_name(q, calls[k - s->narray_join]);
        cols[k] = base + k;
    }
    p->op = op_project(p->op, exprs, base + total, names);
    /* The ARRAY JOIN clause unfolds its arrays together (zipped); each
     * distinct arrayJoin() call is a separate unfolding (a cartesian product). */
    if (s->narray_join) p->op = op_array_join(p->op, cols, s->narray_join, s->left_array_join);
    for (int k = s->narray_join; k < total; k++) p->op = op_array_join(p->op, &cols[k], 1, false);
    PostMap *named = arena_alloc(&q->arena, sizeof *named);
    named->n = base + total;
    named->names = arena_alloc(&q->arena, sizeof *named->names * (size_t)named->n);
    named->types = arena_alloc(&q->arena, sizeof *named->types * (size_t)named->n);
    for (int k = 0; k < total; k++) {
        int idx = base + k;
        const DataType *et = p->op->types[idx];
        if (k >= s->narray_join) {
            named->names[idx] = names[idx];
            named->types[idx] = et;
            continue;
        }
        Ast *a = s->array_join[k];
        const char *nm = a->alias ? a->alias : a->kind == AST_IDENT ? a->name : names[idx];
        /* the name now refers to the element column: replace or add the scope entry */
        bool replaced = false;
        for (int i = 0; i < p->scope->ncols && !a->alias; i++)
            if (!strcmp(p->scope->cols[i].name, nm) || (a->kind == AST_IDENT && p->scope->cols[i].table &&
                                                        !strcmp(arena_printf(&q->arena, "%s.%s", p->scope->cols[i].table, p->scope->cols[i].name), nm))) {
                p->scope->cols[i].index = idx;
                p->scope->cols[i].type = et;
                replaced = true;
            }
        if (!replaced) {
            scope_add(q, p->scope, nm, NULL, et, idx);
            p->scope->cols[p->scope->ncols - 1].hidden = true;
            /* the alias must now mean the element column */
            for (int i = 0; i < p->scope->naliases; i++)
                if (!strcmp(p->scope->alias_names[i], nm)) p->scope->alias_names[i] = "";
        }
    }
    p->b.named = named;
    return 0;
}

/* PREWHERE needs a single table whose engine reads columns lazily (MergeTree);
 * ClickHouse refuses it elsewhere with ILLEGAL_PREWHERE. */
static int check_prewhere(SelectPlan *p, Err *err)
{
    Ast *f = p->s->from;
    const char *what = "SystemOne (table system.one)";
    if (f && f->kind == AST_TABLE && !f->a && f->name) {
        Table *t;
        Err e2;
        if (catalog_get_table(p->q->catalog, catalog_resolve_db(p->q->catalog, p->q->temp_db, f->db, p->q->database, f->name), f->name, &t, &e2) == 0) {
            bool ok = t->engine->supports_prewhere;
            what = arena_printf(&p->q->arena, "%s (table %s.%s)", t->engine->name, t->db, t->name);
            table_unref(t);
            if (ok) return 0;
        }
    } else if (f && f->kind == AST_TABLE && f->a && f->a->kind == AST_SUBQUERY) {
        return err_set(err, ERR_ILLEGAL_PREWHERE, "Invalid column in PREWHERE. Expected column source to be table or table function");
    } else if (f) {
        what = "of the table function";
    }
    return err_set(err, ERR_ILLEGAL_PREWHERE, "Storage %s does not support PREWHERE", what);
}

static void mark_inputs(const Expr *e, bool *used, int n, bool *ok)
{
    if (e->kind == EX_INPUT) {
        if (e->input >= 0 && e->input < n) used[e->input] = true;
        else *ok = false;
    } else if (e->kind == EX_FUNC) {
        if (e->call->def->flags & FF_NONDET) *ok = false;
        for (int i = 0; i < e->nargs; i++) mark_inputs(e->args[i], used, n, ok);
    } else if (e->kind == EX_LAMBDA) {
        *ok = false;
    }
}

static void conjuncts(QueryCtx *q, Ast *e, Ast ***out, int *n)
{
    if (e->kind == AST_FUNC && !e->alias && !strcasecmp(e->name, "and") && e->nargs >= 2) {
        for (int i = 0; i < e->nargs; i++) conjuncts(q, e->args[i], out, n);
        return;
    }
    ast_push(&q->arena, out, n, e);
}

static Ast *and_of(QueryCtx *q, Ast **items, int n)
{
    if (n == 1) return items[0];
    Ast *a = ast_new(&q->arena, AST_FUNC, items[0]->pos);
    a->name = "and";
    a->flags |= FN_OPERATOR;
    a->args = items;
    a->nargs = n;
    return a;
}

/* ClickHouse's optimize_move_to_prewhere (move_all_conditions_to_prewhere):
 * each conjunct of WHERE that reads some, but not all, of the columns the
 * query reads moves to PREWHERE. The order follows ClickHouse's: conditions
 * on primary-key columns go to the end of the chain (by descending key
 * position; positions count only while they form a prefix of the key), a
 * moved condition takes the others on the same columns along, and the
 * resulting chain is printed last-moved first. */
typedef struct Cond { Ast *ast; bool *cols; bool viable, moved; int64_t pos; int ncols; } Cond;

static bool same_cols(const Cond *a, const Cond *b, int n)
{
    for (int i = 0; i < n; i++)
        if (a->cols[i] != b->cols[i]) return false;
    return true;
}

static int split_prewhere(SelectPlan *p, Ast *where, Ast **pre, Ast **rest, Err *err)
{
    *pre = NULL;
    *rest = where;
    if (!settings_bool(&p->q->settings, SET_optimize_move_to_prewhere) || (p->s->from && (p->s->from->flags & TBL_FINAL)))
        return 0;
    const int64_t NOT_IN_KEY = INT64_MAX - 1;
    Ast **items = NULL;
    int n = 0, ncols = p->op->ncols;
    conjuncts(p->q, where, &items, &n);
    Cond *c = arena_alloc(&p->q->arena, sizeof *c * (size_t)(n + 1));
    bool pos_used[64] = {0};
    for (int i = 0; i < n; i++) {
        Expr *e;
        int rc = bind_expr(&p->b, items[i], &e, err);
        if (rc) return rc;
        c[i].ast = items[i];
        c[i].cols = arena_alloc(&p->q->arena, (size_t)(ncols + 1));
        bool ok = true;
        mark_inputs(e, c[i].cols, ncols, &ok);
        for (int k = 0; k < ncols; k++) c[i].ncols += c[i].cols[k];
        c[i].viable = ok && c[i].ncols > 0 && c[i].ncols < ncols;
        c[i].pos = NOT_IN_KEY;
        for (int k = 0; k < ncols; k++) {
            int kp = c[i].cols[k] && p->op->vt->key_position ? p->op->vt->key_position(p->op, k) : -1;
            if (kp >= 0 && kp < c[i].pos) c[i].pos = kp;
        }
        if (c[i].pos < 64) pos_used[c[i].pos] = true;
    }
    int64_t valid = -1;
    while (valid + 1 < 64 && pos_used[valid + 1]) valid++;
    for (int i = 0; i < n; i++)
        if (c[i].pos > valid) c[i].pos = NOT_IN_KEY;
    Ast **order = arena_alloc(&p->q->arena, sizeof *order * (size_t)(n + 1)), **kept = NULL;
    int nm = 0, nk = 0;
    for (;;) {
        int best = -1;
        for (int i = 0; i < n; i++)
            if (!c[i].moved && c[i].viable && (best < 0 || c[i].pos > c[best].pos)) best = i;
        if (best < 0) break;
        c[best].moved = true;
        order[nm++] = c[best].ast;
        for (int i = 0; i < n; i++)
            if (!c[i].moved && c[i].viable && c[i].ncols == c[best].ncols && same_cols(&c[i], &c[best], ncols)) {
                c[i].moved = true;
                order[nm++] = c[i].ast;
            }
    }
    if (!nm) return 0;
    for (int i = 0; i < nm / 2; i++) {
        Ast *t = order[i];
        order[i] = order[nm - 1 - i];
        order[nm - 1 - i] = t;
    }
    for (int i = 0; i < n; i++)
        if (!c[i].moved) ast_push(&p->q->arena, &kept, &nk, c[i].ast);
    *pre = and_of(p->q, order, nm);
    *rest = nk ? and_of(p->q, kept, nk) : NULL;
    return 0;
}

static void collect_inputs(const Expr *e, bool *used, int n)
{
    bool ok = true;
    if (e) mark_inputs(e, used, n, &ok);
}

static int plan_where(SelectPlan *p, Err *err)
{
    if (p->s->prewhere) {
        int rc = check_prewhere(p, err);
        if (rc) return rc;
    }
    Ast *pre = p->s->prewhere, *where = p->s->where;
    for (int i = 0; i < 2; i++) {
        Ast *c = i ? where : pre;
        if (c && ast_has_aggregate(c)) return err_set(err, ERR_ILLEGAL_AGGREGATION, "Aggregate function is found in WHERE in query");
    }
    bool (*push)(Op *, Expr *, bool, const bool *) = p->op->vt->push_filter;
    int rc;
    if (push && !pre && where) {
        /* the index analysis sees WHERE as written, whatever moves to PREWHERE */
        Expr *full;
        if ((rc = bind_expr(&p->b, where, &full, err))) return rc;
        push(p->op, full, false, NULL);
        if ((rc = split_prewhere(p, where, &pre, &where, err))) return rc;
    }
    Expr *pe = NULL, *we = NULL;
    if (pre && (rc = bind_expr(&p->b, pre, &pe, err))) return rc;
    if (where && (rc = bind_expr(&p->b, where, &we, err))) return rc;
    if (pe && push) {
        /* columns still needed past PREWHERE: those used outside the filters, and by what stays in WHERE */
        void *later = ident_set_collect_after_filters(p->q, p->s);
        bool *after = arena_alloc(&p->q->arena, (size_t)(p->op->ncols + 1));
        for (int k = 0; k < p->op->ncols; k++) after[k] = ident_set_wants(later, p->op->names[k]);
        for (int i = 0; i < p->b.scope->ncols; i++) {   /* by the names queries use (a lengths column's is s.size) */
            const ScopeCol *sc = &p->b.scope->cols[i];
            if (sc->index >= 0 && sc->index < p->op->ncols && ident_set_wants(later, sc->name)) after[sc->index] = true;
        }
        collect_inputs(we, after, p->op->ncols);
        if (!push(p->op, pe, true, after)) p->op = op_filter(p->op, pe);
    } else if (pe) {
        p->op = op_filter(p->op, pe);
    }
    if (we) {
        if (push && p->op->vt->push_filter == push && p->s->prewhere) push(p->op, we, false, NULL);
        p->op = op_filter(p->op, we);
    }
    return 0;
}

static bool deterministic_expr(const Expr *e)
{
    if (e->kind == EX_INPUT || e->kind == EX_CONST) return true;
    if (e->kind != EX_FUNC || !e->call || (e->call->def->flags & FF_NONDET)) return false;
    for (int i = 0; i < e->nargs; i++)
        if (!deterministic_expr(e->args[i])) return false;
    return true;
}

/* e with input i read from column map[i] instead (constants and calls shared). */
static Expr *rebase(QueryCtx *q, const Expr *e, const int *map)
{
    if (e->kind == EX_CONST) return (Expr *)e;
    if (e->kind == EX_INPUT) return expr_input(q, map[e->input], e->type, e->name);
    Expr *c = arena_memdup(&q->arena, e, sizeof *e);
    c->args = arena_alloc(&q->arena, sizeof *c->args * (size_t)(e->nargs ? e->nargs : 1));
    for (int i = 0; i < e->nargs; i++) c->args[i] = rebase(q, e->args[i], map);
    return c;
}

/* GROUP BY keys that are deterministic functions of other keys (ClientIP - 1
 * beside ClientIP) need not be hashed, nor computed before aggregating:
 * they are computed from the other keys' values per group (ClickHouse's
 * optimize_group_by_function_keys). pre[key_idx[k]] is key k over the input. */
static void mark_dependent_keys(QueryCtx *q, Op *agg, Expr **pre, const int *key_idx, int nk, int ninputs)
{
    if (nk < 2 || !settings_int(&q->settings, SET_optimize_group_by_function_keys)) return;
    int nin = 0;
    for (int k = 0; k < nk; k++) {
        const Expr *e = pre[key_idx[k]];
        if (e->kind == EX_INPUT && e->input + 1 > nin) nin = e->input + 1;
    }
    bool *is_key = arena_alloc(&q->arena, (size_t)nin + 1), *dep = arena_alloc(&q->arena, (size_t)nk + 1);
    int *key_of = arena_alloc(&q->arena, sizeof *key_of * ((size_t)nin + 1));
    Expr **dep_expr = arena_alloc(&q->arena, sizeof *dep_expr * ((size_t)nk + 1));
    for (int k = 0; k < nk; k++)
        if (pre[key_idx[k]]->kind == EX_INPUT) {
            is_key[pre[key_idx[k]]->input] = true;
            key_of[pre[key_idx[k]]->input] = k;
        }
    bool any = false;
    for (int k = 0; k < nk; k++) {
        const Expr *e = pre[key_idx[k]];
        if (e->kind != EX_FUNC || !deterministic_expr(e) || expr_is_const(e)) continue;
        int width = ninputs;
        bool *used = arena_alloc(&q->arena, (size_t)width + 1);
        expr_mark_inputs(e, used, width);
        bool ok = true;
        for (int i = 0; i < width && ok; i++)
            if (used[i] && (i >= nin || !is_key[i])) ok = false;
        dep[k] = ok;
        if (ok) dep_expr[k] = rebase(q, e, key_of);
        any |= ok;
    }
    if (any) op_aggregate_set_dependent(agg, dep, dep_expr);
}

/* SELECT count() FROM t (no WHERE, keys, FINAL or deleted rows): the row
 * count the table knows, without reading (optimize_trivial_count_query). */
static void try_trivial_count(QueryCtx *q, Op *agg, Op *scan, AggSpec *specs, int naggs, int nkeys, SelectAst *s)
{
    if (nkeys || !naggs || s->with_totals || !settings_int(&q->settings, SET_optimize_trivial_count_query)) return;
    if (!scan->vt->exact_rows) return;
    for (int i = 0; i < naggs; i++) {
        const AggCall *c = specs[i].call;
        if (!c->def || strcmp(c->name, "count") || c->nargs) return;
    }
    uint64_t n;
    if (scan->vt->exact_rows(scan, &n)) op_aggregate_set_trivial_count(agg, n);
}


/* Aggregates take LowCardinality arguments as plain values, as in
 * ClickHouse (sum works, any and min return the plain type): arguments
 * pre[idx[k]] are cast to their dictionary type. */
static int strip_low_cardinality(SelectPlan *p, Expr **pre, const int *idx, const DataType **types, int n, Err *err)
{
    for (int k = 0; k < n; k++) {
        if (types[k]->kind != TYPE_LOWCARDINALITY) continue;
        const DataType *t = types[k]->sub[0];
        Column *tc = col_new(type_basic(TYPE_STRING));
        col_push_str(tc, t->name, strlen(t->name));
        Expr *args[2] = {pre[idx[k]], expr_const(p->q, tc, t->name)};
        Expr **a = arena_alloc(&p->q->arena, sizeof args);
        memcpy(a, args, sizeof args);
        Expr *cast;
        int rc = bind_call(&p->b, "_CAST", pre[idx[k]]->name, a, 2, &cast, err);
        if (rc) return rc;
        pre[idx[k]] = cast;
        types[k] = t;
    }
    return 0;
}

/* sum(*), any(t.*): an aggregate's asterisk stands for the columns it
 * selects, in order (count(*) keeps counting rows). */
static Ast *expand_agg_star(SelectPlan *p, Ast *a)
{
    QueryCtx *q = p->q;
    bool star = false;
    for (int k = 0; k < a->nargs; k++) star |= a->args[k]->kind == AST_ASTERISK;
    if (!star || !strcasecmp(a->name, "count")) return a;
    Scope *s = p->b.scope;
    Ast **args = NULL;
    int n = 0;
    for (int k = 0; k < a->nargs; k++) {
        Ast *m = a->args[k];
        if (m->kind != AST_ASTERISK) {
            ast_push(&q->arena, &args, &n, m);
            continue;
        }
        for (int i = 0; i < s->ncols; i++) {
            ScopeCol *c = &s->cols[i];
            if (c->hidden || c->index < 0 || !column_selected_by(q, m, c, NULL)) continue;
            ast_push(&q->arena, &args, &n, ast_ident(&q->arena, c->name, 0));
        }
    }
    Ast *c = arena_memdup(&q->arena, a, sizeof *a);   /* the copy binds; the original keeps its name */
    c->args = args;
    c->nargs = n;
    return c;
}

static bool ast_contains(const Ast *root, const Ast *node)
{
    if (!root) return false;
    if (root == node) return true;
    for (int i = 0; i < root->nargs; i++)
        if (ast_contains(root->args[i], node)) return true;
    return ast_contains(root->a, node) || ast_contains(root->b, node) || ast_contains(root->c, node) || ast_contains(root->d, node);
}

/* Binds the arguments of aggregate a into pre[*k2 ...] and resolves it. */
static int plan_agg_args(SelectPlan *p, Ast *agg, AggSpec *spec, Expr **pre, char **pre_names, int *k2, Err *err)
{
    QueryCtx *q = p->q;
    Ast *a = expand_agg_star(p, agg);
    spec->nargs = a->nargs;
    spec->args = arena_alloc(&q->arena, sizeof(int) * (size_t)(a->nargs ? a->nargs : 1));
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(a->nargs ? a->nargs : 1));
    for (int k = 0; k < a->nargs; k++) {
        Expr *e;
        if (a->args[k]->kind == AST_ASTERISK) return err_set(err, ERR_BAD_ARGUMENTS, "Asterisk is allowed only in count(*)");
        int rc = bind_expr(&p->b, a->args[k], &e, err);
        if (rc) return rc;
        pre[*k2] = e;
        pre_names[*k2] = e->name;
        spec->args[k] = *k2;
        types[k] = e->type;
        (*k2)++;
    }
    Column **params = arena_alloc(&q->arena, sizeof *params * (size_t)(a->nparams ? a->nparams : 1));
    for (int k = 0; k < a->nparams; k++) {
        int rc = eval_const_expr(q, a->params[k], &params[k], err);
        if (rc) return rc;
        qctx_defer(q, (void (*)(void *))col_unref, params[k]);
    }
    spec->call = arena_alloc(&q->arena, sizeof *spec->call);
    int rc = strip_low_cardinality(p, pre, spec->args, types, a->nargs, err);
    if (!rc) rc = agg_resolve(spec->call, q, a->name, types, a->nargs, params, a->nparams, err);
    return rc;
}

/* After aggregation, names bind to the aggregation's n output columns. */
static void set_post(SelectPlan *p, int n, char **names)
{
    p->post.n = n;
    p->post.names = names;
    p->post.types = p->op->types;
    p->b.post = &p->post;
    p->b.named = NULL;
}

/* A GROUPING SETS key: by position, or an alias's expression, as GROUP BY keys. */
static Ast *set_key(SelectPlan *p, Ast *k)
{
    int pos = positional(p->q, k, p->s->ncols);
    if (pos >= 0) return p->s->cols[pos];
    if (k->kind == AST_IDENT) {
        Ast *al = scope_alias(p->scope, k->name);
        if (al && al != k) return al;
    }
    return k;
}

/* The key sets of ROLLUP (prefixes, longest first), CUBE (every subset) or
 * GROUPING SETS (as listed): sets[i] is a bit mask over the nk keys. */
static int key_sets(SelectPlan *p, char **key_names, int nk, uint64_t **sets, int *nsets, Err *err)
{
    QueryCtx *q = p->q;
    SelectAst *s = p->s;
    if (nk > 20) return err_set(err, ERR_TOO_MANY_COLUMNS, "Too many keys for ROLLUP, CUBE or GROUPING SETS: %d", nk);
    int n = s->grouping_sets ? s->ngroup_by : s->with_cube ? 1 << nk : nk + 1;
    uint64_t *m = arena_alloc(&q->arena, sizeof *m * (size_t)n);
    for (int i = 0; i < n; i++) {
        if (s->with_cube) m[i] = ((uint64_t)1 << nk) - 1 - (uint64_t)i;
        else if (!s->grouping_sets) m[i] = ((uint64_t)1 << (nk - i)) - 1;
        else {
            Ast *g = s->group_by[i];
            bool tup = g->kind == AST_FUNC && !strcmp(g->name, "tuple") && !g->over_name;
            int cnt = tup ? g->nargs : 1;
            for (int j = 0; j < cnt; j++) {
                char *name = ast_name(q, set_key(p, tup ? g->args[j] : g));
                for (int k = 0; k < nk; k++)
                    if (!strcmp(key_names[k], name)) m[i] |= (uint64_t)1 << k;
            }
        }
    }
    *sets = m;
    *nsets = n;
    return 0;
}

/* grouping(k1, ..., kn) calls of the query (SELECT list, HAVING, ORDER BY). */
static void collect_grouping(QueryCtx *q, Ast *e, Ast ***calls, int *n)
{
    if (!e) return;
    if (e->kind == AST_ORDER_ELEM) {
        collect_grouping(q, e->a, calls, n);
        return;
    }
    if (e->kind != AST_FUNC) return;
    if (!strcasecmp(e->name, "grouping") && !e->over_name) {
        char *name = ast_name(q, e);
        for (int i = 0; i < *n; i++)
            if (!strcmp(ast_name(q, (*calls)[i]), name)) return;
        ast_push(&q->arena, calls, n, e);
        return;
    }
    for (int i = 0; i < e->nargs; i++) collect_grouping(q, e->args[i], calls, n);
}

/* grouping(args) for key set `set`: one bit per argument, the first the
 * highest, set when that key is not in the set (rolled up). */
static int grouping_value(SelectPlan *p, Ast *call, char **key_names, int nk, uint64_t set, uint64_t *out, Err *err)
{
    uint64_t v = 0;
    for (int i = 0; i < call->nargs; i++) {
        char *name = ast_name(p->q, set_key(p, call->args[i]));
        int k = -1;
        for (int j = 0; j < nk; j++)
            if (!strcmp(key_names[j], name)) k = j;
        if (k < 0) return err_set(err, ERR_BAD_ARGUMENTS, "Arguments of the 'grouping' function must be in GROUP BY keys");
        v = v << 1 | !(set >> k & 1);
    }
    *out = v;
    return 0;
}

/* ROLLUP / CUBE / GROUPING SETS: the input aggregated once per key set (read
 * once, op_replay); a key outside a set takes its type's default value, as
 * ClickHouse does (group_by_use_nulls = 0); the results are put together. */
/* ---- WITH TOTALS over ROLLUP / CUBE: the totals row is the row of the
 * empty key set. A tap keeps a copy of that branch's row; above the union
 * it becomes q->totals once every branch has run (an aggregate that runs
 * later drops totals it did not make). ---- */

typedef struct TotalsTap {
    Op base;
    Op *in;
    Chunk **keep;             /* shared with the TotalsSet op above the union */
} TotalsTap;

static int tap_next(Op *op, Chunk **out, Err *err)
{
    TotalsTap *t = (TotalsTap *)op;
    int rc = op_next(t->in, out, err);
    if (rc || !*out || !(*out)->rows) return rc;
    Chunk *c = chunk_new((*out)->ncols, 1);
    for (int i = 0; i < c->ncols; i++) c->cols[i] = col_slice((*out)->cols[i], (*out)->rows - 1, 1);
    if (*t->keep) chunk_free(*t->keep);
    *t->keep = c;
    return 0;
}

static void tap_close(Op *op) { op_close(((TotalsTap *)op)->in); }


typedef struct TotalsSet {
    Op base;
    Op *in;
    Chunk *kept;
    Chunk **rows;             /* the whole input, read before the first chunk goes out */
    int nrows, at;
    bool drained;
} TotalsSet;

/* Every branch runs before anything goes out, so a LIMIT above cannot stop
 * the union before the empty set's branch has made the totals row. */
static int set_next(Op *op, Chunk **out, Err *err)
{
    TotalsSet *t = (TotalsSet *)op;
    *out = NULL;
    if (!t->drained) {
        int rc = op_drain(t->in, &t->rows, &t->nrows, err);
        if (rc) return rc;
        t->drained = true;
        if (t->kept) {
            if (op->q->totals) chunk_free(op->q->totals);
            op->q->totals = t->kept;
            t->kept = NULL;
        }
    }
    if (t->at < t->nrows) {
        *out = t->rows[t->at];
        t->rows[t->at++] = NULL;
    }
    return 0;
}

static void set_close(Op *op)
{
    TotalsSet *t = (TotalsSet *)op;
    if (t->kept) chunk_free(t->kept);
    t->kept = NULL;
    if (t->rows) chunks_free(t->rows, t->nrows);
    t->rows = NULL;
    op_close(t->in);
}

static void set_describe(Op *op, PlanDesc *d)
{
    d->hidden = true;
    d->children[d->nchildren++] = ((TotalsSet *)op)->in;
}

static void tap_describe(Op *op, PlanDesc *d)
{
    d->hidden = true;
    d->children[d->nchildren++] = ((TotalsTap *)op)->in;
}

static const OpVt TAP_VT = {.name = "TotalsTap", .next = tap_next, .close = tap_close, .describe = tap_describe};
static const OpVt TOTALS_SET_VT = {.name = "TotalsSet", .next = set_next, .close = set_close, .describe = set_describe};

static int plan_grouping_sets(SelectPlan *p, int *key_idx, char **key_names, int nk, AggSpec *specs, int nspecs, char **out_names,
                              Err *err)
{
    QueryCtx *q = p->q;
    if (p->s->with_totals && p->s->grouping_sets)
        return err_set(err, ERR_NOT_IMPLEMENTED, "WITH TOTALS and GROUPING SETS are not supported together");
    uint64_t *sets = NULL;
    int nsets = 0, rc = key_sets(p, key_names, nk, &sets, &nsets, err);
    if (rc) return rc;
    Op **in = arena_alloc(&q->arena, sizeof *in * (size_t)nsets), **parts = arena_alloc(&q->arena, sizeof *parts * (size_t)nsets);
    op_replay(p->op, nsets, in);
    for (int i = 0; i < nsets; i++) {
        int *idx = arena_alloc(&q->arena, sizeof *idx * (size_t)(nk + 1)), n = 0;
        char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(nk + nspecs + 1));
        for (int k = 0; k < nk; k++)
            if (sets[i] >> k & 1) names[n] = key_names[k], idx[n++] = key_idx[k];
        for (int a = 0; a < nspecs; a++) names[n + a] = out_names[nk + a];
        AggSpec *sp = arena_alloc(&q->arena, sizeof *sp * (size_t)(nspecs + 1));
        for (int a = 0; a < nspecs; a++) {
            sp[a] = specs[a];
            sp[a].call = arena_memdup(&q->arena, specs[a].call, sizeof *specs[a].call);
        }
        Op *agg = op_aggregate(in[i], idx, n, sp, nspecs, false, names);
        Expr **ex = arena_alloc(&q->arena, sizeof *ex * (size_t)(nk + nspecs + p->ngrouping + 1));
        for (int k = 0, at = 0; k < nk; k++) {
            const DataType *t = p->op->types[key_idx[k]];
            if (sets[i] >> k & 1) {
                ex[k] = expr_input(q, at, agg->types[at], key_names[k]);
                at++;
                continue;
            }
            Column *c = col_new(t);
            col_push_default(c);
            ex[k] = expr_const(q, c, key_names[k]);
        }
        for (int a = 0; a < nspecs; a++) ex[nk + a] = expr_input(q, n + a, agg->types[n + a], out_names[nk + a]);
        for (int g = 0; g < p->ngrouping; g++) {
            uint64_t v = 0;
            if ((rc = grouping_value(p, p->grouping[g], key_names, nk, sets[i], &v, err))) return rc;
            Column *c = col_new(type_basic(TYPE_UINT64));
            COL_PUSH(c, uint64_t, v);
            ex[nk + nspecs + g] = expr_const(q, c, out_names[nk + nspecs + g]);
        }
        parts[i] = op_project(agg, ex, nk + nspecs + p->ngrouping, out_names);
    }
    TotalsSet *ts = NULL;
    if (p->s->with_totals) {   /* ROLLUP and CUBE always have the empty set */
        ts = op_alloc(q, sizeof *ts, &TOTALS_SET_VT);
        for (int i = 0; i < nsets; i++) {
            if (sets[i]) continue;
            TotalsTap *tap = op_alloc(q, sizeof *tap, &TAP_VT);
            tap->in = parts[i];
            tap->keep = &ts->kept;
            op_set_header(&tap->base, parts[i]->ncols, parts[i]->names, parts[i]->types);
            parts[i] = &tap->base;
        }
    }
    p->op = nsets == 1 ? parts[0] : op_union(q, parts, nsets);
    if (ts) {
        ts->in = p->op;
        op_set_header(&ts->base, p->op->ncols, p->op->names, p->op->types);
        p->op = &ts->base;
    }
    return 0;
}

static int plan_aggregation(SelectPlan *p, AggList *aggs, Err *err)
{
    QueryCtx *q = p->q;
    SelectAst *s = p->s;
    Ast **keys = NULL;
    int nkeys = 0;
    if (s->group_by_all) {
        for (int i = 0; i < s->ncols; i++)
            if (!ast_has_aggregate(s->cols[i]) && s->cols[i]->kind != AST_LITERAL) ast_push(&q->arena, &keys, &nkeys, s->cols[i]);
    }
    for (int i = 0; i < s->ngroup_by; i++) {
        Ast *k = s->group_by[i];
        if (s->grouping_sets && k->kind == AST_FUNC && !strcmp(k->name, "tuple") && !k->over_name) {
            for (int j = 0; j < k->nargs; j++) ast_push(&q->arena, &keys, &nkeys, set_key(p, k->args[j]));
            continue;
        }
        int pos = positional(q, k, s->ncols);
        if (pos >= 0) k = s->cols[pos];
        if (k->kind == AST_IDENT) {
            Ast *al = scope_alias(p->scope, k->name);
            if (al && al != k) k = al;
        }
        if (ast_has_aggregate(k)) return err_set(err, ERR_ILLEGAL_AGGREGATION, "Aggregate function found in GROUP BY");
        ast_push(&q->arena, &keys, &nkeys, k);
    }
    int nargs_total = 0;
    for (int i = 0; i < aggs->n; i++) nargs_total += aggs->asts[i]->nargs;
    int npre = nkeys + nargs_total;
    Expr **pre = arena_alloc(&q->arena, sizeof *pre * (size_t)(npre ? npre : 1));
    char **pre_names = arena_alloc(&q->arena, sizeof *pre_names * (size_t)(npre ? npre : 1));
    int *key_idx = arena_alloc(&q->arena, sizeof *key_idx * (size_t)(nkeys ? nkeys : 1));
    p->grouping = NULL;
    p->ngrouping = 0;
    for (int i = 0; i < s->ncols; i++) collect_grouping(q, s->cols[i], &p->grouping, &p->ngrouping);
    collect_grouping(q, s->having, &p->grouping, &p->ngrouping);
    for (int i = 0; i < s->norder_by; i++) collect_grouping(q, s->order_by[i], &p->grouping, &p->ngrouping);
    char **out_names = arena_alloc(&q->arena, sizeof *out_names * (size_t)(nkeys + aggs->n + p->ngrouping + 1));
    int k2 = 0;
    /* keys, deduplicated by name */
    char **key_names = arena_alloc(&q->arena, sizeof *key_names * (size_t)(nkeys ? nkeys : 1));
    int nk = 0;
    for (int i = 0; i < nkeys; i++) {
        char *name = ast_name(q, keys[i]);
        bool dup = false;
        for (int j = 0; j < nk; j++) dup |= !strcmp(key_names[j], name);
        if (dup) continue;
        Expr *e;
        int rc = bind_expr(&p->b, keys[i], &e, err);
        if (rc) return rc;
        pre[k2] = e;
        pre_names[k2] = name;
        key_idx[nk] = k2;
        key_names[nk] = name;
        out_names[nk] = name;
        k2++;
        nk++;
    }
    AggSpec *specs = arena_alloc(&q->arena, sizeof *specs * (size_t)(aggs->n ? aggs->n : 1));
    for (int i = 0; i < aggs->n; i++) {
        /* in the arguments, an alias of the expression holding the aggregate
         * means the column (SELECT sum(x) AS x) */
        int saved = p->b.nresolving;
        for (int c = 0; c < p->s->ncols && p->b.nresolving < 64; c++)
            if (p->s->cols[c]->alias && ast_contains(p->s->cols[c], aggs->asts[i]))
                p->b.resolving[p->b.nresolving++] = p->s->cols[c]->alias;
        int rc = plan_agg_args(p, aggs->asts[i], &specs[i], pre, pre_names, &k2, err);
        p->b.nresolving = saved;
        if (rc) return rc;
        out_names[nk + i] = aggs->names[i];
    }
    for (int g = 0; g < p->ngrouping; g++) out_names[nk + aggs->n + g] = ast_name(q, p->grouping[g]);
    int ninputs = p->op->ncols;
    Op *scan = p->op;
    p->op = op_project(p->op, pre, k2, pre_names);
    if (s->with_rollup || s->with_cube || s->grouping_sets) {
        int rc = plan_grouping_sets(p, key_idx, key_names, nk, specs, aggs->n, out_names, err);
        if (!rc) set_post(p, nk + aggs->n + p->ngrouping, out_names);
        return rc;
    }
    p->op = op_aggregate(p->op, key_idx, nk, specs, aggs->n, s->with_totals, out_names);
    if (p->ngrouping) {   /* plain GROUP BY: every key is in the one set, grouping() is 0 */
        int w = nk + aggs->n;
        Expr **ex = arena_alloc(&q->arena, sizeof *ex * (size_t)(w + p->ngrouping));
        for (int i = 0; i < w; i++) ex[i] = expr_input(q, i, p->op->types[i], out_names[i]);
        for (int g = 0; g < p->ngrouping; g++) {
            Column *c = col_new(type_basic(TYPE_UINT64));
            COL_PUSH(c, uint64_t, 0);
            ex[w + g] = expr_const(q, c, out_names[w + g]);
        }
        p->op = op_project(p->op, ex, w + p->ngrouping, out_names);
    }
    mark_dependent_keys(q, p->op, pre, key_idx, nk, ninputs);
    try_trivial_count(q, p->op, scan, specs, aggs->n, nk, s);
    set_post(p, nk + aggs->n + p->ngrouping, out_names);
    return 0;
}

static int plan_items(SelectPlan *p, Err *err)
{
    QueryCtx *q = p->q;
    SelectAst *s = p->s;
    for (int i = 0; i < s->ncols; i++) {
        Ast *c = s->cols[i];
        int rc;
        if (c->kind == AST_ASTERISK || c->kind == AST_COLUMNS) {
            if ((rc = expand_matcher(&p->b, c, &p->items, err))) return rc;
            continue;
        }
        Expr *e;
        if ((rc = bind_expr(&p->b, c, &e, err))) return rc;
        const char *name = c->alias ? c->alias : ast_name(q, c);
        items_add(q, &p->items, expr_rename(q, e, name), name);
    }
    p->nout = p->items.n;
    if (p->nout == 0) return err_set(err, ERR_EMPTY_LIST_OF_COLUMNS_QUERIED, "Empty list of columns in SELECT query");
    return 0;
}

/* Index of an item computing the same thing as e (by name), or a new hidden item. */
static int item_for(SelectPlan *p, Ast *a, Err *err, int *out)
{
    int pos = positional(p->q, a, p->nout);
    if (pos >= 0) {
        *out = pos;
        return 0;
    }
    if (a->kind == AST_IDENT)
        for (int i = 0; i < p->nout; i++)
            if (!strcmp(p->items.names[i], a->name)) {
                *out = i;
                return 0;
            }
    Expr *e;
    int rc = bind_expr(&p->b, a, &e, err);
    if (rc) return rc;
    for (int i = 0; i < p->items.n; i++)
        if (!strcmp(p->items.exprs[i]->name, e->name) && p->items.exprs[i]->type == e->type &&
            (i >= p->nout || !strcmp(p->items.exprs[i]->name, ast_name(p->q, a)))) {
            *out = i;
            return 0;
        }
    *out = items_add(p->q, &p->items, e, arena_printf(&p->q->arena, "__hidden_%d", p->items.n));
    return 0;
}

static int fill_error(Err *err, const char *what) { return err_set(err, ERR_INVALID_WITH_FILL_EXPRESSION, "%s", what); }

/* A WITH FILL bound as a value of the fill column's type t. */
static int fill_bound(QueryCtx *q, Ast *e, const DataType *t, Column **out, Err *err)
{
    Column *c;
    int rc = eval_const_expr(q, e, &c, err);
    if (rc) return rc;
    if (type_is_uint(type_strip_lc(t)) && (type_is_int(c->type) || type_is_float(c->type)) && col_get_f64(c, 0) < 0) {
        col_unref(c);
        return err_set(err, ERR_INVALID_WITH_FILL_EXPRESSION, "WITH FILL bound values cannot be negative for unsigned type %s", t->name);
    }
    rc = col_cast(c, t, CAST_THROW, NULL, out, err);
    col_unref(c);
    if (!rc) qctx_defer(q, (void (*)(void *))col_unref, *out);
    return rc;
}

/* ORDER BY key k WITH FILL [FROM] [TO] [STEP]: the spec op_fill runs (op_fill.h). */
static int fill_spec(QueryCtx *q, Ast *o, SortKey *keys, int k, const DataType *t, FillSpec *f, Err *err)
{
    memset(f, 0, sizeof *f);
    const DataType *bt = type_strip_lc(t);
    if (!(type_is_number(bt) || type_is_date_or_time(bt)) || bt->kind == TYPE_BOOL)
        return err_set(err, ERR_INVALID_WITH_FILL_EXPRESSION, "WITH FILL can be used only with numeric, Date or DateTime types, got %s", t->name);
    f->col = keys[k].col;
    f->desc = keys[k].direction < 0;
    int rc = 0;
    if (o->b && (rc = fill_bound(q, o->b, t, &f->from, err))) return rc;
    if (o->c && (rc = fill_bound(q, o->c, t, &f->to, err))) return rc;
    long double sec = bt->kind == TYPE_DATETIME64 ? powl(10, bt->p1) : 1;   /* ticks per second */
    f->step = bt->kind == TYPE_DATETIME64 ? sec : 1;
    if (o->d) {
        Column *c;
        if ((rc = eval_const_expr(q, o->d, &c, err))) return rc;
        if (c->type->kind == TYPE_INTERVAL) {
            int64_t n = col_get_i64(c, 0);
            IntervalUnit u = (IntervalUnit)c->type->p1;
            col_unref(c);
            bool date = bt->kind == TYPE_DATE || bt->kind == TYPE_DATE32;
            if (u >= IU_MONTH) {
                if (bt->kind == TYPE_DATETIME64 || !type_is_date_or_time(bt)) return fill_error(err, "WITH FILL STEP of months needs a Date or DateTime column");
                f->months = (int)(n * (u == IU_MONTH ? 1 : u == IU_QUARTER ? 3 : 12));
                f->step = f->months;
            } else if (date) {
                if (u < IU_DAY) return fill_error(err, "STEP of a Date WITH FILL must be at least a day");
                f->step = (long double)n * (u == IU_WEEK ? 7 : 1);
            } else {
                static const long double SECS[] = {1e-9L, 1e-6L, 1e-3L, 1, 60, 3600, 86400, 604800};
                f->step = (long double)n * SECS[u] * sec;
            }
        } else {
            f->step = (long double)col_get_f64(c, 0);
            col_unref(c);
        }
    } else if (f->desc) {
        f->step = -f->step;
    }
    if (f->step == 0) return fill_error(err, "WITH FILL STEP value cannot be zero");
    if ((f->step < 0) != f->desc) {
        if (o->d && f->months == 0) return fill_error(err, f->desc ? "Value of step must be negative for sorting in descending direction"
                                                                   : "Value of step must be positive for sorting in ascending direction");
        f->months = -f->months;
        f->step = -f->step;
    }
    return 0;
}

static int plan_tail(SelectPlan *p, Err *err)
{
    QueryCtx *q = p->q;
    SelectAst *s = p->s;
    int rc;
    SortKey *keys = NULL;
    int nkeys = 0, fill_at[FILL_MAX_LEVELS], nfill = 0;
    if (s->order_by_all) {
        Ast *o = s->order_by[0];
        keys = arena_alloc(&q->arena, sizeof *keys * (size_t)p->nout);
        for (int i = 0; i < p->nout; i++) {
            keys[i].col = i;
            keys[i].direction = (o->flags & ORD_DESC) ? -1 : 1;
            keys[i].nulls_direction = keys[i].direction;
        }
        nkeys = p->nout;
    } else if (s->norder_by) {
        keys = arena_alloc(&q->arena, sizeof *keys * (size_t)s->norder_by);
        for (int i = 0; i < s->norder_by; i++) {
            Ast *o = s->order_by[i];
            if (o->flags & ORD_WITH_FILL) {
                if (nfill == FILL_MAX_LEVELS) return err_set(err, ERR_NOT_IMPLEMENTED, "WITH FILL on more than %d ORDER BY columns", FILL_MAX_LEVELS);
                if (nfill && fill_at[nfill - 1] != i - 1)
                    return err_set(err, ERR_NOT_IMPLEMENTED, "WITH FILL columns separated by ORDER BY columns without it are not supported yet");
                fill_at[nfill++] = i;
            }
            int idx;
            if ((rc = item_for(p, o->a, err, &idx))) return rc;
            int dir = (o->flags & ORD_DESC) ? -1 : 1;
            bool nulls_first = (o->flags & ORD_NULLS_SET) ? (o->flags & ORD_NULLS_FIRST) != 0 : false;
            keys[nkeys].col = idx;
            keys[nkeys].direction = dir;
            keys[nkeys].nulls_direction = nulls_first ? -dir : dir;
            nkeys++;
        }
    }
    int *lb_keys = NULL;
    int nlb = s->nlimit_by;
    if (nlb) {
        lb_keys = arena_alloc(&q->arena, sizeof *lb_keys * (size_t)nlb);
        for (int i = 0; i < nlb; i++)
            if ((rc = item_for(p, s->limit_by[i], err, &lb_keys[i]))) return rc;
    }
    Op *op = op_project(p->op, p->items.exprs, p->items.n, p->items.names);
    Expr **select_exprs = p->items.exprs;
    if (s->distinct) op = op_distinct(op, p->nout);   /* (DISTINCT ON became LIMIT 1 BY in the parser) */
    uint64_t limit = 0, offset = 0, lb_limit = 0, lb_offset = 0;
    bool has_limit = s->limit != NULL;
    if (s->limit && (rc = const_limit(q, s->limit, &limit, err))) return rc;
    if (s->offset && (rc = const_limit(q, s->offset, &offset, err))) return rc;
    int64_t set_limit = settings_int(&q->settings, SET_limit), set_offset = settings_int(&q->settings, SET_offset);
    if (s->with_ties && !nkeys)
        return err_set(err, ERR_WITH_TIES_WITHOUT_ORDER_BY, "Can not use WITH TIES without ORDER BY");
    if (nkeys) {
        uint64_t topn = has_limit && !nlb && !s->with_ties ? limit + offset : 0;
        op = op_sort(op, keys, nkeys, topn);
    }
    if (nfill) {
        FillSpec fs[FILL_MAX_LEVELS];
        for (int j = 0; j < nfill; j++)
            if ((rc = fill_spec(q, s->order_by[fill_at[j]], keys, fill_at[j], op->types[keys[fill_at[j]].col], &fs[j], err))) return rc;
        int *prefix = arena_alloc(&q->arena, sizeof *prefix * (size_t)(fill_at[0] + 1));
        for (int i = 0; i < fill_at[0]; i++) prefix[i] = keys[i].col;
        op = op_fill(op, fs, nfill, prefix, fill_at[0]);
    }
    if (nlb) {
        if ((rc = const_limit(q, s->limit_by_limit, &lb_limit, err))) return rc;
        if (s->limit_by_offset && (rc = const_limit(q, s->limit_by_offset, &lb_offset, err))) return rc;
        op = op_limit_by(op, lb_keys, nlb, lb_limit, lb_offset);
    }
    if (has_limit && s->with_ties) op = op_limit_ties(op, limit, offset, keys, nkeys);
    else if (has_limit || offset) op = op_limit(op, limit, offset, has_limit);
    if (set_limit > 0 || set_offset > 0) op = op_limit(op, (uint64_t)set_limit, (uint64_t)set_offset, set_limit > 0);
    if (p->items.n > p->nout) {
        Expr **fin = arena_alloc(&q->arena, sizeof *fin * (size_t)p->nout);
        for (int i = 0; i < p->nout; i++) fin[i] = expr_input(q, i, op->types[i], p->items.names[i]);
        op = op_project(op, fin, p->nout, p->items.names);
    }
    if (s->with_totals && p->b.post) {
        TotalsOp *t = op_alloc(q, sizeof *t, &TOTALS_VT);
        t->in = op;
        t->exprs = select_exprs;
        t->n = p->nout;
        op_set_header(&t->base, op->ncols, op->names, op->types);
        op = &t->base;
    }
    p->op = op;
    return 0;
}

static int plan_one_in(QueryCtx *q, Scope *outer, Ast *node, Op **out, Err *err)
{
    SelectPlan p = {.q = q, .s = node->sel};
    int rc = setup_scope(&p, outer, err);
    q->name_scope = p.scope;   /* result columns are named in this query's FROM */
    if (!rc) rc = plan_array_join(&p, err);
    rewrite_like_affix(q, p.s);
    if (!rc) rc = plan_where(&p, err);
    if (rc) goto fail;
    rewrite_agg_arith(q, p.scope, p.s);
    AggList aggs = {0};
    const char *stack[64];
    for (int i = 0; i < p.s->ncols && !rc; i++) rc = collect_aggs(q, p.scope, p.s->cols[i], &aggs, stack, 0, err);
    if (!rc) rc = collect_aggs(q, p.scope, p.s->having, &aggs, stack, 0, err);
    for (int i = 0; i < p.s->norder_by && !rc; i++) rc = collect_aggs(q, p.scope, p.s->order_by[i], &aggs, stack, 0, err);
    if (rc) goto fail;
    if (aggs.n || p.s->ngroup_by || p.s->group_by_all) {
        if ((rc = plan_aggregation(&p, &aggs, err))) goto fail;
    } else if (p.s->with_totals) {
        rc = err_set(err, ERR_NOT_IMPLEMENTED, "WITH TOTALS requires aggregation");
        goto fail;
    }
    if (p.s->having) {
        if (!p.b.post) {
            rc = err_set(err, ERR_ILLEGAL_AGGREGATION, "HAVING clause without aggregation");
            goto fail;
        }
        Expr *h;
        if ((rc = bind_expr(&p.b, p.s->having, &h, err))) goto fail;
        p.op = op_filter(p.op, h);
        p.op->label = "Filter (HAVING)";
    }
    if ((rc = plan_windows(q, p.s, &p.b, &p.op, err))) goto fail;
    if (p.s->qualify) {
        Expr *qf;
        if ((rc = bind_expr(&p.b, p.s->qualify, &qf, err))) goto fail;
        p.op = op_filter(p.op, qf);
        p.op->label = "Filter (QUALIFY)";
    }
    if ((rc = plan_items(&p, err))) goto fail;
    if ((rc = plan_tail(&p, err))) goto fail;
    *out = p.op;
    return 0;
fail:
    op_close(p.op);
    return rc;
}

static int plan_one(QueryCtx *q, Scope *outer, Ast *node, Op **out, Err *err)
{
    void *saved = q->name_scope;
    int rc = plan_one_in(q, outer, node, out, err);
    q->name_scope = saved;
    return rc;
}

/* ---- UNION ---- */

static int cast_to(QueryCtx *q, Op *op, const DataType **types, char **names, Op **out, Err *err)
{
    bool same = true;
    for (int i = 0; i < op->ncols; i++) same &= op->types[i] == types[i];
    if (same) {
        *out = op;
        return 0;
    }
    Expr **exprs = arena_alloc(&q->arena, sizeof *exprs * (size_t)op->ncols);
    for (int i = 0; i < op->ncols; i++) {
        Expr *in = expr_input(q, i, op->types[i], op->names[i]);
        if (op->types[i] == types[i]) {
            exprs[i] = in;
            continue;
        }
        Column *tc = col_new(type_basic(TYPE_STRING));
        col_push_str(tc, types[i]->name, strlen(types[i]->name));
        Expr *te = expr_const(q, tc, "type");
        FuncCall *fc = arena_alloc(&q->arena, sizeof *fc);
        const DataType *ts[2] = {op->types[i], te->type};
        Column *cs[2] = {NULL, te->value};
        int rc = func_resolve(fc, q, "_CAST", ts, cs, 2, err);
        if (rc) return rc;
        Expr *e = arena_alloc(&q->arena, sizeof *e);
        e->kind = EX_FUNC;
        e->call = fc;
        e->type = fc->out_type;
        e->name = op->names[i];
        e->nargs = 2;
        e->args = arena_alloc(&q->arena, sizeof *e->args * 2);
        e->args[0] = in;
        e->args[1] = te;
        exprs[i] = e;
    }
    *out = op_project(op, exprs, op->ncols, names);
    return 0;
}

int plan_select_in(QueryCtx *q, Scope *outer, Ast *query, Op **out, Err *err)
{
    if (query->kind == AST_SELECT) return plan_one(q, outer, query, out, err);
    if (query->kind != AST_SELECT_UNION) return err_set(err, ERR_LOGICAL_ERROR, "Expected SELECT query");
    int n = query->nargs;
    if (n == 1) return plan_select_in(q, outer, query->args[0], out, err);
    Op **parts = arena_alloc(&q->arena, sizeof *parts * (size_t)n);
    int rc = 0, built = 0;
    for (int i = 0; i < n && !rc; i++, built++) rc = plan_select_in(q, outer, query->args[i], &parts[i], err);
    if (rc) goto fail;
    int ncols = parts[0]->ncols;
    for (int i = 1; i < n; i++)
        if (parts[i]->ncols != ncols) {
            rc = err_set(err, ERR_UNION_ALL_RESULT_STRUCTURES_MISMATCH,
                         "Different number of columns in UNION elements: %d and %d", ncols, parts[i]->ncols);
            goto fail;
        }
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)ncols);
    for (int c = 0; c < ncols; c++) {
        const DataType **ts = arena_alloc(&q->arena, sizeof *ts * (size_t)n);
        for (int i = 0; i < n; i++) ts[i] = parts[i]->types[c];
        if ((rc = type_supertype(ts, n, &types[c], err))) goto fail;
    }
    for (int i = 0; i < n; i++)
        if ((rc = cast_to(q, parts[i], types, parts[0]->names, &parts[i], err))) goto fail;
    /* Modes apply left to right: (a UNION ALL b) UNION DISTINCT c = distinct(a, b, c). */
    const char *dflt = settings_str(&q->settings, SET_union_default_mode);
    Op *acc = parts[0];
    for (int i = 1; i < n; i++) {
        int mode = query->modes[i - 1];
        if (mode == UM_DEFAULT) {
            if (!strcasecmp(dflt, "ALL")) mode = UM_ALL;
            else if (!strcasecmp(dflt, "DISTINCT")) mode = UM_DISTINCT;
            else {
                rc = err_set(err, ERR_EXPECTED_ALL_OR_DISTINCT,
                             "Expected ALL or DISTINCT in SelectWithUnion query, because setting (union_default_mode) is empty");
                goto fail;
            }
        }
        if (mode != UM_ALL && mode != UM_DISTINCT) {
            rc = err_set(err, ERR_NOT_IMPLEMENTED, "EXCEPT and INTERSECT are not supported yet");
            goto fail;
        }
        Op **pair = arena_alloc(&q->arena, sizeof *pair * 2);
        pair[0] = acc;
        pair[1] = parts[i];
        parts[i] = NULL;
        acc = op_union(q, pair, 2);
        if (mode == UM_DISTINCT) acc = op_distinct(acc, ncols);
        parts[0] = acc;
    }
    *out = acc;
    return 0;
fail:
    for (int i = 0; i < built; i++) op_close(parts[i]);
    return rc;
}

int plan_select(QueryCtx *q, Ast *query, Op **out, Err *err)
{
    void *saved = q->used_idents;
    if (!saved) q->used_idents = ident_set_collect(q, query);
    int rc = plan_select_in(q, NULL, query, out, err);
    q->used_idents = saved;
    return rc;
}

/* ---- small entry points ---- */

int eval_const_expr(QueryCtx *q, Ast *e, Column **out, Err *err)
{
    Scope s = {0};
    Binder b = {.q = q, .scope = &s};
    Expr *x;
    int rc = bind_expr(&b, e, &x, err);
    if (rc) return rc;
    if (!expr_is_const(x)) return err_set(err, ERR_BAD_ARGUMENTS, "Expression %s is not constant", x->name);
    Chunk *one = chunk_new(0, 1);
    Column *c;
    rc = expr_eval(x, one, &c, err);
    chunk_free(one);
    if (rc) return rc;
    Column *m = col_slice(c, 0, 1);
    m->is_const = false;
    m->rows = 1;
    col_unref(c);
    *out = m;
    return 0;
}

int bind_over_header(QueryCtx *q, int n, char **names, const DataType **types, Ast *e, Expr **out, Err *err)
{
    Scope *s = arena_alloc(&q->arena, sizeof *s);
    for (int i = 0; i < n; i++) scope_add(q, s, names[i], NULL, types[i], i);
    Binder b = {.q = q, .scope = s};
    return bind_expr(&b, e, out, err);
}

int bind_table_expr(QueryCtx *q, Table *t, Ast *e, Expr **out, Err *err)
{
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(t->ncols ? t->ncols : 1));
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(t->ncols ? t->ncols : 1));
    for (int i = 0; i < t->ncols; i++) {
        names[i] = t->cols[i].name;
        types[i] = t->cols[i].type;
    }
    return bind_over_header(q, t->ncols, names, types, e, out, err);
}

int run_to_chunks(QueryCtx *q, Ast *query, Op **op_out, Chunk ***chunks, int *n, Err *err)
{
    Op *op;
    int rc = plan_select(q, query, &op, err);
    if (rc) return rc;
    rc = op_drain(op, chunks, n, err);
    if (rc) {
        op_close(op);
        return rc;
    }
    *op_out = op;
    return 0;
}
