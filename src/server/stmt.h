/* stmt.h — statement executors used by query.c (one file per family). */
#ifndef BASALT_STMT_H
#define BASALT_STMT_H

#include "../analyze/analyze.h"
#include "query.h"

int emit_op(QueryCtx *q, Op *op, const char *format, QuerySink *sink, Err *err);
int emit_chunk(QueryCtx *q, int ncols, char **names, const DataType **types, Chunk *ch, const char *format,
               QuerySink *sink, Err *err);
const char *stmt_format(Ast *stmt, QuerySink *sink);
int setting_value_text(QueryCtx *q, Ast *v, char **out, Err *err);
/* An expression as SHOW CREATE prints it (query arena). */
char *stmt_format_expr(QueryCtx *q, Ast *e);

int stmt_create(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err);
int stmt_drop(Session *s, QueryCtx *q, Ast *st, Err *err);
int stmt_alter(Session *s, QueryCtx *q, Ast *st, Err *err);
int stmt_rename(Session *s, QueryCtx *q, Ast *st, Err *err);
int stmt_insert(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err);
int stmt_show(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err);
int stmt_describe(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err);
int stmt_exists(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err);
int stmt_explain(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err);
int stmt_optimize(Session *s, QueryCtx *q, Ast *st, Err *err);
/* KILL QUERY WHERE cond [SYNC | ASYNC | TEST]: stops the running queries cond selects in system.processes. */
int stmt_kill(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err);
int stmt_system(Session *s, QueryCtx *q, Ast *st, Err *err);
int stmt_check(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err);
int stmt_delete(Session *s, QueryCtx *q, Ast *st, Err *err);
/* ALTER TABLE with DELETE / UPDATE / DROP PARTITION commands (stmt_mutate.c). */
int stmt_alter_rows(Session *s, QueryCtx *q, Table *t, StmtAlter *al, Err *err);
/* The partition id a PARTITION clause names (an expression, or ID 'text'). */
int stmt_partition_id(QueryCtx *q, Table *t, Ast *e, bool is_id, char *pid, size_t cap, Err *err);
/* ALTER TABLE ... ADD / DROP / MATERIALIZE / CLEAR INDEX on a MergeTree
 * table: new parts carry the index, parts written before are read without
 * it (MATERIALIZE does not rebuild them yet). ADD / DROP PROJECTION are
 * accepted and not kept: queries always read the table itself. */
int stmt_mt_alter_index(Session *s, QueryCtx *q, Table *t, const AlterCmd *c, Err *err);
/* ALTER TABLE ... MODIFY TTL / REMOVE TTL (stmt_mergetree.c) */
int stmt_mt_modify_ttl(Session *s, QueryCtx *q, Table *t, const AlterCmd *c, Err *err);
/* The clauses of a CREATE for t's indexes and ENGINE = engine (text as SHOW
 * CREATE prints it), parsed back: CREATE TABLE ... AS t, ALTER ... INDEX. */
int stmt_table_clauses(QueryCtx *q, const Table *t, const char *engine, StmtCreateTable **out, Err *err);
/* ENGINE = *MergeTree: builds the engine of t from the CREATE clauses. */
int stmt_merge_tree_engine(Session *s, QueryCtx *q, Table *t, StmtCreateTable *ct, Err *err);
/* Installs the hooks storage calls back into the server layer (idempotent). */
void stmt_install_storage_hooks(void);
/* Attaches the databases and tables recorded under the data path (startup.c). */
int server_load_catalog(Session *s);

/* Writes a block holding every column of t, then runs the materialized
 * views whose source t is over it (mview.c); every INSERT path uses it. */
int table_insert(QueryCtx *q, Table *t, Chunk *ch, Err *err);
/* The source table of a materialized view's query (its leftmost table). */
int mview_source(QueryCtx *q, Ast *query, char **db, char **name, Err *err);

/* Converts an inserted chunk (columns named `names`) into a full table row set:
 * casts, fills DEFAULT / MATERIALIZED columns. */
int complete_insert_chunk(QueryCtx *q, Table *t, Chunk *in, int *colmap, Chunk **out, Err *err);
/* The same, where some input rows asked for the column DEFAULT: dflt(ctx, j, &n)
 * lists those rows of input column j. */
typedef const uint32_t *(*DefaultRowsFn)(const void *ctx, int j, size_t *n);
int complete_insert_chunk_defaults(QueryCtx *q, Table *t, Chunk *in, int *colmap, DefaultRowsFn dflt, const void *ctx,
                                   Chunk **out, Err *err);

#endif
