/* table.h — tables, table engines and the catalog of databases.
 *
 * A Table is a schema (ColumnDef list) plus an engine: the object that
 * stores rows and scans them (Memory now, MergeTree in issue 3; system.* and
 * table functions are engines too). Query code sees only the TableEngine
 * interface. The Catalog maps database and table names to Tables; tables are
 * reference-counted so a query keeps its tables alive across a concurrent
 * DROP. Names are validated here (no path separators, no traversal), since
 * MergeTree will use them as directory names.
 */
#ifndef BASALT_TABLE_H
#define BASALT_TABLE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../base/qctx.h"
#include "../exec/op.h"

typedef enum { CD_NONE, CD_DEFAULT, CD_MATERIALIZED, CD_ALIAS, CD_EPHEMERAL } ColDefaultKind;

typedef struct ColumnDef {
    char *name;
    const DataType *type;
    ColDefaultKind default_kind;
    char *default_sql;     /* formatted expression, or NULL */
    char *comment;
    char *codec;           /* e.g. "ZSTD(1)" */
} ColumnDef;

typedef struct Table Table;
struct Mutation;

typedef struct TableEngine {
    const char *name;
    /* Scan: an operator producing columns cols[0..ncols) of the table. */
    int (*scan)(Table *t, QueryCtx *q, const int *cols, int ncols, Op **out, Err *err);
    /* Insert a chunk holding every table column, in order, of the table's types. */
    int (*insert)(Table *t, QueryCtx *q, Chunk *ch, Err *err);
    int (*truncate)(Table *t, Err *err);
    /* Schema change: new column list; map[i] = old index of new column i or -1 (fill with fill[i]). */
    int (*reshape)(Table *t, QueryCtx *q, const ColumnDef *cols, int ncols, const int *map, Column **fill, Err *err);
    void (*destroy)(Table *t);
    uint64_t (*total_rows)(Table *t);
    uint64_t (*total_bytes)(Table *t);
    bool supports_prewhere;    /* MergeTree family; others refuse PREWHERE as ClickHouse does */
    /* optional */
    void (*on_drop)(Table *t);                                 /* DROP: remove the data when destroyed */
    int (*rename)(Table *t, const char *new_dir, Err *err);    /* the data directory moves */
    int (*optimize)(Table *t, QueryCtx *q, const char *partition_id, bool final, Err *err);
    int (*check)(Table *t, QueryCtx *q, Chunk **out, Err *err);   /* CHECK TABLE */
    /* ALTER TABLE ... DELETE / UPDATE (mutation.h); done when it returns. */
    int (*mutate)(Table *t, QueryCtx *q, const struct Mutation *m, Err *err);
    int (*drop_partition)(Table *t, QueryCtx *q, const char *partition_id, Err *err);
} TableEngine;

struct Table {
    int refs;
    char *db, *name;
    ColumnDef *cols;
    int ncols;
    const TableEngine *engine;
    char *engine_full;     /* engine clause as printed by SHOW CREATE ("Memory", "MergeTree ORDER BY x ...") */
    char *comment;
    bool is_temporary, is_view;
    char *view_sql;        /* CREATE VIEW: the SELECT text */
    /* a materialized view (is_view too): its query runs on every block
     * inserted into the source table and its rows go to the target, the
     * table it was created TO or its inner table (server/mview.c) */
    bool is_mv, mv_inner;
    char *mv_src_db, *mv_src, *mv_to_db, *mv_to;
    void *impl;
    char *data_dir;        /* where an on-disk engine keeps its data */
    char **index_sql;      /* data-skipping indexes as SHOW CREATE prints them: "INDEX i v TYPE minmax GRANULARITY 1" */
    int nindex;
    pthread_rwlock_t lock;
    /* system tables: rows are generated at scan time */
    int (*generate)(Table *t, QueryCtx *q, Chunk **out, Err *err);
};

typedef struct Database {
    char *name;
    char *engine;
    Table **tables;
    int ntables, cap;
    bool is_system;
    bool is_temporary;     /* a session's temporary tables: not listed, not on disk */
} Database;

typedef struct Catalog {
    pthread_mutex_t lock;
    Database **dbs;
    int ndbs;
    char *path;            /* data directory */
    bool loading;          /* attaching what is on disk: nothing is written back */
    volatile int had_mviews;   /* a materialized view was ever added: inserts look for views */
} Catalog;

Catalog *catalog_new(const char *path);
void catalog_free(Catalog *c);

