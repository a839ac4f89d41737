/* query.c — query_run: sessions, statement dispatch, SELECT output, SET/USE.
 *
 * This is where the stages meet: text -> parser -> analyzer/planner -> Op
 * pipeline -> output format -> sink. DDL, INSERT and SHOW-like statements are
 * delegated to stmt_*.c. Every statement runs with its own QueryCtx whose
 * memory tracker enforces max_memory_usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../base/mem.h"
#include "../sql/parser.h"
#include "access.h"
#include "stmt.h"

Session *session_new(Catalog *c)
{
    Session *s = xcalloc(1, sizeof *s);
    stmt_install_storage_hooks();
    s->catalog = c;
    settings_init(&s->settings);
    s->database = xstrdup("default");
    s->user = xstrdup("default");
    return s;
}

void session_free(Session *s)
{
    if (!s) return;
    settings_free(&s->settings);
    for (int i = 0; i < s->nparams; i++) {
        free(s->params[i].name);
        free(s->params[i].value);
    }
    free(s->params);
    free(s->database);
    free(s->user);
    if (s->temp_db && s->owns_temp_db) catalog_drop_database(s->catalog, s->temp_db, true, NULL);
    free(s->temp_db);
    for (int i = 0; i < s->nroles; i++) free(s->roles[i]);
    free(s->roles);
    free(s);
}

const char *session_table_db(Session *s, const char *db, const char *name)
{
    return catalog_resolve_db(s->catalog, s->temp_db, db, s->database, name);
}

int session_temp_db(Session *s, const char **out, Err *err)
{
    if (!s->temp_db) {
        static unsigned long next;
        char name[96];
        snprintf(name, sizeof name, "_temporary_and_external_tables_%lu", __atomic_add_fetch(&next, 1, __ATOMIC_RELAXED));
        int rc = catalog_create_temp_database(s->catalog, name, err);
        if (rc) return rc;
        s->temp_db = xstrdup(name);
        s->owns_temp_db = true;
    }
    *out = s->temp_db;
    return 0;
}

int session_set_param(Session *s, const char *name, const char *value)
{
    for (int i = 0; i < s->nparams; i++)
        if (!strcmp(s->params[i].name, name)) {
            free(s->params[i].value);
            s->params[i].value = xstrdup(value);
            return 0;
        }
    s->params = xrealloc(s->params, sizeof *s->params * (size_t)(s->nparams + 1));
    s->params[s->nparams].name = xstrdup(name);
    s->params[s->nparams].value = xstrdup(value);
    s->nparams++;
    return 0;
}

int sink_flush(QuerySink *sink, Err *err)
{
    if (!sink->out.len) return 0;
    if (sink->flush && sink->flush(sink->ctx, sink->out.data, sink->out.len) != 0)
        return err_set(err, ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write query result");
    sink->out.len = 0;
    return 0;
}

const char *stmt_format(Ast *stmt, QuerySink *sink)
{
    return stmt->format ? stmt->format : sink->default_format ? sink->default_format : "TabSeparated";
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* max_result_rows / max_result_bytes, checked after each block as
 * ClickHouse does: throw TOO_MANY_ROWS_OR_BYTES, or with
 * result_overflow_mode = 'break' end the result there. */
static int result_limits(QueryCtx *q, QuerySink *sink, bool *stop, Err *err)
{
    uint64_t max_rows = (uint64_t)settings_int(&q->settings, SET_max_result_rows);
    uint64_t max_bytes = (uint64_t)settings_int(&q->settings, SET_max_result_bytes);
    uint64_t bytes = q->result_bytes + sink->out.len;
    bool rows_over = max_rows && q->result_rows > max_rows, bytes_over = max_bytes && bytes > max_bytes;
    if (!rows_over && !bytes_over) return 0;
    const char *mode = settings_str(&q->settings, SET_result_overflow_mode);
    if (mode && !strcmp(mode, "break")) {
        *stop = true;
        return 0;
    }
    if (rows_over)
        return err_set(err, ERR_TOO_MANY_ROWS_OR_BYTES, "Limit for result exceeded, max rows: %llu, current rows: %llu",
                       (unsigned long long)max_rows, (unsigned long long)q->result_rows);
    return err_set(err, ERR_TOO_MANY_ROWS_OR_BYTES, "Limit for result exceeded, max bytes: %llu, current bytes: %llu",
                   (unsigned long long)max_bytes, (unsigned long long)bytes);
}

