/* stmt_show.c — SHOW DATABASES / TABLES / CREATE / COLUMNS / SETTINGS,
 * DESCRIBE, EXISTS and EXPLAIN (AST, SYNTAX, PLAN).
 * SHOW statements are rewritten into SELECTs over system tables, as
 * ClickHouse does, so their filters (LIKE, WHERE, LIMIT) behave identically.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../sql/parser.h"
#include "stmt.h"

static int run_sql(Session *s, QueryCtx *q, const char *sql, Ast *orig, QuerySink *sink, Err *err)
{
    size_t off = 0;
    Ast *st;
    ParseLimits lim = {0};
    char *copy = arena_strdup(&q->arena, sql);
    int rc = parse_next_statement(&q->arena, copy, strlen(copy), &off, &lim, &st, err);
    if (rc) return rc;
    Op *op;
    if ((rc = plan_select(q, st, &op, err))) return rc;
    return emit_op(q, op, stmt_format(orig, sink), sink, err);
}

static void quote(Buf *b, const char *s) { text_quote_sql(b, s, strlen(s)); }

static void like_clause(Buf *b, StmtShow *sh, const char *col, bool first)
{
    if (sh->like) {
        buf_printf(b, " %s %s %s%s ", first ? "WHERE" : "AND", col, sh->not_like ? "NOT " : "", sh->ilike ? "ILIKE" : "LIKE");
        quote(b, sh->like);
    }
}

int stmt_show(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err)
{
    StmtShow *sh = st->stmt;
    Buf b = {0};
    int rc;
    switch (sh->kind) {
    case SHOW_DATABASES:
        buf_puts(&b, "SELECT name FROM system.databases");
        like_clause(&b, sh, "name", true);
        buf_puts(&b, " ORDER BY name");
        break;
    case SHOW_TABLES: case SHOW_DICTIONARIES: {
        if (sh->temporary) {   /* the session's temporary tables */
            buf_puts(&b, "SELECT name FROM system.tables WHERE is_temporary");
            like_clause(&b, sh, "name", false);
            buf_puts(&b, " ORDER BY name");
            break;
        }
        const char *db = sh->from_db ? sh->from_db : s->database;
        if (!catalog_has_database(s->catalog, db)) return err_set(err, ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
        buf_puts(&b, "SELECT name FROM system.tables WHERE database = ");
        quote(&b, db);
        if (sh->kind == SHOW_DICTIONARIES) buf_puts(&b, " AND 0");
        like_clause(&b, sh, "name", false);
        buf_puts(&b, " ORDER BY name");
        break;
    }
    case SHOW_SETTINGS:
        buf_puts(&b, "SELECT name, type, value FROM system.settings");
        like_clause(&b, sh, "name", true);
        buf_puts(&b, " ORDER BY name");
        break;
    case SHOW_FUNCTIONS:
        buf_puts(&b, "SELECT name FROM system.functions");
        like_clause(&b, sh, "name", true);
        buf_puts(&b, " ORDER BY name");
        break;
    case SHOW_ENGINES:
        buf_puts(&b, "SELECT * FROM system.table_engines");
        break;
    case SHOW_COLUMNS: {
        const char *db = st->db ? st->db : s->database;
        buf_puts(&b, "SELECT name AS field, type, if(startsWith(type, 'Nullable'), 'YES', 'NO') AS `null`, '' AS key, "
                     "if(default_kind = '', NULL, default_expression) AS default, '' AS extra FROM system.columns WHERE database = ");
        quote(&b, db);
        buf_puts(&b, " AND table = ");
        quote(&b, st->name);
        like_clause(&b, sh, "name", false);
        buf_puts(&b, " ORDER BY field");
        break;
    }
    case SHOW_CREATE_TABLE: case SHOW_CREATE_VIEW: {
        Table *t;
        if ((rc = catalog_get_table(s->catalog, session_table_db(s, st->db, st->name), st->name, &t, err))) return rc;
        char *sql = NULL;
        Table *inner;
        Err e2;
        if (t->is_mv && t->mv_inner && catalog_get_table(s->catalog, t->mv_to_db, t->mv_to, &inner, &e2) == 0) {
            sql = table_create_sql_inner(t, inner->engine_full);   /* the inner table's ENGINE, as ClickHouse shows it */
            table_unref(inner);
        }
        if (!sql) sql = table_create_sql(t);
        table_unref(t);
        Chunk *ch = chunk_new(1, 1);
        ch->cols[0] = col_new(type_basic(TYPE_STRING));
        col_push_str(ch->cols[0], sql, strlen(sql));
        free(sql);
        char *names[1] = {"statement"};
        const DataType *types[1] = {type_basic(TYPE_STRING)};
        return emit_chunk(q, 1, names, types, ch, stmt_format(st, sink), sink, err);
    }
    case SHOW_CREATE_DATABASE: {
        if (!catalog_has_database(s->catalog, st->name)) return err_set(err, ERR_UNKNOWN_DATABASE, "Database %s does not exist", st->name);
        Buf t = {0};
        buf_puts(&t, "CREATE DATABASE ");
        text_write_ident(&t, st->name);
        buf_puts(&t, "\nENGINE = Atomic");
        Chunk *ch = chunk_new(1, 1);
        ch->cols[0] = col_new(type_basic(TYPE_STRING));
        col_push_str(ch->cols[0], t.data, t.len);
        buf_free(&t);
        char *names[1] = {"statement"};
        const DataType *types[1] = {type_basic(TYPE_STRING)};
        return emit_chunk(q, 1, names, types, ch, stmt_format(st, sink), sink, err);
    }
    case SHOW_PROCESSLIST:
        buf_puts(&b, "SELECT 1 WHERE 0");
        break;
    default:
        return err_set(err, ERR_NOT_IMPLEMENTED, "This SHOW query is not supported");
    }
    if (sh->limit) {
        buf_puts(&b, " LIMIT ");
        Buf lim = {0};
        ast_format(sh->limit, &lim);
        buf_put(&b, lim.data, lim.len);
        buf_free(&lim);
    }
    rc = run_sql(s, q, buf_cstr(&b), st, sink, err);
    buf_free(&b);
    return rc;
}

