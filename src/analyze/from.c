/* from.c — the FROM clause: tables, views, CTEs, subqueries, table functions
 * (numbers, numbers_mt, zeros, zeros_mt, values, view) and JOIN trees.
 *
 * Each source yields an Op plus scope entries (name, qualifier, type, chunk
 * position). Joins compute their key expressions as extra columns on each
 * side (cast to a common type) and hand positions to op_join; ON conjuncts
 * that are not key equalities become filters where the join kind allows.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "../base/access.h"
#include "../base/mem.h"
#include "../column/cast.h"
#include "../column/text.h"
#include "../sql/parser.h"
#include "analyze_int.h"


/* SAMPLE k [OFFSET m] (k a ratio, or a row count above 1): rows whose
 * sampling key (SAMPLE BY) falls in [m, m + k) of the key type's range, as
 * ClickHouse reads them; *factor is 1 / the ratio (_sample_factor). */
static int apply_sample(QueryCtx *q, Table *tab, const Ast *t, Op **out, double *factor, Err *err)
{
    const char *sb = tab->engine_full ? strstr(tab->engine_full, "\nSAMPLE BY ") : NULL;
    if (!sb) return err_set(err, ERR_SAMPLING_NOT_SUPPORTED, "Illegal SAMPLE: table %s.%s doesn't support sampling", tab->db, tab->name);
    sb += strlen("\nSAMPLE BY ");
    char *key = arena_strndup(&q->arena, sb, strcspn(sb, "\n"));
    Column *c;
    int rc = eval_const_expr(q, t->b, &c, err);
    if (rc) return rc;
    double k = col_get_f64(c, 0), off = 0;
    col_unref(c);
    if (t->c) {
        if ((rc = eval_const_expr(q, t->c, &c, err))) return rc;
        off = col_get_f64(c, 0);
        col_unref(c);
    }
    if (!(k > 0) || off < 0 || off >= 1)
        return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "Invalid sample size or offset: SAMPLE %g OFFSET %g", k, off);
    if (k > 1) {   /* a number of rows: the share of the table they are */
        uint64_t rows = tab->engine->total_rows ? tab->engine->total_rows(tab) : 0;
        k = rows ? k / (double)rows : 1;
        if (k > 1) k = 1;
    }
    *factor = 1 / k;
    Ast *ka;
    char *ksql = arena_strdup(&q->arena, key);
    if ((rc = parse_expression_text(&q->arena, ksql, strlen(ksql), &ka, err))) return rc;
    Expr *ke;
    if ((rc = bind_over_header(q, (*out)->ncols, (*out)->names, (*out)->types, ka, &ke, err))) return rc;
    const DataType *kt = type_strip_lc(ke->type);
    if (!type_is_uint(kt)) return err_set(err, ERR_ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER, "Invalid sampling column type in storage parameters: %s", kt->name);
    long double range = powl(2, 8 * kt->size), lo = floorl(off * range), hi = floorl((off + k) * range);
    char *cond = hi >= range ? arena_printf(&q->arena, "(%s) >= %.0Lf", key, lo)
                             : arena_printf(&q->arena, "(%s) >= %.0Lf AND (%s) < %.0Lf", key, lo, key, hi);
    Ast *ca;
    Expr *ce;
    if ((rc = parse_expression_text(&q->arena, cond, strlen(cond), &ca, err)) ||
        (rc = bind_over_header(q, (*out)->ncols, (*out)->names, (*out)->types, ca, &ce, err)))
        return rc;
    *out = op_filter(*out, ce);
    (*out)->label = "Filter (SAMPLE)";
    return 0;
}

/* What reading a materialized view means: its columns, from its target. */
static char *mv_read_sql(QueryCtx *q, const Table *mv)
{
    Buf b = {0};
    buf_puts(&b, "SELECT ");
    for (int i = 0; i < mv->ncols; i++) {
        if (i) buf_puts(&b, ", ");
        text_write_ident(&b, mv->cols[i].name);
    }
    buf_puts(&b, " FROM ");
    text_write_ident(&b, mv->mv_to_db);
    buf_putc(&b, '.');
    text_write_ident(&b, mv->mv_to);
    char *sql = arena_strndup(&q->arena, b.data, b.len);
    buf_free(&b);
    return sql;
}

static CteDef *find_cte(Scope *s, const char *name)
{
    for (; s; s = s->outer)
        for (int i = 0; i < s->nctes; i++)
            if (strcmp(s->ctes[i].name, name) == 0) return &s->ctes[i];
    return NULL;
}