/* The result as blocks, for the native protocol. */
static int emit_blocks(QueryCtx *q, Op *op, QuerySink *sink, Err *err)
{
    bool stop = false;
    int rc = sink->on_header(sink->ctx, op->ncols, op->names, (const DataType **)op->types, err);
    while (!rc) {
        Chunk *ch;
        if ((rc = op_next(op, &ch, err)) || !ch) break;
        q->result_rows += ch->rows;
        rc = sink->on_chunk(sink->ctx, ch, err);
        chunk_free(ch);
        if (!rc) rc = mem_check(err);
        if (!rc) rc = result_limits(q, sink, &stop, err);
        if (stop) break;
    }
    op_close(op);
    if (!rc && q->totals && sink->on_totals) rc = sink->on_totals(sink->ctx, q->totals, err);
    return rc;
}

int emit_op(QueryCtx *q, Op *op, const char *format, QuerySink *sink, Err *err)
{
    if (sink->on_chunk) return emit_blocks(q, op, sink, err);
    bool stop = false;
    double t0 = now_s();
    const FormatDef *def = format_find(format);
    if (!def) {
        op_close(op);
        return err_set(err, ERR_UNKNOWN_FORMAT, "Unknown format %s", format);
    }
    OutFormat f;
    int rc = out_format_open(&f, def, q, &sink->out, op->ncols, op->names, (const DataType **)op->types, err);
    if (rc) {
        op_close(op);
        return rc;
    }
    f.tty = sink->tty;
    if ((rc = def->write->begin(&f, err))) goto done;
    for (;;) {
        Chunk *ch;
        if ((rc = op_next(op, &ch, err))) goto done;
        if (!ch) break;
        q->result_rows += ch->rows;
        rc = def->write->chunk(&f, ch, err);
        chunk_free(ch);
        if (rc || (rc = mem_check(err))) goto done;
        if ((rc = result_limits(q, sink, &stop, err))) goto done;
        if (stop) break;
        if (sink->out.len > (1 << 16) && (rc = sink_flush(sink, err))) goto done;
    }
    OutStats st = {.elapsed_s = now_s() - t0, .rows_read = q->rows_read, .bytes_read = q->bytes_read,
                   .has_limit = q->has_limit, .rows_before_limit = q->rows_before_limit, .totals = q->totals};
    rc = def->write->end(&f, &st, err);
done:
    op_close(op);
    if (!rc) rc = sink_flush(sink, err);
    return rc;
}

int emit_chunk(QueryCtx *q, int ncols, char **names, const DataType **types, Chunk *ch, const char *format,
               QuerySink *sink, Err *err)
{
    Chunk **arr = xmalloc(sizeof *arr);
    arr[0] = ch;
    Op *op = op_chunks(q, ncols, names, types, arr, ch ? 1 : 0);
    return emit_op(q, op, format, sink, err);
}

