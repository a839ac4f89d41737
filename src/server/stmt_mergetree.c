/* stmt_mergetree.c — the server's side of the MergeTree engine: turning a
 * CREATE statement's engine clauses into an MtDef (SQL text of the keys,
 * settings, the data directory), the expression-binding hook storage uses to
 * evaluate key expressions, and OPTIMIZE TABLE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../base/mem.h"
#include "../column/text.h"
#include "../sql/parser.h"
#include "../base/proclist.h"
#include "../storage/mt_condcache.h"
#include "../storage/mt_serial.h"
#include "../storage/mt_skip.h"
#include "../storage/mt_table.h"
#include "../storage/mutation.h"
#include "../storage/mtree.h"
#include "stmt.h"

/* ---- the bind hook ---- */

static int bind_hook(QueryCtx *q, int ncols, char **names, const DataType **types, const char *sql, Expr ***out, int *n,
                     Err *err)
{
    Ast **items;
    int k;
    char *text = arena_strdup(&q->arena, sql);
    int rc = parse_expression_list_text(&q->arena, text, strlen(text), &items, &k, err);
    if (rc) return rc;
    Expr **e = arena_alloc(&q->arena, sizeof *e * (size_t)(k ? k : 1));
    for (int i = 0; i < k; i++)
        if ((rc = bind_over_header(q, ncols, names, types, items[i], &e[i], err))) return rc;
    *out = e;
    *n = k;
    return 0;
}

void stmt_install_storage_hooks(void) { storage_bind = bind_hook; }

/* ---- CREATE ---- */

/* The elements of a key: (a, b) and tuple(a, b) are lists, tuple() is empty. */
static void key_items(QueryCtx *q, Ast *e, char ***items, int *n)
{
    *items = NULL;
    *n = 0;
    if (!e) return;
    if (e->kind == AST_FUNC && !strcmp(e->name, "tuple")) {
        *items = arena_alloc(&q->arena, sizeof **items * (size_t)(e->nargs + 1));
        for (int i = 0; i < e->nargs; i++) (*items)[i] = stmt_format_expr(q, e->args[i]);
        *n = e->nargs;
        return;
    }
    *items = arena_alloc(&q->arena, sizeof **items);
    (*items)[0] = stmt_format_expr(q, e);
    *n = 1;
}

static void collect_columns(QueryCtx *q, Table *t, Ast *e, char ***cols, int *n)
{
    if (!e) return;
    if (e->kind == AST_IDENT && table_column_index(t, e->name) >= 0) {
        for (int i = 0; i < *n; i++)
            if (!strcmp((*cols)[i], e->name)) return;
        char **nc = arena_alloc(&q->arena, sizeof *nc * (size_t)(*n + 1));
        if (*n) memcpy(nc, *cols, sizeof *nc * (size_t)*n);
        nc[(*n)++] = e->name;
        *cols = nc;
        return;
    }
    if (e->kind == AST_FUNC)
        for (int i = 0; i < e->nargs; i++) collect_columns(q, t, e->args[i], cols, n);
}

static char *data_dir(Session *s, QueryCtx *q, const char *db, const char *name)
{
    Buf b = {0}, d = {0}, n = {0};
    mt_escape_name(db, &d);
    mt_escape_name(name, &n);
    buf_printf(&b, "%s/data/%.*s/%.*s", s->catalog->path ? s->catalog->path : ".", (int)d.len, d.data, (int)n.len, n.data);
    char *r = arena_strndup(&q->arena, b.data, b.len);
    buf_free(&b);
    buf_free(&d);
    buf_free(&n);
    return r;
}

/* The skip-index definitions of d from INDEX declarations, and the table's
 * index_sql (what SHOW CREATE prints) to match. */