int catalog_validate_name(const char *kind, const char *name, Err *err);
/* Gets a table with a new reference (table_unref when done). db NULL = q->database. */
int catalog_get_table(Catalog *c, const char *db, const char *name, Table **out, Err *err);
bool catalog_has_table(Catalog *c, const char *db, const char *name);
bool catalog_has_database(Catalog *c, const char *db);
/* Adds t (takes the caller's reference). */
int catalog_add_table(Catalog *c, Table *t, bool if_not_exists, bool replace, Err *err);
int catalog_drop_table(Catalog *c, const char *db, const char *name, bool if_exists, Err *err);
int catalog_rename_table(Catalog *c, const char *db, const char *name, const char *to_db, const char *to_name, Err *err);
int catalog_exchange_tables(Catalog *c, const char *db1, const char *n1, const char *db2, const char *n2, Err *err);
int catalog_create_database(Catalog *c, const char *name, bool if_not_exists, Err *err);
int catalog_drop_database(Catalog *c, const char *name, bool if_exists, Err *err);
/* Snapshot of database names / tables of a database (strings/refs owned by the caller's arena / refs). */
int catalog_list_databases(Catalog *c, Arena *a, char ***names, int *n);   /* without sessions' temporary ones */
/* A session's database of temporary tables (in memory only, never listed). */
int catalog_create_temp_database(Catalog *c, const char *name, Err *err);
/* The database an unqualified table name means: a session's temporary
 * table of that name first (temp_db may be NULL), else current. */
const char *catalog_resolve_db(Catalog *c, const char *temp_db, const char *db, const char *current, const char *name);
int catalog_list_tables(Catalog *c, const char *db, Table ***tables, int *n);   /* refs taken; free with table_unref + free() */

/* Metadata on disk (catalog_disk.c); no-ops without a data path, while
 * loading, and for temporary tables and system databases. */
int catalog_disk_save_database(Catalog *c, const char *db, Err *err);
void catalog_disk_drop_database(Catalog *c, const char *db);
int catalog_disk_save_table(Catalog *c, Table *t, Err *err);
void catalog_disk_drop_table(Catalog *c, const char *db, const char *name);
/* <path>/data/<db>/<table> (malloc'd). */
char *catalog_data_path(const Catalog *c, const char *db, const char *table);
/* Writes the table's CREATE statement again (after ALTER). */
static inline int catalog_persist_table(Catalog *c, Table *t, Err *err) { return catalog_disk_save_table(c, t, err); }

Table *table_new(const char *db, const char *name, const ColumnDef *cols, int ncols);
Table *table_ref(Table *t);
void table_unref(Table *t);
int table_column_index(const Table *t, const char *name);
/* Names and types of every column (arrays in q's arena). */
void table_header(Table *t, QueryCtx *q, char ***names, const DataType ***types);
/* The engine name system.tables shows (ReplacingMergeTree, Memory, View...). */
const char *table_engine_name(const Table *t);
/* The one-line form of formatted SQL, as system.tables shows it (malloc'ed). */
char *sql_one_line(const char *s);
/* The CREATE statement ClickHouse prints for SHOW CREATE TABLE (a
 * materialized view with its TO target, as it is kept on disk). */
char *table_create_sql(const Table *t);
/* The same, a materialized view with an inner table shown as ClickHouse
 * shows it: that table's ENGINE clause instead of TO. */
char *table_create_sql_inner(const Table *t, const char *inner_engine);
/* The name of a materialized view's inner table: .inner_id.<uuid>. */
#define MV_INNER_PREFIX ".inner_id."

/* Expression service the server layer installs (storage sits below the
 * analyzer): binds the comma-separated expressions `sql` over the columns
 * names/types into *n Exprs allocated in q. */
struct Expr;
typedef int (*StorageBindFn)(QueryCtx *q, int ncols, char **names, const DataType **types, const char *sql,
                             struct Expr ***out, int *n, Err *err);
extern StorageBindFn storage_bind;

/* Engines */
extern const TableEngine ENGINE_MEMORY;
extern const TableEngine ENGINE_NULL;
extern const TableEngine ENGINE_SYSTEM;
int engine_memory_init(Table *t, Err *err);
void system_tables_register(Catalog *c);
/* system.users and system.roles list what the server's access store holds
 * (server/access.c installs the lister): one row(ctx, ...) per entity. */
typedef void (*SysAccessRow)(void *ctx, const char *name, const char *storage, const char *auth_type, const char *default_db);
void system_set_access_lister(void (*fn)(bool roles, SysAccessRow row, void *ctx));

#endif