static void add_qualifier(QueryCtx *q, Scope *s, const char *name)
{
    if (!name) return;
    char **n = arena_alloc(&q->arena, sizeof *n * (size_t)(s->nqualifiers + 1));
    if (s->nqualifiers) memcpy(n, s->qualifiers, sizeof *n * (size_t)s->nqualifiers);
    n[s->nqualifiers++] = arena_strdup(&q->arena, name);
    s->qualifiers = n;
}

/* Scope entries for an Op's header, all under one qualifier. */
static void scope_from_op(QueryCtx *q, Scope *s, Op *op, const char *qual, int base)
{
    for (int i = 0; i < op->ncols; i++) scope_add(q, s, op->names[i], qual, op->types[i], base + i);
    add_qualifier(q, s, qual);
}

static int const_arg(QueryCtx *q, Ast *a, Column **out, Err *err) { return eval_const_expr(q, a, out, err); }

static int const_u64(QueryCtx *q, Ast *a, uint64_t *v, Err *err)
{
    Column *c;
    int rc = const_arg(q, a, &c, err);
    if (rc) return rc;
    const DataType *t = type_strip(c->type);
    if (!type_is_int(t)) {
        rc = err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of argument of table function", c->type->name);
        col_unref(c);   /* after its type's name is used */
        return rc;
    }
    Column *inner = c->type->kind == TYPE_NULLABLE ? c->sub[0] : c;
    *v = col_get_u64(inner, 0);
    col_unref(c);
    return 0;
}

static int tf_numbers(QueryCtx *q, Ast *f, bool zeros, Op **out, Err *err)
{
    uint64_t a = 0, b = 0, step = 1;
    int rc;
    if (f->nargs < 1 || f->nargs > (zeros ? 1 : 3))
        return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Table function '%s' requires 'length' or 'offset, length'", f->name);
    if ((rc = const_u64(q, f->args[0], &a, err))) return rc;
    if (f->nargs >= 2 && (rc = const_u64(q, f->args[1], &b, err))) return rc;
    if (f->nargs == 3 && (rc = const_u64(q, f->args[2], &step, err))) return rc;
    if (f->nargs == 1) *out = op_numbers(q, 0, a, 1, false, zeros ? "zero" : "number", zeros);
    else if (f->nargs == 2) *out = op_numbers(q, a, b, 1, false, "number", false);
    else {
        if (step == 0) return err_set(err, ERR_BAD_ARGUMENTS, "Table function 'numbers' requires step to be a positive number");
        uint64_t count = b > a ? (b - a + step - 1) / step : 0;
        *out = op_numbers(q, a, count, step, false, "number", false);
    }
    return 0;
}

/* values('a UInt8, b String', (1, 'x'), ...) or values(1, 2, 3) */
static int tf_values(QueryCtx *q, Ast *f, Op **out, Err *err)
{
    if (f->nargs < 1) return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Table function 'values' requires at least 1 argument");
    int first = 0, ncols = 1;
    char **names = NULL;
    const DataType **types = NULL;
    int rc;
    if (f->nargs >= 2 && f->args[0]->kind == AST_LITERAL && f->args[0]->lit.kind == FV_STRING) {
        /* structure: "name Type, name Type" parsed as a Tuple(name Type, ...) */
        char *s = arena_printf(&q->arena, "Tuple(%s)", f->args[0]->lit.str.s);
        const DataType *tt;
        if ((rc = type_parse(s, &tt, err))) return rc;
        ncols = tt->nsub;
        names = arena_alloc(&q->arena, sizeof *names * (size_t)ncols);
        types = arena_alloc(&q->arena, sizeof *types * (size_t)ncols);
        for (int i = 0; i < ncols; i++) {
            names[i] = tt->names ? (char *)tt->names[i] : arena_printf(&q->arena, "c%d", i + 1);
            types[i] = tt->sub[i];
        }
        first = 1;
    }
    int nrows = f->nargs - first;
    Column **vals = arena_alloc(&q->arena, sizeof *vals * (size_t)(nrows ? nrows : 1));
    for (int i = 0; i < nrows; i++)
        if ((rc = const_arg(q, f->args[first + i], &vals[i], err))) {
            for (int k = 0; k < i; k++) col_unref(vals[k]);
            return rc;
        }
    if (!types) {
        /* infer from the first value: a tuple gives several columns */
        const DataType *t0 = vals[0]->type;
        if (t0->kind == TYPE_TUPLE) {
            ncols = t0->nsub;
            types = arena_alloc(&q->arena, sizeof *types * (size_t)ncols);
            names = arena_alloc(&q->arena, sizeof *names * (size_t)ncols);
            for (int i = 0; i < ncols; i++) {
                const DataType **col_types = arena_alloc(&q->arena, sizeof *col_types * (size_t)nrows);
                for (int r = 0; r < nrows; r++)
                    col_types[r] = vals[r]->type->kind == TYPE_TUPLE && vals[r]->type->nsub == ncols ? vals[r]->type->sub[i] : t0->sub[i];
                if ((rc = type_supertype(col_types, nrows, &types[i], err))) goto done;
                names[i] = arena_printf(&q->arena, "c%d", i + 1);
            }
        } else {
            ncols = 1;
            types = arena_alloc(&q->arena, sizeof *types);
            names = arena_alloc(&q->arena, sizeof *names);
            const DataType **col_types = arena_alloc(&q->arena, sizeof *col_types * (size_t)nrows);
            for (int r = 0; r < nrows; r++) col_types[r] = vals[r]->type;
            if ((rc = type_supertype(col_types, nrows, &types[0], err))) goto done;
            names[0] = "c1";
        }
    }
    Chunk *ch = chunk_new(ncols, (size_t)nrows);
    for (int c = 0; c < ncols; c++) ch->cols[c] = col_new(types[c]);
    FormatSettings fs;
    format_settings_default(&fs);
    fs.tz = q->tz;
    for (int r = 0; r < nrows && !rc; r++) {
        Column *v = vals[r];
        for (int c = 0; c < ncols && !rc; c++) {
            Column *src = ncols > 1 || (v->type->kind == TYPE_TUPLE && types[0]->kind != TYPE_TUPLE) ? v->sub[c] : v;
            if (ncols > 1 && (v->type->kind != TYPE_TUPLE || v->type->nsub != ncols)) {
                rc = err_set(err, ERR_BAD_ARGUMENTS, "Expected a tuple of %d values in table function 'values'", ncols);
                break;
            }
            Column *cv;
            rc = col_cast(src, types[c], CAST_THROW, &fs, &cv, err);
            if (!rc) {
                col_push_from(ch->cols[c], cv, 0);
                col_unref(cv);
            }
        }
    }
    if (rc) {
        chunk_free(ch);
        goto done;
    }
    Chunk **arr = xmalloc(sizeof *arr);
    arr[0] = ch;
    *out = op_chunks(q, ncols, names, types, arr, 1);
done:
    for (int r = 0; r < nrows; r++) col_unref(vals[r]);
    return rc;
}