static const char *KIND_TEXT[] = {"", "DEFAULT", "MATERIALIZED", "ALIAS", "EPHEMERAL"};

/* Type names as DESCRIBE prints them: named tuples over several lines. */
static const char *pretty_type(QueryCtx *q, const DataType *t)
{
    Buf b = {0};
    type_pretty_name(t, &b, 0);
    char *r = arena_strndup(&q->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
    return r;
}

int stmt_describe(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err)
{
    static const char *NAMES[] = {"name", "type", "default_type", "default_expression", "comment", "codec_expression", "ttl_expression"};
    const DataType *str = type_basic(TYPE_STRING);
    const DataType *types[7] = {str, str, str, str, str, str, str};
    Chunk *ch = chunk_new(7, 0);
    for (int i = 0; i < 7; i++) ch->cols[i] = col_new(str);
    int rc = 0;
    if (st->a) {
        Op *op;
        Ast *query = st->a;
        if (query->kind == AST_FUNC) {
            rc = plan_table_function(q, query, &op, err);
        } else {
            rc = plan_select(q, query, &op, err);
        }
        if (rc) {
            chunk_free(ch);
            return rc;
        }
        for (int i = 0; i < op->ncols; i++) {
            const char *vals[7] = {op->names[i], pretty_type(q, op->types[i]), "", "", "", "", ""};
            for (int k = 0; k < 7; k++) col_push_str(ch->cols[k], vals[k], strlen(vals[k]));
        }
        ch->rows = (size_t)op->ncols;
        op_close(op);
    } else {
        Table *t;
        if ((rc = catalog_get_table(s->catalog, session_table_db(s, st->db, st->name), st->name, &t, err))) {
            chunk_free(ch);
            return rc;
        }
        for (int i = 0; i < t->ncols; i++) {
            const ColumnDef *c = &t->cols[i];
            const char *vals[7] = {c->name, pretty_type(q, c->type), KIND_TEXT[c->default_kind], c->default_sql ? c->default_sql : "",
                                   c->comment ? c->comment : "", c->codec ? c->codec : "", ""};
            for (int k = 0; k < 7; k++) col_push_str(ch->cols[k], vals[k], strlen(vals[k]));
        }
        ch->rows = (size_t)t->ncols;
        table_unref(t);
    }
    return emit_chunk(q, 7, (char **)NAMES, types, ch, stmt_format(st, sink), sink, err);
}

int stmt_exists(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err)
{
    bool r = st->flags == 1 ? catalog_has_database(s->catalog, st->name)
                            : catalog_has_table(s->catalog, session_table_db(s, st->db, st->name), st->name);
    Chunk *ch = chunk_new(1, 1);
    ch->cols[0] = col_new(type_basic(TYPE_UINT8));
    COL_PUSH(ch->cols[0], uint8_t, r);
    char *names[1] = {"result"};
    const DataType *types[1] = {type_basic(TYPE_UINT8)};
    return emit_chunk(q, 1, names, types, ch, stmt_format(st, sink), sink, err);
}

int stmt_explain(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err)
{
    StmtExplain *ex = st->stmt;
    Buf text = {0};
    int rc = 0;
    switch (ex->kind) {
    case EXPLAIN_AST:
        ast_dump(ex->query, &text, 0);
        break;
    case EXPLAIN_SYNTAX:
        ast_format_explain(ex->query, &text);
        buf_putc(&text, '\n');
        break;
    case EXPLAIN_PLAN: case EXPLAIN_PIPELINE: {
        if (ex->query->kind != AST_SELECT_UNION && ex->query->kind != AST_SELECT) {
            rc = err_set(err, ERR_INCORRECT_QUERY, "EXPLAIN PLAN is only supported for SELECT queries");
            break;
        }
        Op *op;
        for (int i = 0; i < ex->nopts; i++)
            if (!strcmp(ex->opts[i]->name, "indexes") && ex->opts[i]->a && ex->opts[i]->a->kind == AST_LITERAL &&
                ex->opts[i]->a->lit.u)
                q->explain_indexes = true;
        if ((rc = plan_select(q, ex->query, &op, err))) break;
        op_explain(op, &text);
        op_close(op);
        break;
    }
    default:
        rc = err_set(err, ERR_NOT_IMPLEMENTED, "This EXPLAIN kind is not supported");
    }
    if (rc) {
        buf_free(&text);
        return rc;
    }
    Chunk *ch = chunk_new(1, 0);
    ch->cols[0] = col_new(type_basic(TYPE_STRING));
    const char *p = text.data ? text.data : "", *end = p + text.len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        col_push_str(ch->cols[0], p, (size_t)(nl - p));
        ch->rows++;
        p = nl + 1;
    }
    buf_free(&text);
    char *names[1] = {"explain"};
    const DataType *types[1] = {type_basic(TYPE_STRING)};
    return emit_chunk(q, 1, names, types, ch, stmt_format(st, sink), sink, err);
}