/* Text of a SETTINGS / SET value. */
int setting_value_text(QueryCtx *q, Ast *v, char **out, Err *err)
{
    if (v->kind == AST_LITERAL) {
        if (v->lit.kind == FV_STRING) {
            *out = v->lit.str.s;
            return 0;
        }
        if (v->lit.kind == FV_BOOL) {
            *out = v->lit.u ? "1" : "0";
            return 0;
        }
        Buf b = {0};
        field_to_name(&v->lit, &b);
        *out = arena_strndup(&q->arena, b.data ? b.data : "", b.len);
        buf_free(&b);
        if (v->lit.kind == FV_FLOAT && (*out)[strlen(*out) - 1] == '.') (*out)[strlen(*out) - 1] = 0;
        return 0;
    }
    Column *c;
    int rc = eval_const_expr(q, v, &c, err);
    if (rc) return rc;
    Buf b = {0};
    text_write(&b, c, 0, TS_PLAIN, NULL);
    *out = arena_strndup(&q->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
    col_unref(c);
    return 0;
}

/* readonly = 1 changes no setting; readonly = 2 any but readonly itself. */
static int check_setting_change(QueryCtx *q, const char *name, Err *err)
{
    int64_t ro = q->readonly;
    if (ro == 1 || (ro >= 2 && !strcmp(name, "readonly")))
        return err_set(err, ERR_READONLY, "Cannot modify '%s' setting in readonly mode", name);
    return 0;
}

static int apply_settings(QueryCtx *q, Settings *target, Ast **items, int n, Err *err)
{
    for (int i = 0; i < n; i++) {
        int rc0 = check_setting_change(q, items[i]->name, err);
        if (rc0) return rc0;
        char *v;
        int rc = setting_value_text(q, items[i]->a, &v, err);
        if (!rc) rc = settings_set(target, items[i]->name, v, err);
        if (rc) return rc;
    }
    return 0;
}

/* Settings that change how the query context itself behaves. */
static int refresh_from_settings(QueryCtx *q, Err *err)
{
    const char *tz = settings_str(&q->settings, SET_session_timezone);
    if (tz && *tz) {
        const Tz *z;
        int rc = tz_get(tz, &z, err);
        if (rc) return rc;
        q->tz = z;
    }
    q->mem.limit = settings_int(&q->settings, SET_max_memory_usage);
    double met = settings_float(&q->settings, SET_max_execution_time);
    if (met > 0) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        q->max_execution_time = met;
        q->deadline_ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec + (int64_t)(met * 1e9);
    }
    return 0;
}

static SelectAst *last_select(Ast *u)
{
    while (u && u->kind == AST_SELECT_UNION && u->nargs) u = u->args[u->nargs - 1];
    return u && u->kind == AST_SELECT ? u->sel : NULL;
}

static int run_select(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err)
{
    SelectAst *sel = last_select(st);
    q->has_limit = sel && sel->limit;
    Op *op;
    int rc = plan_select(q, st, &op, err);
    if (rc) return rc;
    return emit_op(q, op, stmt_format(st, sink), sink, err);
}

static int run_set(Session *s, QueryCtx *q, Ast *st, Err *err)
{
    /* SET param_<name> = value sets a query parameter (as clickhouse-client does) */
    Ast **items = arena_alloc(&q->arena, sizeof *items * (size_t)(st->nargs ? st->nargs : 1));
    int n = 0;
    for (int i = 0; i < st->nargs; i++) {
        Ast *it = st->args[i];
        if (strncmp(it->name, "param_", 6) != 0) {
            items[n++] = it;
            continue;
        }
        Buf v = {0};
        if (it->a && it->a->kind == AST_LITERAL && it->a->lit.kind == FV_STRING) buf_put(&v, it->a->lit.str.s, it->a->lit.str.len);
        else if (it->a) ast_format(it->a, &v);
        session_set_param(s, it->name + 6, v.data ? buf_cstr(&v) : "");
        buf_free(&v);
    }
    /* Validate on a copy first so a bad item leaves the session unchanged. */
    Settings tmp;
    settings_copy(&tmp, &s->settings);
    int rc = apply_settings(q, &tmp, items, n, err);
    if (!rc) {
        settings_free(&s->settings);
        s->settings = tmp;
    } else {
        settings_free(&tmp);
    }
    return rc;
}

static int run_use(Session *s, Ast *st, Err *err)
{
    if (!catalog_has_database(s->catalog, st->name)) return err_set(err, ERR_UNKNOWN_DATABASE, "Database %s does not exist", st->name);
    free(s->database);
    s->database = xstrdup(st->name);
    return 0;
}