static int index_defs(QueryCtx *q, Table *t, Ast **decls, int n, MtDef *d, Err *err)
{
    d->nindexes = n;
    d->indexes = arena_alloc(&q->arena, sizeof *d->indexes * (size_t)(n + 1));
    for (int i = 0; i < t->nindex; i++) free(t->index_sql[i]);
    free(t->index_sql);
    t->nindex = 0;
    t->index_sql = xcalloc((size_t)n + 1, sizeof *t->index_sql);
    for (int i = 0; i < n; i++) {
        Ast *ix = decls[i];
        MtIndexDef *x = &d->indexes[i];
        x->name = ix->name;
        x->expr = stmt_format_expr(q, ix->a);
        key_items(q, ix->a, &x->expr_items, &x->nexpr_items);
        x->type_name = ix->b->name;
        x->ntype_args = ix->b->kind == AST_FUNC ? ix->b->nargs : 0;
        x->type_args = arena_alloc(&q->arena, sizeof *x->type_args * (size_t)(x->ntype_args + 1));
        for (int k = 0; k < x->ntype_args; k++) x->type_args[k] = stmt_format_expr(q, ix->b->args[k]);
        x->granularity = ix->lit.u;
        if (!x->granularity) return err_set(err, ERR_BAD_ARGUMENTS, "Index GRANULARITY must be a positive integer.");
        Buf b = {0};
        buf_puts(&b, "INDEX ");
        text_write_ident(&b, ix->name);
        buf_printf(&b, " %s TYPE %s GRANULARITY %llu", x->expr, stmt_format_expr(q, ix->b), (unsigned long long)x->granularity);
        t->index_sql[t->nindex++] = xstrndup(b.data, b.len);
        buf_free(&b);
    }
    return 0;
}

int stmt_table_clauses(QueryCtx *q, const Table *t, const char *engine, StmtCreateTable **out, Err *err)
{
    Buf b = {0};
    buf_puts(&b, "CREATE TABLE _t (_c UInt8");
    for (int i = 0; i < t->nindex; i++) buf_printf(&b, ", %s", t->index_sql[i]);
    buf_printf(&b, ") ENGINE = %s", !strcmp(engine, "Null") ? "`Null`" : engine);   /* Null is also a keyword */
    char *sql = arena_strndup(&q->arena, b.data, b.len);
    buf_free(&b);
    size_t off = 0;
    ParseLimits lim = {0};
    Ast *st;
    int rc = parse_next_statement(&q->arena, sql, strlen(sql), &off, &lim, &st, err);
    if (!rc) *out = st->stmt;
    return rc;
}

/* The table's INDEX declarations, read back from their SHOW CREATE text. */
static int current_indexes(QueryCtx *q, Table *t, Ast ***out, int *n, Err *err)
{
    StmtCreateTable *ct;
    int rc = stmt_table_clauses(q, t, "Memory", &ct, err);
    if (rc) return rc;
    *out = ct->indexes;
    *n = ct->nindexes;
    return 0;
}

int stmt_mt_alter_index(Session *s, QueryCtx *q, Table *t, const AlterCmd *c, Err *err)
{
    if (c->kind == ALT_PROJECTION) return 0;   /* accepted, not kept (stmt.h) */
    if (!mt_is_merge_tree(t))
        return err_set(err, ERR_NOT_IMPLEMENTED, "Table engine %s doesn't support skipping indices", table_engine_name(t));
    Ast **ix, **nx;
    int n, m = 0, rc = current_indexes(q, t, &ix, &n, err);
    if (rc) return rc;
    const char *name = c->kind == ALT_ADD_INDEX ? c->col->name : c->name;
    int at = -1;
    for (int i = 0; i < n; i++)
        if (!strcmp(ix[i]->name, name)) at = i;
    if (c->kind == ALT_ADD_INDEX && at >= 0)
        return c->if_not_exists ? 0 : err_set(err, ERR_ILLEGAL_COLUMN, "Cannot add index %s: index with this name already exists", name);
    if (c->kind != ALT_ADD_INDEX && at < 0)
        return c->if_exists ? 0 : err_set(err, ERR_BAD_ARGUMENTS, "Unknown index: %s", name);
    if (c->kind == ALT_MATERIALIZE_INDEX) {   /* every part rewritten whole, so each gets the index */
        Mutation mut = {0};
        mutation_add(&mut, MUT_REBUILD, "1", arena_printf(&q->arena, "MATERIALIZE INDEX %s", name));
        rc = t->engine->mutate(t, q, &mut, err);
        mutation_free(&mut);
        return rc;
    }
    nx = arena_alloc(&q->arena, sizeof *nx * (size_t)(n + 2));
    if (c->kind == ALT_ADD_INDEX && c->first) nx[m++] = c->col;
    for (int i = 0; i < n; i++) {
        if (c->kind == ALT_DROP_INDEX && i == at) continue;
        nx[m++] = ix[i];
        if (c->kind == ALT_ADD_INDEX && c->after && !strcmp(ix[i]->name, c->after)) nx[m++] = c->col;
    }
    if (c->kind == ALT_ADD_INDEX && m == n) nx[m++] = c->col;   /* at the end */
    MtDef d;
    memset(&d, 0, sizeof d);
    if ((rc = index_defs(q, t, nx, m, &d, err))) return rc;
    MtTable *mt = t->impl;
    pthread_rwlock_wrlock(&t->lock);
    mt_skip_free(mt);
    rc = mt_skip_init(mt, t, q, &d, err);
    pthread_rwlock_unlock(&t->lock);
    return rc ? rc : catalog_persist_table(s->catalog, t, err);
}

