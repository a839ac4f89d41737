/* stmt_ddl.c — CREATE (TABLE, DATABASE, VIEW, TABLE AS SELECT / AS other),
 * DROP / DETACH / TRUNCATE, ALTER TABLE ... COLUMN, RENAME / EXCHANGE.
 *
 * Engines: Memory, Null and the MergeTree family (stmt_mergetree.c); others
 * are refused with UNKNOWN_STORAGE rather than imitated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "../base/proclist.h"
#include "../compress/codec.h"
#include "../sql/parser.h"
#include "../storage/mtree.h"
#include "../storage/mutation.h"
#include "stmt.h"

static const char *db_of(Session *s, const char *db) { return db ? db : s->database; }

char *stmt_format_expr(QueryCtx *q, Ast *e)
{
    Buf b = {0};
    ast_format(e, &b);
    char *s = arena_strndup(&q->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

static char *codec_text(QueryCtx *q, Ast *codec)
{
    Buf b = {0};
    for (int i = 0; i < codec->nargs; i++) {
        if (i) buf_puts(&b, ", ");
        ast_format(codec->args[i], &b);
    }
    char *s = arena_strndup(&q->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

static const ColDefaultKind DK_MAP[] = {CD_NONE, CD_DEFAULT, CD_MATERIALIZED, CD_ALIAS, CD_EPHEMERAL};

/* LowCardinality of a small fixed-size type (numbers, dates) is refused unless
 * allow_suspicious_low_cardinality_types, as in ClickHouse. */
static int check_low_cardinality(QueryCtx *q, const DataType *t, Err *err)
{
    if (t->kind == TYPE_LOWCARDINALITY) {
        const DataType *in = type_strip_nullable(t->sub[0]);
        if (type_is_decimal(in))
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "DataTypeLowCardinality is supported only for numbers, strings, Date or DateTime, but got %s", in->name);
        bool small = type_is_number(in) || in->kind == TYPE_DATE || in->kind == TYPE_DATE32 || in->kind == TYPE_DATETIME ||
                     in->kind == TYPE_BOOL;
        if (small && !settings_bool(&q->settings, SET_allow_suspicious_low_cardinality_types))
            return err_set(err, ERR_SUSPICIOUS_TYPE_FOR_LOW_CARDINALITY,
                           "Creating columns of type %s is prohibited by default due to expected negative impact on performance. "
                           "It can be enabled with the `allow_suspicious_low_cardinality_types` setting.", t->name);
    }
    for (int i = 0; i < t->nsub; i++) {
        int rc = check_low_cardinality(q, t->sub[i], err);
        if (rc) return rc;
    }
    return 0;
}

/* Column definitions from the AST; types of DEFAULT-only columns come from their expression. */
static int build_columns(QueryCtx *q, Ast **decls, int n, ColumnDef **out, Err *err)
{
    ColumnDef *cols = arena_alloc(&q->arena, sizeof *cols * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        Ast *d = decls[i];
        for (int k = 0; k < i; k++)
            if (!strcmp(cols[k].name, d->name))
                return err_set(err, ERR_ILLEGAL_COLUMN, "Cannot add column %s: column with this name already exists", d->name);
        int rc;
        cols[i].name = d->name;
        cols[i].default_kind = DK_MAP[d->default_kind];
        if (d->type_text && (rc = type_parse(d->type_text, &cols[i].type, err))) return rc;
        if (d->type_text && (rc = check_low_cardinality(q, cols[i].type, err))) return rc;
        if (d->a) {
            cols[i].default_sql = stmt_format_expr(q, d->a);
            if (!d->type_text) {
                /* type from the expression: bind over the columns declared so far */
                char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(i + 1));
                const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(i + 1));
                for (int k = 0; k < i; k++) names[k] = cols[k].name, types[k] = cols[k].type;
                Expr *e;
                if ((rc = bind_over_header(q, i, names, types, d->a, &e, err))) return rc;
                cols[i].type = e->type;
            }
        }
        if (!cols[i].type) return err_set(err, ERR_BAD_ARGUMENTS, "Column %s has neither a type nor a default", d->name);
        cols[i].comment = d->comment;
        if (d->b) {
            /* validated and normalised as ClickHouse prints it: ZSTD -> ZSTD(1), Delta -> Delta(4) */
            CodecChain chain;
            if ((rc = codec_chain_parse(codec_text(q, d->b), cols[i].type, &chain, err))) return rc;
            if (!settings_bool(&q->settings, SET_allow_suspicious_codecs) && (rc = codec_chain_check(&chain, cols[i].type, err)))
                return rc;
            char *txt = codec_chain_text(&chain);
            cols[i].codec = arena_strdup(&q->arena, txt);
            free(txt);
        }
    }
    *out = cols;
    return 0;
}