/* Under readonly (1 or 2) only statements that read run. */
static int check_readonly(QueryCtx *q, Ast *st, Err *err)
{
    if (!q->readonly) return 0;
    switch (st->kind) {
    case AST_SELECT_UNION: case AST_SELECT: case AST_SHOW: case AST_DESCRIBE: case AST_EXISTS: case AST_EXPLAIN:
    case AST_USE: case AST_SET: case AST_CHECK:
        return 0;
    case AST_ACCESS: {
        AccessOp op = ((StmtAccess *)st->stmt)->op;
        if (op == ACC_SET_ROLE || op == ACC_SHOW_GRANTS || op == ACC_SHOW_USERS || op == ACC_SHOW_ROLES) return 0;
        return err_set(err, ERR_READONLY, "%s: Cannot execute query in readonly mode", q->user ? q->user : "default");
    }
    default:
        return err_set(err, ERR_READONLY, "%s: Cannot execute query in readonly mode", q->user ? q->user : "default");
    }
}

static int dispatch(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err)
{
    int rc = access_check_statement(s, q, st, err);   /* privileges first, as ClickHouse checks them */
    if (!rc) rc = check_readonly(q, st, err);
    if (rc) return rc;
    switch (st->kind) {
    case AST_SELECT_UNION: case AST_SELECT: return run_select(s, q, st, sink, err);
    case AST_INSERT: return stmt_insert(s, q, st, sink, err);
    case AST_CREATE_TABLE: case AST_CREATE_DATABASE: case AST_CREATE_VIEW: return stmt_create(s, q, st, sink, err);
    case AST_DROP: case AST_TRUNCATE: return stmt_drop(s, q, st, err);
    case AST_ALTER: return stmt_alter(s, q, st, err);
    case AST_RENAME: return stmt_rename(s, q, st, err);
    case AST_USE: return run_use(s, st, err);
    case AST_SET: return run_set(s, q, st, err);
    case AST_SHOW: return stmt_show(s, q, st, sink, err);
    case AST_DESCRIBE: return stmt_describe(s, q, st, sink, err);
    case AST_EXISTS: return stmt_exists(s, q, st, sink, err);
    case AST_EXPLAIN: return stmt_explain(s, q, st, sink, err);
    case AST_OPTIMIZE: return stmt_optimize(s, q, st, err);
    case AST_SYSTEM: return stmt_system(s, q, st, err);
    case AST_KILL: return stmt_kill(s, q, st, sink, err);
    case AST_CHECK: return stmt_check(s, q, st, sink, err);
    case AST_DELETE: return stmt_delete(s, q, st, err);
    case AST_ACCESS: return stmt_access(s, q, st, sink, err);
    default:
        return err_set(err, ERR_NOT_IMPLEMENTED, "Statement is not supported yet");
    }
}

/* Depth of the statement as ClickHouse's AST counts it (a function and its
 * argument list are two levels, as are a query and its select list), for
 * max_ast_depth. Stops counting past `limit`. */
static int ast_ch_depth(const Ast *e, int limit)
{
    if (!e || limit <= 0) return 0;
    int d = 0;
    switch (e->kind) {
    case AST_SELECT_UNION:
        for (int i = 0; i < e->nargs; i++) {
            int k = ast_ch_depth(e->args[i], limit - 2);
            if (k > d) d = k;
        }
        return d + 2;
    case AST_SELECT: {
        /* a list (select, GROUP BY, ORDER BY) is one more level than a single expression */
        const SelectAst *s = e->sel;
        Ast *const *lists[] = {s->cols, s->group_by, s->order_by};
        int counts[] = {s->ncols, s->ngroup_by, s->norder_by};
        for (int l = 0; l < 3; l++)
            for (int i = 0; i < counts[l]; i++) {
                int k = ast_ch_depth(lists[l][i], limit - 2) + 1;
                if (k > d) d = k;
            }
        Ast *singles[] = {s->where, s->prewhere, s->having};
        for (int i = 0; i < 3; i++) {
            int k = ast_ch_depth(singles[i], limit - 1);
            if (k > d) d = k;
        }
        return d + 1;
    }
    case AST_FUNC:
        for (int i = 0; i < e->nargs; i++) {
            int k = ast_ch_depth(e->args[i], limit - 2);
            if (k > d) d = k;
        }
        return d + (e->nargs ? 2 : 1);
    case AST_SUBQUERY: case AST_ORDER_ELEM:
        return ast_ch_depth(e->a, limit - 1) + 1;
    default:
        return 1;
    }
}