/* The engine text SHOW CREATE prints, with its TTL line replaced (ttl NULL: removed). */
static char *engine_with_ttl(const char *full, const char *ttl, const char *where)
{
    const char *at = strstr(full, "\nTTL "), *settings = strstr(full, "\nSETTINGS ");
    size_t head = at ? (size_t)(at - full) : settings ? (size_t)(settings - full) : strlen(full);
    const char *tail = settings ? settings : full + strlen(full);
    Buf b = {0};
    buf_put(&b, full, head);
    if (ttl) buf_printf(&b, "\nTTL %s%s%s", ttl, where ? " WHERE " : "", where ? where : "");
    buf_puts(&b, tail);
    char *r = xstrndup(b.data, b.len);
    buf_free(&b);
    return r;
}

/* Rows the new rule has already expired are deleted now, as ClickHouse's
 * MATERIALIZE TTL does (materialize_ttl_after_modify); later ones go in merges. */
static int materialize_ttl(Session *s, QueryCtx *q, Table *t, const char *ttl, const char *where, Err *err)
{
    char *cond = arena_printf(&q->arena, "(%s) <= now()%s%s%s", ttl, where ? " AND (" : "", where ? where : "", where ? ")" : "");
    AlterCmd del = {.kind = ALT_DELETE};
    int rc = parse_expression_text(&q->arena, cond, strlen(cond), &del.where, err);
    if (rc) return rc;
    StmtAlter al = {.cmds = &del, .ncmds = 1};
    return stmt_alter_rows(s, q, t, &al, err);
}

int stmt_mt_modify_ttl(Session *s, QueryCtx *q, Table *t, const AlterCmd *c, Err *err)
{
    if (!mt_is_merge_tree(t)) return err_set(err, ERR_BAD_ARGUMENTS, "Engine %s doesn't support TTL clause", table_engine_name(t));
    MtTable *mt = t->impl;
    const char *ttl = c->kind == ALT_MODIFY_TTL ? stmt_format_expr(q, c->where) : NULL;
    const char *where = ttl && c->ttl_where ? stmt_format_expr(q, c->ttl_where) : NULL;
    pthread_rwlock_wrlock(&t->lock);
    int rc = mt_ttl_replace(mt, t, q, ttl, where, err);
    if (!rc) {
        char *full = engine_with_ttl(t->engine_full, ttl, where);
        free(t->engine_full);
        t->engine_full = full;
    }
    pthread_rwlock_unlock(&t->lock);
    if (!rc) rc = catalog_persist_table(s->catalog, t, err);
    if (!rc && ttl && settings_bool(&q->settings, SET_materialize_ttl_after_modify)) rc = materialize_ttl(s, q, t, ttl, where, err);
    return rc;
}

int stmt_merge_tree_engine(Session *s, QueryCtx *q, Table *t, StmtCreateTable *ct, Err *err)
{
    MtDef d = {0};
    Ast *eng = ct->engine;
    d.engine = eng->name;
    d.nengine_args = eng->nargs;
    d.engine_args = arena_alloc(&q->arena, sizeof *d.engine_args * (size_t)(eng->nargs + 1));
    for (int i = 0; i < eng->nargs; i++) d.engine_args[i] = stmt_format_expr(q, eng->args[i]);
    if (ct->order_by) d.order_by = stmt_format_expr(q, ct->order_by);
    if (ct->primary_key) d.primary_key = stmt_format_expr(q, ct->primary_key);
    if (ct->partition_by) d.partition_by = stmt_format_expr(q, ct->partition_by);
    if (ct->sample_by) d.sample_by = stmt_format_expr(q, ct->sample_by);
    if (ct->ttl) d.ttl = stmt_format_expr(q, ct->ttl);
    if (ct->ttl_where) d.ttl_where = stmt_format_expr(q, ct->ttl_where);
    key_items(q, ct->order_by, &d.order_items, &d.norder_items);
    key_items(q, ct->primary_key, &d.primary_items, &d.nprimary_items);
    key_items(q, ct->partition_by, &d.partition_items, &d.npartition_items);
    collect_columns(q, t, ct->partition_by, &d.minmax_cols, &d.nminmax_cols);
    d.nsettings = ct->nengine_settings;
    d.setting_names = arena_alloc(&q->arena, sizeof *d.setting_names * (size_t)(d.nsettings + 1));
    d.setting_values = arena_alloc(&q->arena, sizeof *d.setting_values * (size_t)(d.nsettings + 1));
    d.setting_sql = arena_alloc(&q->arena, sizeof *d.setting_sql * (size_t)(d.nsettings + 1));
    for (int i = 0; i < d.nsettings; i++) {
        Ast *it = ct->engine_settings[i];
        d.setting_names[i] = it->name;
        d.setting_values[i] = d.setting_sql[i] = stmt_format_expr(q, it->a);
        if (it->a->kind == AST_LITERAL && it->a->lit.kind == FV_STRING) d.setting_values[i] = arena_strndup(&q->arena, it->a->lit.str.s, it->a->lit.str.len);
    }
    int rc = index_defs(q, t, ct->indexes, ct->nindexes, &d, err);
    if (rc) return rc;
    d.data_dir = data_dir(s, q, t->db, t->name);
    t->data_dir = xstrdup(d.data_dir);
    return mt_engine_init(t, q, &d, s->catalog->loading, err);
}