/* CREATE TABLE t AS src: src's engine with its clauses and indexes, read
 * back from the text SHOW CREATE prints. */
static int engine_of(QueryCtx *q, Table *src, StmtCreateTable *ct, Err *err)
{
    StmtCreateTable *sc;
    int rc = stmt_table_clauses(q, src, src->engine_full, &sc, err);
    if (rc) return rc;
    ct->engine = sc->engine;
    ct->order_by = sc->order_by, ct->partition_by = sc->partition_by, ct->primary_key = sc->primary_key;
    ct->sample_by = sc->sample_by, ct->ttl = sc->ttl, ct->ttl_where = sc->ttl_where;
    ct->engine_settings = sc->engine_settings, ct->nengine_settings = sc->nengine_settings;
    if (!ct->nindexes) ct->indexes = sc->indexes, ct->nindexes = sc->nindexes;
    return 0;
}

static int set_engine(Session *s, QueryCtx *q, Table *t, StmtCreateTable *ct, Err *err)
{
    const char *name = ct->engine ? ct->engine->name : "Memory";
    if (ct->nindexes && !strstr(name, "MergeTree"))
        return err_set(err, ERR_BAD_ARGUMENTS, "Engine %s doesn't support skipping indices", name);
    if (!strcmp(name, "Memory")) {
        engine_memory_init(t, err);
    } else if (!strcmp(name, "Null")) {
        t->engine = &ENGINE_NULL;
    } else if (strstr(name, "MergeTree") && !strstr(name, "Replicated") && !strstr(name, "Graphite")) {
        return stmt_merge_tree_engine(s, q, t, ct, err);
    } else if (strstr(name, "MergeTree") || !strcmp(name, "Log") || !strcmp(name, "TinyLog") || !strcmp(name, "StripeLog")) {
        return err_set(err, ERR_UNKNOWN_STORAGE, "Table engine %s is not supported yet", name);
    } else {
        return err_set(err, ERR_UNKNOWN_STORAGE, "Unknown table engine %s", name);
    }
    t->engine_full = xstrdup(name);
    return 0;
}

static int insert_select_into(QueryCtx *q, Table *t, Ast *select, Err *err)
{
    Op *op;
    int rc = plan_select(q, select, &op, err);
    if (rc) return rc;
    int *map = arena_alloc(&q->arena, sizeof *map * (size_t)(t->ncols ? t->ncols : 1));
    for (int i = 0; i < t->ncols; i++) map[i] = i < op->ncols ? i : -1;
    for (;;) {
        Chunk *ch, *full;
        if ((rc = op_next(op, &ch, err)) || !ch) break;
        rc = complete_insert_chunk(q, t, ch, map, &full, err);
        chunk_free(ch);
        if (rc) break;
        rc = table_insert(q, t, full, err);
        chunk_free(full);
        if (rc) break;
    }
    op_close(op);
    return rc;
}