int plan_table_function(QueryCtx *q, Ast *f, Op **out, Err *err)
{
    const char *n = f->name;
    if (!strcmp(n, "numbers") || !strcmp(n, "numbers_mt")) return tf_numbers(q, f, false, out, err);
    if (!strcmp(n, "zeros") || !strcmp(n, "zeros_mt")) return tf_numbers(q, f, true, out, err);
    if (!strcasecmp(n, "values")) return tf_values(q, f, out, err);
    if (!strcmp(n, "view") && f->nargs == 1 && f->args[0]->kind == AST_SUBQUERY) return plan_select(q, f->args[0]->a, out, err);
    return err_set(err, ERR_UNKNOWN_FUNCTION, "Unknown table function %s", n);
}


/* SELECT needs the SELECT privilege on each table read (base/access.h):
 * the session's temporary tables and the system tables are open to every
 * user, but for those about users and grants (SHOW USERS / SHOW ACCESS). */
static int check_select(QueryCtx *q, const char *db, const char *name, Err *err)
{
    if (!q->access || (q->temp_db && !strcmp(db, q->temp_db))) return 0;
    if (!strcmp(db, "system") || !strcasecmp(db, "information_schema")) {
        static const char *const ACCESS_TABLES[] = {"users", "roles", "grants", "role_grants", "settings_profiles", "quotas", "row_policies"};
        for (size_t i = 0; i < sizeof ACCESS_TABLES / sizeof *ACCESS_TABLES; i++)
            if (!strcmp(db, "system") && !strcmp(name, ACCESS_TABLES[i])) return access_check(q->access, PRIV_SHOW_ACCESS, NULL, NULL, err);
        return 0;
    }
    return access_check(q->access, PRIV_SELECT, db, name, err);
}
static int plan_table(QueryCtx *q, Scope *outer, Ast *t, Op **out, Scope *scope, Err *err)
{
    int rc;
    if (t->a && t->a->kind == AST_SUBQUERY) {
        if ((rc = plan_select_in(q, outer, t->a->a, out, err))) return rc;
        scope_from_op(q, scope, *out, t->alias, 0);
        return 0;
    }
    if (t->a) {
        if ((rc = plan_table_function(q, t->a, out, err))) return rc;
        scope_from_op(q, scope, *out, t->alias ? t->alias : t->a->name, 0);
        return 0;
    }
    if (!t->db) {
        CteDef *cte = find_cte(outer, t->name);
        if (cte) {
            if ((rc = plan_select_in(q, outer, cte->query, out, err))) return rc;
            scope_from_op(q, scope, *out, t->alias ? t->alias : t->name, 0);
            return 0;
        }
    }
    const char *db = catalog_resolve_db(q->catalog, q->temp_db, t->db, q->database, t->name);
    Table *tab;
    Table *blk = q->block_table;
    if (blk && !strcmp(db, blk->db) && !strcmp(t->name, blk->name)) {
        tab = table_ref(blk);   /* a materialized view reads the block inserted into its source */
    } else {
        if ((rc = catalog_get_table(q->catalog, db, t->name, &tab, err))) return rc;
        if ((rc = check_select(q, db, t->name, err))) {
            table_unref(tab);
            return rc;
        }
    }
    if (tab->is_view) {
        size_t off = 0;
        Ast *st = NULL;
        ParseLimits lim = {0};
        char *sql = tab->is_mv ? mv_read_sql(q, tab) : arena_strdup(&q->arena, tab->view_sql);
        table_unref(tab);
        if ((rc = parse_next_statement(&q->arena, sql, strlen(sql), &off, &lim, &st, err))) return rc;
        void *outer_idents = q->used_idents;
        q->used_idents = ident_set_collect(q, st);   /* the view's own query decides its columns */
        rc = plan_select_in(q, NULL, st, out, err);
        q->used_idents = outer_idents;
        if (rc) return rc;
        scope_from_op(q, scope, *out, t->alias ? t->alias : t->name, 0);
        return 0;
    }
    int *cols = arena_alloc(&q->arena, sizeof *cols * (size_t)(tab->ncols ? tab->ncols : 1));
    int n = 0;
    /* an ALIAS column may use any column: then read them all */
    bool all = !q->used_idents || t->b;   /* SAMPLE: the sampling key's columns are read too */
    for (int i = 0; i < tab->ncols && !all; i++)
        if (tab->cols[i].default_kind == CD_ALIAS && ident_set_wants(q->used_idents, tab->cols[i].name)) all = true;
    for (int i = 0; i < tab->ncols; i++)
        if (tab->cols[i].default_kind != CD_ALIAS && tab->cols[i].default_kind != CD_EPHEMERAL &&
            (all || ident_set_wants(q->used_idents, tab->cols[i].name)))
            cols[n++] = i;
    /* a part written before a column was added computes its DEFAULT from the
     * row: read what the expression may use (by name, over-approximated) */
    for (int i = 0; i < n && !all; i++) {
        const char *def = tab->cols[cols[i]].default_sql;
        for (int j = 0; def && j < tab->ncols; j++) {
            bool have = false;
            for (int k = 0; k < n; k++) have |= cols[k] == j;
            if (!have && tab->cols[j].default_kind != CD_ALIAS && tab->cols[j].default_kind != CD_EPHEMERAL && strstr(def, tab->cols[j].name))
                cols[n++] = j;
        }
    }
    if (!all) {
        /* read in the order the query first uses them (as ClickHouse lists them) */
        for (int i = 1; i < n; i++)
            for (int j = i; j > 0 && ident_set_rank(q->used_idents, tab->cols[cols[j]].name) <
                                         ident_set_rank(q->used_idents, tab->cols[cols[j - 1]].name); j--) {
                int t2 = cols[j];
                cols[j] = cols[j - 1];
                cols[j - 1] = t2;
            }
    }
    if (n == 0) {
        /* count() and friends still need the row count: read the narrowest column */
        int best = -1;
        for (int i = 0; i < tab->ncols; i++) {
            if (tab->cols[i].default_kind == CD_ALIAS || tab->cols[i].default_kind == CD_EPHEMERAL) continue;
            int sz = tab->cols[i].type->size > 0 ? tab->cols[i].type->size : 1 << 20;
            if (best < 0 || sz < (tab->cols[best].type->size > 0 ? tab->cols[best].type->size : 1 << 20)) best = i;
        }
        if (best >= 0) cols[n++] = best;
    }
    rc = tab->engine->scan(tab, q, cols, n, out, err);
    if (!rc && (t->flags & TBL_FINAL)) {
        /* FINAL: the scan applies the engine's merge rules while reading */
        if ((*out)->vt->set_final) rc = (*out)->vt->set_final(*out, err);
        else rc = err_set(err, ERR_ILLEGAL_FINAL, "Storage %s doesn't support FINAL", table_engine_name(tab));
        if (rc) {
            op_close(*out);
            *out = NULL;
        }
    }
    if (rc) {
        table_unref(tab);
        return rc;
    }
    const char *qual = t->alias ? t->alias : t->name;
    double factor = 1;
    if (t->b && (rc = apply_sample(q, tab, t, out, &factor, err))) {
        table_unref(tab);
        return rc;
    }
    for (int k = 0; k < n; k++) {
        const ColumnDef *cd = &tab->cols[cols[k]];
        /* a String used only through its length: the scan may read just the lengths */
        bool sizes = !all && !(t->flags & TBL_FINAL) && cd->type->kind == TYPE_STRING && ident_set_sizes_only(q->used_idents, cd->name) &&
                     (*out)->vt->read_sizes && (*out)->vt->read_sizes(*out, k);
        scope_add(q, scope, cd->name, qual, sizes ? (*out)->types[k] : cd->type, k);
        ScopeCol *sc = &scope->cols[scope->ncols - 1];
        sc->db = arena_strdup(&q->arena, tab->db);
        sc->hidden = cd->default_kind == CD_MATERIALIZED;
        sc->sizes = sizes;
    }
    /* ALIAS columns: virtual, expanded from their expression */
    for (int i = 0; i < tab->ncols; i++) {
        const ColumnDef *cd = &tab->cols[i];
        if (cd->default_kind != CD_ALIAS || !cd->default_sql) continue;
        Ast *ae;
        char *sql = arena_strdup(&q->arena, cd->default_sql);
        if ((rc = parse_expression_text(&q->arena, sql, strlen(sql), &ae, err))) {
            table_unref(tab);
            return rc;
        }
        scope_add(q, scope, cd->name, qual, cd->type, -1);
        ScopeCol *sc = &scope->cols[scope->ncols - 1];
        sc->db = arena_strdup(&q->arena, tab->db);
        sc->hidden = true;
        sc->alias_expr = ae;
    }
    if (t->b) {   /* _sample_factor: how many rows each sampled row stands for */
        int at = (*out)->ncols;
        Expr **ex = arena_alloc(&q->arena, sizeof *ex * (size_t)(at + 1));
        char **nm = arena_alloc(&q->arena, sizeof *nm * (size_t)(at + 1));
        for (int i = 0; i < at; i++) ex[i] = expr_input(q, i, (*out)->types[i], (*out)->names[i]), nm[i] = (*out)->names[i];
        Column *fc = col_new(type_basic(TYPE_FLOAT64));
        COL_PUSH(fc, double, factor);
        ex[at] = expr_const(q, fc, "_sample_factor");
        nm[at] = "_sample_factor";
        *out = op_project(*out, ex, at + 1, nm);
        scope_add(q, scope, "_sample_factor", qual, type_basic(TYPE_FLOAT64), at);
        scope->cols[scope->ncols - 1].hidden = true;
    }
    add_qualifier(q, scope, qual);
    if (t->alias) add_qualifier(q, scope, t->name);
    /* The query keeps the table alive until it ends. */
    qctx_defer(q, (void (*)(void *))table_unref, tab);
    return 0;
}