int query_run_statement(Session *s, Ast *st, QueryCtx *q, QuerySink *sink, Err *err)
{
    q->catalog = s->catalog;
    q->database = arena_strdup(&q->arena, s->database);
    q->temp_db = s->temp_db ? arena_strdup(&q->arena, s->temp_db) : NULL;
    if (!q->user) q->user = s->user;
    q->params = s->params;
    q->nparams = s->nparams;
    settings_free(&q->settings);
    settings_copy(&q->settings, &s->settings);
    q->readonly = settings_int(&s->settings, SET_readonly);
    q->mem.parent = &s->mem;
    int rc = apply_settings(q, &q->settings, st->settings, st->nsettings, err);
    Ast *inner = st->kind == AST_EXPLAIN ? ((StmtExplain *)st->stmt)->query : st;   /* EXPLAIN ... SELECT ... SETTINGS */
    SelectAst *sel = inner && (inner->kind == AST_SELECT_UNION || inner->kind == AST_SELECT) ? last_select(inner) : NULL;
    if (!rc && sel) rc = apply_settings(q, &q->settings, sel->settings, sel->nsettings, err);
    if (!rc) rc = refresh_from_settings(q, err);
    if (rc) return rc;
    int64_t max_depth = settings_int(&q->settings, SET_max_ast_depth);
    if (max_depth > 0 && ast_ch_depth(st, (int)(max_depth > 100000 ? 100000 : max_depth) + 2) > max_depth)
        return err_set(err, ERR_TOO_DEEP_AST, "AST is too deep. Maximum: %lld", (long long)max_depth);
    /* a SETTINGS max_query_size smaller than the statement itself (ClickHouse re-checks it) */
    int64_t mqs = settings_int(&q->settings, SET_max_query_size);
    if (mqs > 0 && st->end_pos > mqs)
        return err_set(err, ERR_SYNTAX_ERROR, "Syntax error: failed at position %lld: Max query size exceeded", (long long)mqs);
    if (st->outfile) return err_set(err, ERR_NOT_IMPLEMENTED, "INTO OUTFILE is not supported");
    if ((rc = access_begin_query(s, q, err))) return rc;
    MemTracker *saved = mem_current;
    mem_current = &q->mem;
    rc = dispatch(s, q, st, sink, err);
    access_end_query(q);
    if (q->totals) {
        chunk_free(q->totals);
        q->totals = NULL;
    }
    mem_current = saved;
    return rc;
}

int query_run_text(Session *s, const char *text, size_t len, QuerySink *sink, Err *err)
{
    size_t off = 0;
    for (;;) {
        QueryCtx q;
        qctx_init(&q);
        q.tz = tz_default();
        Ast *st;
        ParseLimits lim = {.max_query_size = (size_t)settings_int(&s->settings, SET_max_query_size),
                           .max_parser_depth = (int)settings_int(&s->settings, SET_max_parser_depth),
                           .max_ast_elements = settings_int(&s->settings, SET_max_ast_elements)};
        MemTracker *saved = mem_current;
        mem_current = &q.mem;
        int rc = parse_next_statement(&q.arena, text, len, &off, &lim, &st, err);
        mem_current = saved;
        if (!rc && st) rc = query_run_statement(s, st, &q, sink, err);
        qctx_finish(&q);
        if (rc) return rc;
        if (!st) return 0;
    }
}
