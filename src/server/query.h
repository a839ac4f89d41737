/* query.h — query_run(): the one place where a statement meets every stage.
 *
 * The CLI (basalt local) and, later, the HTTP and native servers hand SQL
 * text and an output sink to the functions here. A Session carries what
 * outlives one statement: the catalog, the current database, SET settings,
 * query parameters. Each statement gets a fresh QueryCtx (arena, memory
 * tracker, settings copy) that is released when it ends.
 */
#ifndef BASALT_QUERY_H
#define BASALT_QUERY_H

#include <stdbool.h>

#include "../base/qctx.h"
#include "../format/format.h"
#include "../sql/ast.h"
#include "../storage/table.h"

typedef struct Session {
    Catalog *catalog;
    Settings settings;
    char *database;
    char *user;              /* the authenticated user ("default") */
    char *temp_db;           /* its temporary tables' hidden database, once it has one */
    bool owns_temp_db;       /* dropped (with its tables) when the session ends */
    QueryParam *params;
    int nparams;
    MemTracker mem;          /* process-level parent of every query's tracker */
    int roles_mode;          /* SET ROLE (RolesMode of sql/ast.h; 0: the user's default roles) */
    char **roles;
    int nroles;
} Session;

typedef struct QuerySink {
    Buf out;                                  /* formatted result bytes */
    int (*flush)(void *ctx, const char *p, size_t n);   /* writes out bytes; 0 = ok */
    void *ctx;
    const char *default_format;               /* when the query has no FORMAT */
    InSource *input;                          /* data for INSERT without inline data */
    bool tty;
    bool print_time;                          /* --time: elapsed seconds to stderr */
    /* The native protocol (tcp.c) takes results as blocks, not text, and
     * gives INSERT its data as blocks: on_header once with the columns (the
     * result's, or those an INSERT expects), on_chunk per result block
     * (borrowed), next_block per client block (NULL at the end). */
    int (*on_header)(void *ctx, int ncols, char **names, const DataType **types, Err *err);
    int (*on_chunk)(void *ctx, const Chunk *ch, Err *err);
    int (*next_block)(void *ctx, Chunk **out, char ***names, const DataType ***types, Err *err);
    int (*on_totals)(void *ctx, const Chunk *totals, Err *err);   /* WITH TOTALS: after the blocks */
} QuerySink;

Session *session_new(Catalog *c);
void session_free(Session *s);
int session_set_param(Session *s, const char *name, const char *value);
/* The database of table `name` as a statement means it: db if given, else a
 * temporary table of the session, else the current database. */
const char *session_table_db(Session *s, const char *db, const char *name);
/* The session's hidden database of temporary tables, made on first use. */
int session_temp_db(Session *s, const char **out, Err *err);

/* Runs one parsed statement. stmt_text is its source (for logs and errors). */
int query_run_statement(Session *s, Ast *stmt, QueryCtx *q, QuerySink *sink, Err *err);

/* Parses and runs every statement of text; stops at the first error.
 * hint_cb, if set, is consulted per statement (test mode). */
int query_run_text(Session *s, const char *text, size_t len, QuerySink *sink, Err *err);

/* Flushes sink->out through sink->flush. */
int sink_flush(QuerySink *sink, Err *err);

#endif