/* ---- joins ---- */

static void collect_idents(Ast *e, Ast ***ids, int *n, QueryCtx *q)
{
    if (!e) return;
    if (e->kind == AST_IDENT) {
        ast_push(&q->arena, ids, n, e);
        return;
    }
    if (e->kind == AST_FUNC) {
        if (e->flags & FN_LAMBDA) return;
        for (int i = 0; i < e->nargs; i++) collect_idents(e->args[i], ids, n, q);
    }
}

/* 1 = only left, 2 = only right, 3 = both, 0 = none */
static int sides_of(QueryCtx *q, Ast *e, Scope *l, Scope *r)
{
    Ast **ids = NULL;
    int n = 0, sides = 0;
    collect_idents(e, &ids, &n, q);
    for (int i = 0; i < n; i++) {
        Binder bl = {.q = q, .scope = l}, br = {.q = q, .scope = r};
        Expr *x;
        Err tmp;
        bool in_l = bind_expr(&bl, ids[i], &x, &tmp) == 0;
        bool in_r = bind_expr(&br, ids[i], &x, &tmp) == 0;
        if (in_l && in_r) {
            /* qualified identifiers decide; unqualified prefer left */
            if (ids[i]->nparts > 1) {
                bool ql = false;
                for (int k = 0; k < l->nqualifiers; k++) ql |= !strcmp(l->qualifiers[k], ids[i]->parts[0]);
                sides |= ql ? 1 : 2;
            } else {
                sides |= 1;
            }
        } else if (in_l) {
            sides |= 1;
        } else if (in_r) {
            sides |= 2;
        }
    }
    return sides;
}

