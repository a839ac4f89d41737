/* mtree.h — the MergeTree engine as the rest of basalt sees it: the
 * definition a CREATE statement gives (as SQL text), creation / attach, and
 * the views system.parts and EXPLAIN use. Internals: mt_table.h. */
#ifndef BASALT_MTREE_H
#define BASALT_MTREE_H

#include "table.h"

/* INDEX name expr TYPE type(args) GRANULARITY n, as SQL text. */
typedef struct MtIndexDef {
    const char *name, *expr;
    char **expr_items;                /* the expression, or the elements of a tuple */
    int nexpr_items;
    const char *type_name;            /* minmax, set, bloom_filter, tokenbf_v1 */
    char **type_args;                 /* literal text of each argument */
    int ntype_args;
    uint64_t granularity;
} MtIndexDef;

typedef struct MtDef {
    const char *engine;               /* MergeTree, ReplacingMergeTree, ... */
    char **engine_args;               /* SQL text of each engine argument */
    int nengine_args;
    const char *order_by, *partition_by, *primary_key, *sample_by, *ttl;   /* clause text, NULL if absent */
    const char *ttl_where;            /* TTL ... WHERE condition text */
    char **order_items, **primary_items, **partition_items;   /* tuple elements of each key */
    int norder_items, nprimary_items, npartition_items;
    char **minmax_cols;               /* table columns the partition key reads */
    int nminmax_cols;
    char **setting_names, **setting_values;   /* values unquoted */
    char **setting_sql;                       /* values as SQL literals, for SHOW CREATE */
    int nsettings;
    const char *data_dir;
    MtIndexDef *indexes;
    int nindexes;
} MtDef;

extern const TableEngine ENGINE_MERGE_TREE;

/* Creates the engine of t (attach: load the parts already in data_dir). */
int mt_engine_init(Table *t, QueryCtx *q, const MtDef *def, bool attach, Err *err);
bool mt_is_merge_tree(const Table *t);
/* CHECK TABLE: every active part (of the partition / the part named)
 * verified against its manifest: rows (part_path, is_passed, message). */
int mt_check_parts(Table *t, QueryCtx *q, const char *partition_id, const char *part, Chunk **out, Err *err);
/* Whether a sorting, primary or partition key expression reads column col. */
bool mt_column_in_keys(Table *t, QueryCtx *q, const char *col);
/* Whether a data-skipping index or the TTL reads column col. */
bool mt_column_in_indexes_or_ttl(Table *t, QueryCtx *q, const char *col);
/* ALTER TABLE ... DROP PART 'name'. */
int mt_drop_part(Table *t, const char *name, Err *err);
/* SYSTEM STOP / START MERGES, and TTL MERGES. */
void mt_set_merges_stopped(Table *t, bool stopped);
/* Around an ALTER of columns: no merge starts, and running ones are waited
 * for, so no merge reads parts by a schema they were not written with. */
void mt_schema_change_begin(Table *t);
void mt_schema_change_end(Table *t);
/* The highest block number given so far (parts up to it predate a schema
 * installed now: read it under the table's write lock). */
int64_t mt_last_block(Table *t);
/* A multi-block INSERT into the table begins (+1) or ends (-1). While one
 * runs, background merges wait until a partition has MT_BULK_MERGE_PARTS
 * active parts: the load keeps both cores, and its parts are merged once,
 * after it, instead of again and again while it grows. */
void mt_bulk_insert(Table *t, int delta);
void mt_set_ttl_merges_stopped(Table *t, bool stopped);

/* The partition id of a partition value (OPTIMIZE ... PARTITION expr):
 * a tuple of the key's arity, or a single value. */
int mt_partition_id_for(Table *t, QueryCtx *q, Column *value, char *out, size_t cap, Err *err);

/* One row of system.parts. */
typedef struct MtPartInfo {
    char name[256], partition_id[128];
    char *partition;                  /* the partition value as ClickHouse prints it (malloc'd) */
    uint64_t rows, bytes_on_disk, compressed, uncompressed, marks, modification_time;
    int64_t min_block, max_block, mutation;
    uint32_t level;
    bool active;
    bool has_lightweight_delete;
    bool compact;                     /* part_type Compact */
    uint32_t delete_ttl_min, delete_ttl_max;
    Column **minmax;                  /* min and max of the partition columns (references) */
    int nminmax;
} MtPartInfo;
int mt_list_parts(Table *t, MtPartInfo **out, int *n);
void mt_free_part_infos(MtPartInfo *infos, int n);

/* One row of system.mutations (one per command of a mutation). */
typedef struct MtMutationInfo {
    char id[64];                      /* mutation_<N>.txt */
    char *command;
    uint64_t create_time;
    int64_t version;
    int parts_to_do;
    char *parts_to_do_names;          /* NUL-separated */
    size_t parts_to_do_names_len;
    char fail_part[256];
    char *fail_reason;
    int fail_code;
    uint64_t fail_time;
} MtMutationInfo;
int mt_list_mutations(Table *t, MtMutationInfo **out, int *n);
void mt_free_mutation_infos(MtMutationInfo *infos, int n);

/* One row of system.merges. */
typedef struct MtMergeInfo {
    char result[256], partition_id[128];
    char *sources;                    /* NUL-separated part names */
    int nsources;
    bool is_mutation;
    double elapsed, progress;
    uint64_t rows_written, bytes_written, total_bytes, total_uncompressed, total_marks;
} MtMergeInfo;
int mt_list_merges(Table *t, MtMergeInfo **out, int *n);
void mt_free_merge_infos(MtMergeInfo *infos, int n);

/* One row of system.data_skipping_indices. */
typedef struct MtSkipInfo {
    const char *name, *type, *type_full, *expr;   /* owned by the table (valid while it is referenced) */
    uint64_t granularity, bytes;                  /* bytes: index files of the active parts */
} MtSkipInfo;
int mt_list_skip_indexes(Table *t, MtSkipInfo **out, int *n);

/* Scan (mt_scan.c). */
int mt_scan(Table *t, QueryCtx *q, const int *cols, int ncols, Op **out, Err *err);

/* Stable sort of rows by key columns: perm[i] = source row of output row i. */
void mt_sort_perm(Column **keys, int nkeys, size_t rows, uint32_t *perm);

#endif