/* ---- OPTIMIZE ---- */

int stmt_partition_id(QueryCtx *q, Table *t, Ast *e, bool is_id, char *pid, size_t cap, Err *err)
{
    Expr *v;
    int rc = bind_over_header(q, 0, NULL, NULL, e, &v, err);
    if (rc) return rc;
    if (v->kind != EX_CONST) return err_set(err, ERR_BAD_ARGUMENTS, "Partition expression must be constant");
    if (!is_id) return mt_partition_id_for(t, q, v->value, pid, cap, err);
    if (type_strip_lc(v->value->type)->kind != TYPE_STRING)
        return err_set(err, ERR_BAD_ARGUMENTS, "Partition ID must be a string literal");
    size_t n;
    const char *p = col_str(v->value, 0, &n);
    if (n >= cap) return err_set(err, ERR_INVALID_PARTITION_VALUE, "Invalid partition ID");
    memcpy(pid, p, n);
    pid[n] = 0;
    return 0;
}

int stmt_optimize(Session *s, QueryCtx *q, Ast *st, Err *err)
{
    Table *t;
    int rc = catalog_get_table(s->catalog, session_table_db(s, st->db, st->name), st->name, &t, err);
    if (rc) return rc;
    if (!t->engine->optimize) {
        rc = err_set(err, ERR_NOT_IMPLEMENTED, "Table engine %s doesn't support optimization", t->engine ? t->engine->name : "?");
        table_unref(t);
        return rc;
    }
    char pid[256] = {0};
    if (st->a && (rc = stmt_partition_id(q, t, st->a, (st->flags & 4) != 0, pid, sizeof pid, err))) goto done;
    rc = t->engine->optimize(t, q, st->a ? pid : NULL, (st->flags & 1) != 0, err);
done:
    table_unref(t);
    return rc;
}

/* ---- SYSTEM ---- */

static bool word_at(const char **p, const char *w)
{
    while (**p == ' ') (*p)++;
    size_t n = strlen(w);
    if (strncasecmp(*p, w, n) || ((*p)[n] && (*p)[n] != ' ')) return false;
    *p += n;
    return true;
}

/* SYSTEM STOP | START [TTL] MERGES [[db.]table]; SYSTEM DROP | CLEAR QUERY
 * CONDITION CACHE; other cache drops and log flushes are accepted and do
 * nothing (basalt keeps no such caches). */