static void split_and(QueryCtx *q, Ast *e, Ast ***out, int *n)
{
    if (e->kind == AST_FUNC && !strcmp(e->name, "and")) {
        for (int i = 0; i < e->nargs; i++) split_and(q, e->args[i], out, n);
        return;
    }
    ast_push(&q->arena, out, n, e);
}

/* Appends key expressions as extra columns of an Op; returns their positions. */
static int add_key_columns(QueryCtx *q, Op **op, Scope *s, Ast **keys, int nkeys, const DataType **types, int *pos, Err *err)
{
    int base = (*op)->ncols;
    Expr **exprs = arena_alloc(&q->arena, sizeof *exprs * (size_t)(base + nkeys));
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(base + nkeys));
    for (int i = 0; i < base; i++) {
        exprs[i] = expr_input(q, i, (*op)->types[i], (*op)->names[i]);
        names[i] = (*op)->names[i];
    }
    Binder b = {.q = q, .scope = s};
    for (int k = 0; k < nkeys; k++) {
        Expr *e;
        int rc = bind_expr(&b, keys[k], &e, err);
        if (rc) return rc;
        if (e->type != types[k]) {
            Column *tc = col_new(type_basic(TYPE_STRING));
            col_push_str(tc, types[k]->name, strlen(types[k]->name));
            Expr *te = expr_const(q, tc, "type");
            FuncCall *fc = arena_alloc(&q->arena, sizeof *fc);
            const DataType *ts[2] = {e->type, te->type};
            Column *cs[2] = {NULL, te->value};
            if ((rc = func_resolve(fc, q, "_CAST", ts, cs, 2, err))) return rc;
            Expr *ce = arena_alloc(&q->arena, sizeof *ce);
            ce->kind = EX_FUNC;
            ce->call = fc;
            ce->type = fc->out_type;
            ce->nargs = 2;
            ce->args = arena_alloc(&q->arena, sizeof *ce->args * 2);
            ce->args[0] = e;
            ce->args[1] = te;
            ce->name = e->name;
            e = ce;
        }
        exprs[base + k] = e;
        names[base + k] = arena_printf(&q->arena, "__join_key_%d", k);
        pos[k] = base + k;
    }
    *op = op_project(*op, exprs, base + nkeys, names);
    return 0;
}