static int create_table(Session *s, QueryCtx *q, Ast *st, Err *err)
{
    StmtCreateTable *ct = st->stmt;
    const char *db = db_of(s, st->db);
    int rc;
    if (ct->temporary && (rc = session_temp_db(s, &db, err))) return rc;   /* the session's own, shadowing the database's */
    if ((rc = catalog_validate_name("Table", st->name, err))) return rc;
    if (!catalog_has_database(s->catalog, db)) return err_set(err, ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
    if (catalog_has_table(s->catalog, db, st->name) && !ct->or_replace) {
        if (ct->if_not_exists) return 0;
        return err_set(err, ERR_TABLE_ALREADY_EXISTS, "Table %s.%s already exists", db, st->name);
    }
    ColumnDef *cols = NULL;
    int ncols = ct->ncols;
    Op *sel_op = NULL;
    if (ct->ncols) {
        if ((rc = build_columns(q, ct->cols, ct->ncols, &cols, err))) return rc;
    } else if (ct->as_select) {
        if ((rc = plan_select(q, ct->as_select, &sel_op, err))) return rc;
        ncols = sel_op->ncols;
        cols = arena_alloc(&q->arena, sizeof *cols * (size_t)(ncols ? ncols : 1));
        for (int i = 0; i < ncols; i++) {
            cols[i].name = sel_op->names[i];
            cols[i].type = sel_op->types[i];
        }
        op_close(sel_op);
    } else if (ct->as_table) {
        Table *src;
        if ((rc = catalog_get_table(s->catalog, db_of(s, ct->as_db), ct->as_table, &src, err))) return rc;
        ncols = src->ncols;
        cols = arena_alloc(&q->arena, sizeof *cols * (size_t)(ncols ? ncols : 1));
        memcpy(cols, src->cols, sizeof *cols * (size_t)ncols);
        for (int i = 0; i < ncols; i++) {
            cols[i].name = arena_strdup(&q->arena, src->cols[i].name);
            if (src->cols[i].default_sql) cols[i].default_sql = arena_strdup(&q->arena, src->cols[i].default_sql);
            if (src->cols[i].comment) cols[i].comment = arena_strdup(&q->arena, src->cols[i].comment);
            if (src->cols[i].codec) cols[i].codec = arena_strdup(&q->arena, src->cols[i].codec);
        }
        rc = !ct->engine && src->engine_full ? engine_of(q, src, ct, err) : 0;
        table_unref(src);
        if (rc) return rc;
    } else {
        return err_set(err, ERR_INCORRECT_QUERY, "CREATE TABLE query must have a column list, AS SELECT or AS table");
    }
    if (ncols == 0) return err_set(err, ERR_EMPTY_LIST_OF_COLUMNS_PASSED, "Empty list of columns passed");
    if (!ct->engine && !ct->temporary) {
        const char *dflt = settings_str(&q->settings, SET_default_table_engine);
        if (!dflt || !*dflt || !strcasecmp(dflt, "None"))
            return err_set(err, ERR_ENGINE_REQUIRED, "Table engine is not specified in CREATE query");
        Ast *e = ast_new(&q->arena, AST_FUNC, 0);
        e->name = arena_strdup(&q->arena, dflt);
        ct->engine = e;
    }
    Table *t = table_new(db, st->name, cols, ncols);
    t->is_temporary = ct->temporary;
    if (ct->comment) t->comment = xstrdup(ct->comment);
    if ((rc = set_engine(s, q, t, ct, err))) {
        table_unref(t);
        return rc;
    }
    if (ct->as_select && !ct->empty_as) {
        if ((rc = insert_select_into(q, t, ct->as_select, err))) {
            table_unref(t);
            return rc;
        }
    }
    return catalog_add_table(s->catalog, t, ct->if_not_exists, ct->or_replace, err);
}

/* The columns a view's query makes (names and types in q's arena). */
static int query_columns(QueryCtx *q, Ast *select, ColumnDef **cols, int *ncols, Err *err)
{
    Op *op;
    int rc = plan_select(q, select, &op, err);
    if (rc) return rc;
    *cols = arena_alloc(&q->arena, sizeof **cols * (size_t)(op->ncols ? op->ncols : 1));
    for (int i = 0; i < op->ncols; i++) {
        (*cols)[i].name = op->names[i];
        (*cols)[i].type = op->types[i];
    }
    *ncols = op->ncols;
    op_close(op);
    return 0;
}

/* Every column the view makes must be one of its target's. */
static int check_target(Session *s, const char *db, const char *name, const ColumnDef *cols, int ncols, Err *err)
{
    Table *to;
    int rc = catalog_get_table(s->catalog, db, name, &to, err);
    if (rc) return rc;
    for (int i = 0; i < ncols && !rc; i++)
        if (table_column_index(to, cols[i].name) < 0)
            rc = err_set(err, ERR_THERE_IS_NO_COLUMN,
                         "SELECT query outputs column with name '%s', which is not found in the target table. Use 'AS' to assign alias that matches a column name.",
                         cols[i].name);
    table_unref(to);
    return rc;
}

/* CREATE MATERIALIZED VIEW [IF NOT EXISTS] mv {TO target | [ENGINE = ...] [POPULATE]} AS SELECT:
 * without TO, an inner table .inner_id.<uuid> made as CREATE TABLE ... AS
 * SELECT (EMPTY unless POPULATE) holds the rows; server/mview.c runs the
 * query on every block inserted into the source. */
static int create_mview(Session *s, QueryCtx *q, Ast *st, Err *err)
{
    StmtCreateTable *ct = st->stmt;
    bool populate = (st->flags & 2) != 0, loading = s->catalog->loading;
    if (!ct->as_select) return err_set(err, ERR_INCORRECT_QUERY, "CREATE MATERIALIZED VIEW requires AS SELECT");
    if (populate && ct->as_table)
        return err_set(err, ERR_SYNTAX_ERROR, "When creating a materialized view you can't declare both 'TO [db].[table]' and 'POPULATE'");
    const char *db = db_of(s, st->db);
    if (ct->if_not_exists && catalog_has_table(s->catalog, db, st->name)) return 0;
    char *src_db, *src;
    int rc = mview_source(q, ct->as_select, &src_db, &src, err);
    ColumnDef *cols = NULL;
    int ncols = 0;
    if (!rc) rc = loading && ct->ncols ? build_columns(q, ct->cols, ct->ncols, &cols, err) : query_columns(q, ct->as_select, &cols, &ncols, err);
    if (rc) return rc;
    if (loading && ct->ncols) ncols = ct->ncols;
    char to_name[128];
    const char *to_db = ct->as_table ? db_of(s, ct->as_db) : db, *to = ct->as_table;
    if (to && !loading && (rc = check_target(s, to_db, to, cols, ncols, err))) return rc;
    if (!to) {
        char uuid[40];
        proc_new_query_id(uuid, sizeof uuid);
        snprintf(to_name, sizeof to_name, "%s%s", MV_INNER_PREFIX, uuid);
        to = to_name;
        StmtCreateTable ict = *ct;
        ict.if_not_exists = ict.or_replace = false;
        ict.empty_as = !populate;
        Ast inner = *st;
        inner.kind = AST_CREATE_TABLE;
        inner.flags = 0;
        inner.db = (char *)db;
        inner.name = to_name;
        inner.stmt = &ict;
        if ((rc = create_table(s, q, &inner, err))) return rc;
    }
    Table *t = table_new(db, st->name, cols, ncols);
    Buf b = {0};
    ast_format_pretty(ct->as_select, &b, q->database);   /* as SHOW CREATE prints it: tables qualified */
    t->view_sql = xstrndup(b.data ? b.data : "", b.len);
    buf_free(&b);
    t->is_view = t->is_mv = true;
    t->mv_inner = !strncmp(to, MV_INNER_PREFIX, strlen(MV_INNER_PREFIX));
    t->mv_src_db = xstrdup(src_db);
    t->mv_src = xstrdup(src);
    t->mv_to_db = xstrdup(to_db);
    t->mv_to = xstrdup(to);
    t->engine = &ENGINE_NULL;
    t->engine_full = xstrdup("MaterializedView");
    rc = catalog_add_table(s->catalog, t, ct->if_not_exists, ct->or_replace, err);
    if (rc && !ct->as_table) {
        Err e2;
        catalog_drop_table(s->catalog, db, to_name, true, &e2);
    }
    return rc;
}

static int create_view(Session *s, QueryCtx *q, Ast *st, Err *err)
{
    StmtCreateTable *ct = st->stmt;
    if (st->flags & 1) return create_mview(s, q, st, err);
    if (!ct->as_select) return err_set(err, ERR_INCORRECT_QUERY, "CREATE VIEW requires AS SELECT");
    const char *db = db_of(s, st->db);
    ColumnDef *cols;
    int ncols, rc;
    if (s->catalog->loading && ct->ncols) {
        /* attaching: the recorded columns stand; the tables it reads may come later */
        if ((rc = build_columns(q, ct->cols, ct->ncols, &cols, err))) return rc;
        ncols = ct->ncols;
    } else {
        Op *op;
        if ((rc = plan_select(q, ct->as_select, &op, err))) return rc;
        cols = arena_alloc(&q->arena, sizeof *cols * (size_t)(op->ncols ? op->ncols : 1));
        for (int i = 0; i < op->ncols; i++) {
            cols[i].name = op->names[i];
            cols[i].type = op->types[i];
        }
        ncols = op->ncols;
        op_close(op);
    }
    Table *t = table_new(db, st->name, cols, ncols);
    Buf b = {0};
    ast_format_pretty(ct->as_select, &b, q->database);   /* as SHOW CREATE prints it: tables qualified */
    t->view_sql = xstrndup(b.data ? b.data : "", b.len);
    buf_free(&b);
    t->is_view = true;
    t->engine = &ENGINE_NULL;
    t->engine_full = xstrdup("View");
    return catalog_add_table(s->catalog, t, ct->if_not_exists, ct->or_replace, err);
}

int stmt_create(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err)
{
    if (st->kind == AST_CREATE_DATABASE) {
        StmtCreateTable *ct = st->stmt;
        return catalog_create_database(s->catalog, st->name, ct->if_not_exists, err);
    }
    if (st->kind == AST_CREATE_VIEW) return create_view(s, q, st, err);
    return create_table(s, q, st, err);
}

int stmt_drop(Session *s, QueryCtx *q, Ast *st, Err *err)
{
    StmtDrop *d = st->stmt;
    if (st->kind == AST_TRUNCATE) {
        Table *t;
        int rc = catalog_get_table(s->catalog, session_table_db(s, st->db, st->name), st->name, &t, err);
        if (rc) return (d->if_exists && rc == ERR_UNKNOWN_TABLE) ? 0 : rc;
        rc = t->engine->truncate ? t->engine->truncate(t, err) : err_set(err, ERR_NOT_IMPLEMENTED, "Table does not support TRUNCATE");
        table_unref(t);
        return rc;
    }
    if (d->is_database) {
        if (!strcmp(st->name, s->database) && strcmp(st->name, "default") != 0) {
            free(s->database);
            s->database = xstrdup("default");
        }
        return catalog_drop_database(s->catalog, st->name, d->if_exists, err);
    }
    const char *db = session_table_db(s, st->db, st->name);
    Table *t = NULL;
    Err e2;
    char *inner = NULL;
    if (catalog_get_table(s->catalog, db, st->name, &t, &e2) == 0) {
        if (t->is_mv && t->mv_inner) inner = xstrdup(t->mv_to);   /* dropped with its view */
        table_unref(t);
    }
    int rc = catalog_drop_table(s->catalog, db, st->name, d->if_exists, err);
    if (!rc && inner) catalog_drop_table(s->catalog, db, inner, true, &e2);
    free(inner);
    return rc;
}

int stmt_rename(Session *s, QueryCtx *q, Ast *st, Err *err)
{
    StmtRename *r = st->stmt;
    if (r->is_database) return err_set(err, ERR_NOT_IMPLEMENTED, "RENAME DATABASE is not supported yet");
    for (int i = 0; i < r->n; i++) {
        int rc = r->exchange ? catalog_exchange_tables(s->catalog, db_of(s, r->from_db[i]), r->from[i], db_of(s, r->to_db[i]), r->to[i], err)
                             : catalog_rename_table(s->catalog, db_of(s, r->from_db[i]), r->from[i], db_of(s, r->to_db[i]), r->to[i], err);
        if (rc) return rc;
    }
    return 0;
}

/* ---- ALTER ---- */

static int alter_columns(QueryCtx *q, Table *t, AlterCmd *c, ColumnDef **cols, int *ncols, int **map, Column ***fill, Err *err)
{
    int n = *ncols;
    ColumnDef *cur = *cols;
    int idx = -1;
    const char *name = c->col ? c->col->name : c->name;
    for (int i = 0; i < n; i++)
        if (!strcmp(cur[i].name, name)) idx = i;
    switch (c->kind) {
    case ALT_ADD_COLUMN: {
        if (idx >= 0) {
            if (c->if_not_exists) return 0;
            return err_set(err, ERR_DUPLICATE_COLUMN, "Cannot add column %s: column with this name already exists", name);
        }
        ColumnDef *nd;
        int rc = build_columns(q, &c->col, 1, &nd, err);
        if (rc) return rc;
        int pos = n;
        if (c->first) pos = 0;
        if (c->after) {
            pos = -1;
            for (int i = 0; i < n; i++)
                if (!strcmp(cur[i].name, c->after)) pos = i + 1;
            if (pos < 0) return err_set(err, ERR_NO_SUCH_COLUMN_IN_TABLE, "Wrong column name. Cannot find column %s to insert after", c->after);
        }
        ColumnDef *nc = arena_alloc(&q->arena, sizeof *nc * (size_t)(n + 1));
        int *nm = arena_alloc(&q->arena, sizeof *nm * (size_t)(n + 1));
        Column **nf = arena_alloc(&q->arena, sizeof *nf * (size_t)(n + 1));
        for (int i = 0, k = 0; i <= n; i++) {
            if (i == pos) {
                nc[i] = nd[0];
                nm[i] = -1;
                /* Rows already in a Memory table read the type's default, not the
                 * column's DEFAULT expression (as ClickHouse's Memory engine). */
                Column *v = col_new(nd[0].type);
                col_push_default(v);
                qctx_defer(q, (void (*)(void *))col_unref, v);
                nf[i] = v;
                continue;
            }
            nc[i] = cur[k];
            nm[i] = (*map)[k];
            nf[i] = (*fill)[k];
            k++;
        }
        *cols = nc, *map = nm, *fill = nf, *ncols = n + 1;
        return 0;
    }
    case ALT_DROP_COLUMN:
        if (idx < 0) {
            if (c->if_exists) return 0;
            return err_set(err, ERR_NOT_FOUND_COLUMN_IN_BLOCK, "Wrong column name. Cannot find column %s to drop", name);
        }
        if (n == 1) return err_set(err, ERR_EMPTY_LIST_OF_COLUMNS_PASSED, "Cannot drop the only column %s", name);
        memmove(cur + idx, cur + idx + 1, sizeof *cur * (size_t)(n - idx - 1));
        memmove(*map + idx, *map + idx + 1, sizeof **map * (size_t)(n - idx - 1));
        memmove(*fill + idx, *fill + idx + 1, sizeof **fill * (size_t)(n - idx - 1));
        *ncols = n - 1;
        return 0;
    case ALT_MODIFY_COLUMN: {
        if (idx < 0) {
            if (c->if_exists) return 0;
            return err_set(err, ERR_NO_SUCH_COLUMN_IN_TABLE, "There is no column %s in table", name);
        }
        ColumnDef *nd;
        Ast *decl = c->col;
        if (!decl->type_text) {
            decl->type_text = arena_strdup(&q->arena, cur[idx].type->name);
        }
        int rc = build_columns(q, &decl, 1, &nd, err);
        if (rc) return rc;
        if (!decl->a && nd[0].default_kind == CD_NONE && cur[idx].default_kind != CD_NONE) {
            nd[0].default_kind = cur[idx].default_kind;
            nd[0].default_sql = cur[idx].default_sql;
        }
        if (!nd[0].comment) nd[0].comment = cur[idx].comment;
        cur[idx] = nd[0];
        return 0;
    }
    case ALT_RENAME_COLUMN: {
        if (idx < 0) {
            if (c->if_exists) return 0;
            return err_set(err, ERR_NOT_FOUND_COLUMN_IN_BLOCK, "Wrong column name. Cannot find column %s to rename", name);
        }
        for (int i = 0; i < n; i++)
            if (!strcmp(cur[i].name, c->new_name))
                return err_set(err, ERR_DUPLICATE_COLUMN, "Cannot rename to %s: column with this name already exists", c->new_name);
        cur[idx].name = c->new_name;
        return 0;
    }
    case ALT_COMMENT_COLUMN:
        if (idx < 0) {
            if (c->if_exists) return 0;
            return err_set(err, ERR_NOT_FOUND_COLUMN_IN_BLOCK, "Wrong column name. Cannot find column %s to comment", name);
        }
        cur[idx].comment = c->comment;
        return 0;
    default:
        return err_set(err, ERR_NOT_IMPLEMENTED, "This ALTER command is not supported yet");
    }
}

/* ALTER TABLE mv MODIFY QUERY select: the view is replaced by one with the
 * new query (source, columns), its target kept. */
static int modify_query(Session *s, QueryCtx *q, Table *t, Ast *query, Err *err)
{
    if (!t->is_mv) return err_set(err, ERR_NOT_IMPLEMENTED, "ALTER MODIFY QUERY is supported only for materialized views");
    char *src_db, *src;
    ColumnDef *cols = NULL;
    int ncols = 0;
    int rc = mview_source(q, query, &src_db, &src, err);
    if (!rc) rc = query_columns(q, query, &cols, &ncols, err);
    if (!rc && !t->mv_inner) rc = check_target(s, t->mv_to_db, t->mv_to, cols, ncols, err);
    if (rc) return rc;
    Table *n = table_new(t->db, t->name, cols, ncols);
    Buf b = {0};
    ast_format_pretty(query, &b, q->database);
    n->view_sql = xstrndup(b.data ? b.data : "", b.len);
    buf_free(&b);
    n->is_view = n->is_mv = true;
    n->mv_inner = t->mv_inner;
    n->mv_src_db = xstrdup(src_db);
    n->mv_src = xstrdup(src);
    n->mv_to_db = xstrdup(t->mv_to_db);
    n->mv_to = xstrdup(t->mv_to);
    n->engine = &ENGINE_NULL;
    n->engine_full = xstrdup("MaterializedView");
    return catalog_add_table(s->catalog, n, false, true, err);
}

/* What a MergeTree table's parts must follow after the new columns: old
 * names renamed or dropped (a MUT_COLUMNS mutation). A key column cannot
 * be renamed (ClickHouse's 524); nor, here, one an index or the TTL reads. */
static int columns_followup(QueryCtx *q, Table *t, const ColumnDef *cols, int n, const int *map, Mutation *m, Err *err)
{
    Buf text = {0};
    int rc = 0, pairs = 0;
    for (int old = 0; old < t->ncols && !rc; old++) {
        const char *name = t->cols[old].name, *to = "";
        for (int i = 0; i < n; i++)
            if (map[i] == old) to = cols[i].name;
        if (*to && !strcmp(to, name)) continue;
        if (*to) {
            if (mt_column_in_keys(t, q, name))
                rc = err_set(err, ERR_ALTER_OF_COLUMN_IS_FORBIDDEN, "Trying to ALTER RENAME key %s column which is a part of key expression", name);
            else if (mt_column_in_indexes_or_ttl(t, q, name))
                rc = err_set(err, ERR_ALTER_OF_COLUMN_IS_FORBIDDEN, "Cannot rename column %s: a data-skipping index or the TTL reads it", name);
            if (rc) break;
        }
        if (!pairs++) mutation_add(m, MUT_COLUMNS, "1", "");
        mutation_add_set(m, name, to);
        if (text.len) buf_puts(&text, ", ");
        if (*to) buf_printf(&text, "RENAME COLUMN %s TO %s", name, to);
        else buf_printf(&text, "DROP COLUMN %s", name);
    }
    if (pairs) {
        free(m->cmds[0].text);
        m->cmds[0].text = xstrndup(text.data, text.len);
    }
    buf_free(&text);
    return rc;
}

int stmt_alter(Session *s, QueryCtx *q, Ast *st, Err *err)
{
    StmtAlter *al = st->stmt;
    Table *t;
    int rc = catalog_get_table(s->catalog, session_table_db(s, st->db, st->name), st->name, &t, err);
    if (rc) return rc;
    if (al->ncmds == 1 && al->cmds[0].kind == ALT_MODIFY_QUERY) {
        rc = modify_query(s, q, t, al->cmds[0].query, err);
        table_unref(t);
        return rc;
    }
    int nix = 0;
    for (int i = 0; i < al->ncmds; i++) {
        AlterKind k = al->cmds[i].kind;
        nix += k == ALT_ADD_INDEX || k == ALT_DROP_INDEX || k == ALT_MATERIALIZE_INDEX || k == ALT_PROJECTION || k == ALT_MODIFY_TTL ||
               k == ALT_REMOVE_TTL;
    }
    if (nix) {
        for (int i = 0; i < al->ncmds && !rc; i++) {
            const AlterCmd *c = &al->cmds[i];
            if (nix != al->ncmds) rc = err_set(err, ERR_NOT_IMPLEMENTED, "Mixing index or TTL changes with other ALTER commands is not supported yet");
            else if (c->kind == ALT_MODIFY_TTL || c->kind == ALT_REMOVE_TTL) rc = stmt_mt_modify_ttl(s, q, t, c, err);
            else rc = stmt_mt_alter_index(s, q, t, c, err);
        }
        table_unref(t);
        return rc;
    }
    int nrows = 0;
    for (int i = 0; i < al->ncmds; i++) {
        AlterKind k = al->cmds[i].kind;
        nrows += k == ALT_DELETE || k == ALT_UPDATE || k == ALT_DROP_PARTITION || k == ALT_DROP_PART;
    }
    if (nrows) {
        if (nrows != al->ncmds) rc = err_set(err, ERR_NOT_IMPLEMENTED, "Mixing mutations with schema changes in one ALTER is not supported yet");
        else rc = stmt_alter_rows(s, q, t, al, err);
        table_unref(t);
        return rc;
    }
    if (!t->engine || !t->engine->reshape) {
        table_unref(t);
        return err_set(err, ERR_NOT_IMPLEMENTED, "Table %s does not support ALTER", st->name);
    }
    int n = t->ncols;
    ColumnDef *cols = arena_alloc(&q->arena, sizeof *cols * (size_t)(n ? n : 1));
    int *map = arena_alloc(&q->arena, sizeof *map * (size_t)(n ? n : 1));
    Column **fill = arena_alloc(&q->arena, sizeof *fill * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        cols[i] = t->cols[i];
        map[i] = i;
    }
    bool is_mt = mt_is_merge_tree(t);
    if (is_mt) mt_schema_change_begin(t);   /* no merge reads parts by a schema half changed */
    for (int i = 0; i < al->ncmds && !rc; i++) rc = alter_columns(q, t, &al->cmds[i], &cols, &n, &map, &fill, err);
    Mutation follow = {0};
    if (!rc && is_mt) rc = columns_followup(q, t, cols, n, map, &follow, err);
    if (!rc) rc = t->engine->reshape(t, q, cols, n, map, fill, err);
    if (!rc) {
        /* install the new schema (strings copied into table-owned memory) */
        ColumnDef *own = xcalloc((size_t)(n ? n : 1), sizeof *own);
        for (int i = 0; i < n; i++) {
            own[i] = cols[i];
            own[i].name = xstrdup(cols[i].name);
            own[i].default_sql = cols[i].default_sql ? xstrdup(cols[i].default_sql) : NULL;
            own[i].comment = cols[i].comment ? xstrdup(cols[i].comment) : NULL;
            own[i].codec = cols[i].codec ? xstrdup(cols[i].codec) : NULL;
        }
        pthread_rwlock_wrlock(&t->lock);
        for (int i = 0; i < t->ncols; i++) {
            free(t->cols[i].name);
            free(t->cols[i].default_sql);
            free(t->cols[i].comment);
            free(t->cols[i].codec);
        }
        free(t->cols);
        t->cols = own;
        t->ncols = n;
        if (follow.n) {   /* parts up to this block were written by the old schema: only they follow */
            char bound[32];
            snprintf(bound, sizeof bound, "%lld", (long long)mt_last_block(t));
            mutation_add_set(&follow, "", bound);
        }
        pthread_rwlock_unlock(&t->lock);
        rc = catalog_persist_table(s->catalog, t, err);
    }
    if (!rc && follow.n) rc = t->engine->mutate(t, q, &follow, err);   /* the parts follow: renamed or dropped files */
    mutation_free(&follow);
    if (is_mt) mt_schema_change_end(t);
    table_unref(t);
    return rc;
}