int stmt_system(Session *s, QueryCtx *q, Ast *st, Err *err)
{
    const char *p = st->name;
    bool stop = false;
    if ((stop = word_at(&p, "STOP")) || word_at(&p, "START")) {
        bool ttl = word_at(&p, "TTL");
        if (!word_at(&p, "MERGES")) return err_set(err, ERR_NOT_IMPLEMENTED, "SYSTEM %s is not supported", st->name);
        void (*set)(Table *, bool) = ttl ? mt_set_ttl_merges_stopped : mt_set_merges_stopped;
        while (*p == ' ') p++;
        char *text = arena_strdup(&q->arena, p);
        size_t n = strlen(text);
        while (n && (text[n - 1] == ' ' || text[n - 1] == ';')) text[--n] = 0;
        if (!n) {
            /* every MergeTree table */
            char **dbs;
            int nd;
            catalog_list_databases(s->catalog, &q->arena, &dbs, &nd);
            for (int d = 0; d < nd; d++) {
                Table **tabs;
                int nt;
                if (catalog_list_tables(s->catalog, dbs[d], &tabs, &nt)) continue;
                for (int i = 0; i < nt; i++) {
                    if (mt_is_merge_tree(tabs[i])) set(tabs[i], stop);
                    table_unref(tabs[i]);
                }
                free(tabs);
            }
            return 0;
        }
        char *dot = strchr(text, '.'), *db = dot ? text : NULL, *name = dot ? dot + 1 : text;
        if (dot) *dot = 0;
        Table *t;
        int rc = catalog_get_table(s->catalog, db ? db : s->database, name, &t, err);
        if (rc) return rc;
        if (mt_is_merge_tree(t)) set(t, stop);
        table_unref(t);
        return 0;
    }
    if (word_at(&p, "DROP") || word_at(&p, "CLEAR")) {
        if (word_at(&p, "QUERY") && word_at(&p, "CONDITION") && word_at(&p, "CACHE")) condcache_clear();
        return 0;
    }
    if (word_at(&p, "FLUSH")) return 0;
    return err_set(err, ERR_NOT_IMPLEMENTED, "SYSTEM %s is not supported", st->name);
}

/* ---- KILL QUERY ---- */

int stmt_kill(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err)
{
    Buf sql = {0};
    buf_puts(&sql, "SELECT query_id, user, query FROM system.processes WHERE ");
    ast_format(st->a, &sql);
    size_t off = 0;
    Ast *sel = NULL;
    int rc = parse_next_statement(&q->arena, arena_strndup(&q->arena, sql.data, sql.len), sql.len, &off, NULL, &sel, err);
    buf_free(&sql);
    Op *op = NULL;
    if (!rc) rc = plan_select(q, sel, &op, err);
    if (rc) return rc;
    const DataType *str = type_basic(TYPE_STRING);
    Chunk *res = chunk_new(4, 0);
    for (int i = 0; i < 4; i++) res->cols[i] = col_new(str);
    for (;;) {
        Chunk *ch;
        if ((rc = op_next(op, &ch, err)) || !ch) break;
        for (size_t r = 0; r < ch->rows; r++) {
            size_t n;
            const char *id = col_str(ch->cols[0], r, &n);
            char qid[64];
            snprintf(qid, sizeof qid, "%.*s", (int)n, id);
            const char *status = "waiting";
            if (st->flags == 2) {
                status = "pending";
            } else if (proc_cancel(qid) && st->flags == 1) {
                /* SYNC: until the query has stopped (bounded) */
                for (int w = 0; w < 3000 && proc_running(qid); w++) usleep(10000);
                status = proc_running(qid) ? "waiting" : "finished";
            }
            col_push_str(res->cols[0], status, strlen(status));
            for (int c = 0; c < 3; c++) col_push_from(res->cols[c + 1], ch->cols[c], r);
            res->rows++;
        }
        chunk_free(ch);
    }
    op_close(op);
    if (rc) {
        chunk_free(res);
        return rc;
    }
    char *names[4] = {"kill_status", "query_id", "user", "query"};
    const DataType *types[4] = {str, str, str, str};
    return emit_chunk(q, 4, names, types, res, stmt_format(st, sink), sink, err);
}

/* ---- CHECK TABLE ---- */

/* One row per part checked: part_path, is_passed, message. */
int stmt_check(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err)
{
    Table *t;
    int rc = catalog_get_table(s->catalog, session_table_db(s, st->db, st->name), st->name, &t, err);
    if (rc) return rc;
    if (!t->engine->check) {
        rc = err_set(err, ERR_NOT_IMPLEMENTED, "Check query is not supported for %s storage", table_engine_name(t));
        table_unref(t);
        return rc;
    }
    const char *part = NULL;
    char pid[256] = {0};
    if (st->b && st->b->kind == AST_LITERAL && st->b->lit.kind == FV_STRING) part = st->b->lit.str.s;
    if (st->a) rc = stmt_partition_id(q, t, st->a, (st->flags & 4) != 0, pid, sizeof pid, err);
    Chunk *ch = NULL;
    if (!rc) rc = mt_check_parts(t, q, pid[0] ? pid : NULL, part, &ch, err);
    table_unref(t);
    if (rc) return rc;
    char *names[3] = {"part_path", "is_passed", "message"};
    const DataType *types[3] = {type_basic(TYPE_STRING), type_basic(TYPE_UINT8), type_basic(TYPE_STRING)};
    return emit_chunk(q, 3, names, types, ch, stmt_format(st, sink), sink, err);
}