/* A bound call fn(args) (arguments already bound). */
static int call_expr(QueryCtx *q, const char *fn, Expr **args, int n, Expr **out, Err *err)
{
    const DataType **ts = arena_alloc(&q->arena, sizeof *ts * (size_t)n);
    Column **cs = arena_alloc(&q->arena, sizeof *cs * (size_t)n);
    for (int i = 0; i < n; i++) {
        ts[i] = args[i]->type;
        cs[i] = args[i]->kind == EX_CONST ? args[i]->value : NULL;
    }
    FuncCall *fc = arena_alloc(&q->arena, sizeof *fc);
    int rc = func_resolve(fc, q, fn, ts, cs, n, err);
    if (rc) return rc;
    Expr *e = arena_alloc(&q->arena, sizeof *e);
    e->kind = EX_FUNC;
    e->call = fc;
    e->type = fc->out_type;
    e->nargs = n;
    e->args = args;
    e->name = (char *)fn;
    *out = e;
    return 0;
}

/* FULL JOIN ... USING: each USING column takes the key of whichever side the
 * row came from; a marker column (1 on every left row) tells them apart. */
static int add_left_marker(QueryCtx *q, Op **lop)
{
    int base = (*lop)->ncols;
    Expr **exprs = arena_alloc(&q->arena, sizeof *exprs * (size_t)(base + 1));
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(base + 1));
    for (int i = 0; i < base; i++) {
        exprs[i] = expr_input(q, i, (*lop)->types[i], (*lop)->names[i]);
        names[i] = (*lop)->names[i];
    }
    Column *one = col_new(type_basic(TYPE_UINT8));
    COL_PUSH(one, uint8_t, 1);
    exprs[base] = expr_const(q, one, "1");   /* takes the reference */
    names[base] = "__left_row";
    *lop = op_project(*lop, exprs, base + 1, names);
    return base;
}

static int coalesce_using_keys(QueryCtx *q, Op **out, Scope *scope, int marker, const JoinSpec *spec, int nl,
                               char **using_names, int nusing, Err *err)
{
    int base = (*out)->ncols;
    Expr **exprs = arena_alloc(&q->arena, sizeof *exprs * (size_t)(base + nusing));
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(base + nusing));
    for (int i = 0; i < base; i++) {
        exprs[i] = expr_input(q, i, (*out)->types[i], (*out)->names[i]);
        names[i] = (*out)->names[i];
    }
    for (int u = 0; u < nusing; u++) {
        int lk = spec->left_keys[u], rk = nl + spec->right_keys[u];
        Expr **args = arena_alloc(&q->arena, sizeof *args * 3);
        args[0] = expr_input(q, marker, (*out)->types[marker], "__left_row");
        args[1] = expr_input(q, lk, (*out)->types[lk], using_names[u]);
        args[2] = expr_input(q, rk, (*out)->types[rk], using_names[u]);
        int rc = call_expr(q, "if", args, 3, &exprs[base + u], err);
        if (rc) return rc;
        names[base + u] = using_names[u];
        for (int k = 0; k < scope->ncols; k++)
            if (!scope->cols[k].hidden && !strcmp(scope->cols[k].name, using_names[u])) {
                scope->cols[k].index = base + u;
                scope->cols[k].type = exprs[base + u]->type;
            }
    }
    *out = op_project(*out, exprs, base + nusing, names);
    return 0;
}

/* SELECT * of a USING join lists the USING columns first. */
static void using_first(Scope *s, char **using_names, int nusing)
{
    int front = 0;
    for (int u = 0; u < nusing; u++)
        for (int k = front; k < s->ncols; k++)
            if (!s->cols[k].hidden && !strcmp(s->cols[k].name, using_names[u])) {
                ScopeCol c = s->cols[k];
                memmove(&s->cols[front + 1], &s->cols[front], sizeof c * (size_t)(k - front));
                s->cols[front++] = c;
                break;
            }
}

static int key_type(QueryCtx *q, Scope *ls, Scope *rs, Ast *lk, Ast *rk, const DataType **out, Err *err)
{
    Binder bl = {.q = q, .scope = ls}, br = {.q = q, .scope = rs};
    Expr *a, *b;
    int rc = bind_expr(&bl, lk, &a, err);
    if (!rc) rc = bind_expr(&br, rk, &b, err);
    if (rc) return rc;
    const DataType *pair[2] = {type_strip_lc(a->type), type_strip_lc(b->type)};
    return type_supertype(pair, 2, out, err);
}

static int plan_join(QueryCtx *q, Scope *outer, Ast *j, Op **out, Scope *scope, Err *err)
{
    Op *lop, *rop;
    Scope ls = {.outer = outer}, rs = {.outer = outer};
    int rc = plan_from(q, outer, j->a, &lop, &ls, err);
    if (rc) return rc;
    if ((rc = plan_from(q, outer, j->b, &rop, &rs, err))) {
        op_close(lop);
        return rc;
    }
    JoinSpec spec = {0};
    static const ExecJoinKind KIND_MAP[] = {EJ_INNER, EJ_LEFT, EJ_RIGHT, EJ_FULL, EJ_CROSS, EJ_CROSS};
    spec.kind = KIND_MAP[j->join_kind];
    spec.strict = j->join_strict == JS_ANY ? EJS_ANY : j->join_strict == JS_SEMI ? EJS_SEMI : j->join_strict == JS_ANTI ? EJS_ANTI : EJS_ALL;
    spec.use_nulls = settings_bool(&q->settings, SET_join_use_nulls);
    Ast **lk = NULL, **rk = NULL, **filters = NULL;
    int nk = 0, nrk = 0, nf = 0;
    char **using_names = NULL;
    int nusing = 0;
    if (j->nargs) {
        for (int i = 0; i < j->nargs; i++) {
            ast_push(&q->arena, &lk, &nk, j->args[i]);
            ast_push(&q->arena, &rk, &nrk, j->args[i]);
            nusing++;
        }
        using_names = arena_alloc(&q->arena, sizeof *using_names * (size_t)nusing);
        for (int i = 0; i < nusing; i++) using_names[i] = j->args[i]->name;
    } else if (j->c) {
        Ast **conj = NULL;
        int nc = 0;
        split_and(q, j->c, &conj, &nc);
        for (int i = 0; i < nc; i++) {
            Ast *c = conj[i];
            if (c->kind == AST_FUNC && !strcmp(c->name, "equals") && c->nargs == 2) {
                int s0 = sides_of(q, c->args[0], &ls, &rs), s1 = sides_of(q, c->args[1], &ls, &rs);
                if (s0 == 1 && s1 == 2) {
                    ast_push(&q->arena, &lk, &nk, c->args[0]);
                    ast_push(&q->arena, &rk, &nrk, c->args[1]);
                    continue;
                }
                if (s0 == 2 && s1 == 1) {
                    ast_push(&q->arena, &lk, &nk, c->args[1]);
                    ast_push(&q->arena, &rk, &nrk, c->args[0]);
                    continue;
                }
            }
            ast_push(&q->arena, &filters, &nf, c);
        }
        if (nk == 0 && spec.kind != EJ_CROSS && spec.kind != EJ_INNER) {
            op_close(lop);
            op_close(rop);
            return err_set(err, ERR_INVALID_JOIN_ON_EXPRESSION, "Cannot determine join keys in JOIN ON expression");
        }
    }
    /* side-only filters go below the join when the join kind keeps semantics */
    Ast **post = NULL;
    int npost = 0;
    for (int i = 0; i < nf; i++) {
        int s = sides_of(q, filters[i], &ls, &rs);
        if (s == 2 && (spec.kind == EJ_INNER || spec.kind == EJ_LEFT)) {
            Binder b = {.q = q, .scope = &rs};
            Expr *p;
            if ((rc = bind_expr(&b, filters[i], &p, err))) goto fail;
            rop = op_filter(rop, p);
        } else if (s == 1 && (spec.kind == EJ_INNER || spec.kind == EJ_RIGHT)) {
            Binder b = {.q = q, .scope = &ls};
            Expr *p;
            if ((rc = bind_expr(&b, filters[i], &p, err))) goto fail;
            lop = op_filter(lop, p);
        } else if (spec.kind == EJ_INNER || spec.kind == EJ_CROSS) {
            ast_push(&q->arena, &post, &npost, filters[i]);
        } else {
            rc = err_set(err, ERR_NOT_IMPLEMENTED, "Unsupported JOIN ON condition for this join kind");
            goto fail;
        }
    }
    if (nk) {
        const DataType **kt = arena_alloc(&q->arena, sizeof *kt * (size_t)nk);
        for (int k = 0; k < nk; k++)
            if ((rc = key_type(q, &ls, &rs, lk[k], rk[k], &kt[k], err))) goto fail;
        spec.nkeys = nk;
        spec.left_keys = arena_alloc(&q->arena, sizeof(int) * (size_t)nk);
        spec.right_keys = arena_alloc(&q->arena, sizeof(int) * (size_t)nk);
        if ((rc = add_key_columns(q, &lop, &ls, lk, nk, kt, spec.left_keys, err))) goto fail;
        if ((rc = add_key_columns(q, &rop, &rs, rk, nk, kt, spec.right_keys, err))) goto fail;
    } else if (spec.kind != EJ_CROSS) {
        spec.kind = spec.kind == EJ_INNER ? EJ_CROSS : spec.kind;
    }
    int marker = -1;
    if (nusing && spec.kind == EJ_FULL) marker = add_left_marker(q, &lop);
    int nl = lop->ncols;
    spec.keep_sides = nusing > 0;   /* as ClickHouse: a USING join is never swapped */
    *out = op_join(lop, rop, &spec);
    /* scope: left columns, right columns shifted; USING columns appear once */
    for (int i = 0; i < ls.ncols; i++) {
        ScopeCol c = ls.cols[i];
        scope_add(q, scope, c.name, c.table, (*out)->types[c.index >= 0 ? c.index : 0], c.index);
        ScopeCol *n = &scope->cols[scope->ncols - 1];
        n->db = c.db;
        n->hidden = c.hidden;
        n->alias_expr = c.alias_expr;
        n->sizes = c.sizes;
        if (c.index < 0) n->type = c.type;
    }
    for (int i = 0; i < rs.ncols; i++) {
        ScopeCol c = rs.cols[i];
        bool is_using = false;
        for (int u = 0; u < nusing; u++) is_using |= !strcmp(using_names[u], c.name);
        int idx = c.index >= 0 ? nl + c.index : -1;
        scope_add(q, scope, c.name, c.table, idx >= 0 ? (*out)->types[idx] : c.type, idx);
        ScopeCol *n = &scope->cols[scope->ncols - 1];
        n->db = c.db;
        n->hidden = c.hidden || is_using;
        n->alias_expr = c.alias_expr;
        n->sizes = c.sizes;
        if (is_using && spec.kind == EJ_RIGHT) {
            /* RIGHT JOIN USING: the key comes from the right side */
            for (int k = 0; k < scope->ncols - 1; k++)
                if (!strcmp(scope->cols[k].name, c.name) && !scope->cols[k].hidden) {
                    scope->cols[k].index = idx;
                    scope->cols[k].type = n->type;
                }
        }
    }
    for (int i = 0; i < ls.nqualifiers; i++) add_qualifier(q, scope, ls.qualifiers[i]);
    for (int i = 0; i < rs.nqualifiers; i++) add_qualifier(q, scope, rs.qualifiers[i]);
    if (marker >= 0 && (rc = coalesce_using_keys(q, out, scope, marker, &spec, nl, using_names, nusing, err))) return rc;
    if (nusing) using_first(scope, using_names, nusing);
    for (int i = 0; i < npost; i++) {
        Binder b = {.q = q, .scope = scope};
        Expr *p;
        if ((rc = bind_expr(&b, post[i], &p, err))) return rc;
        *out = op_filter(*out, p);
    }
    return 0;
fail:
    op_close(lop);
    op_close(rop);
    return rc;
}

int plan_from(QueryCtx *q, Scope *outer, Ast *from, Op **out, Scope *scope, Err *err)
{
    if (from->kind == AST_JOIN) return plan_join(q, outer, from, out, scope, err);
    return plan_table(q, outer, from, out, scope, err);
}
