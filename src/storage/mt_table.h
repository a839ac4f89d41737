/* mt_table.h — the MergeTree engine's table state, shared by its modules:
 * mt_table.c (create/attach, INSERT, parts list, startup recovery),
 * mt_scan.c (reading), mt_index.c (partition and primary-key pruning),
 * mt_merge.c (background merges, OPTIMIZE).
 *
 * Keys are kept as SQL text and bound (through the server's storage_bind
 * hook) whenever rows must be evaluated; their result types are fixed at
 * CREATE. The parts list holds every loaded part, active or retired; a part
 * retired by a merge or a TRUNCATE leaves the list at once and its directory
 * goes when the last query or merge reading it lets go.
 */
#ifndef BASALT_MT_TABLE_H
#define BASALT_MT_TABLE_H

#include <pthread.h>

#include "../compress/codec.h"
#include "mt_part.h"
#include "mutation.h"
#include "table.h"

typedef enum { MT_PLAIN, MT_REPLACING, MT_SUMMING, MT_AGGREGATING, MT_COLLAPSING, MT_VERSIONED_COLLAPSING } MtKind;

typedef struct MtKey {
    char *sql;                  /* comma-separated expressions, or "" */
    int n;
    char **names;               /* each expression's column name (EXPLAIN "Keys:") */
    const DataType **types;
} MtKey;

typedef struct MtSettings {
    uint32_t index_granularity;
    uint64_t index_granularity_bytes;       /* adaptive granules: at most this many bytes */
    uint64_t min_bytes_for_wide_part, min_rows_for_wide_part;
    double pk_skip_suffix_ratio;            /* primary_key_ratio_of_unique_prefix_values_to_skip_suffix_columns */
    uint64_t min_compress_block_size, max_compress_block_size;
    uint64_t parts_to_delay_insert, parts_to_throw_insert, max_parts_in_total;
    bool fsync_after_insert, fsync_part_directory;
    bool allow_nullable_key;
    uint64_t max_parts_to_merge_at_once;
    uint64_t max_bytes_to_merge_at_max_space_in_pool;
    int64_t merge_with_ttl_timeout;
    bool ttl_only_drop_parts;
    char *default_compression_codec;
} MtSettings;

/* A mutation in the table's log (mt_mutate.c). */
typedef struct MtMutationEntry {
    int64_t version;             /* its block number: parts below it are rewritten */
    uint64_t create_time;
    Mutation m;
    char fail_part[256];
    char *fail_reason;           /* NULL unless the last attempt failed */
    int fail_code;
    uint64_t fail_time;
} MtMutationEntry;

/* A merge or mutation in progress (system.merges). */
typedef struct MtRunning {
    char result[256];
    char **sources;              /* part names */
    int nsources;
    char partition_id[128];
    bool is_mutation;
    uint64_t start_ns;
    uint64_t total_rows, total_bytes, total_uncompressed, total_marks;
    uint64_t rows_written, bytes_written;   /* updated as blocks are written */
    struct MtRunning *next;
} MtRunning;

typedef struct MtTtlTime {
    char partition_id[128];
    uint64_t last;               /* when its last TTL merge started */
} MtTtlTime;

typedef struct MtTable {
    pthread_mutex_t lock;        /* parts, counters, dir */
    char *dir;
    MtKind kind;
    char *engine_name;
    char **engine_args;          /* SQL text of the engine's arguments */
    int nengine_args;
    MtKey sort, primary, partition;
    char **minmax_cols;          /* table columns the partition key reads */
    int nminmax;
    char *ttl_sql, *ttl_where_sql;   /* TTL expr [WHERE cond], or NULL */
    bool ttl_merges_stopped;     /* SYSTEM STOP TTL MERGES */
    MtTtlTime *ttl_times;
    int nttl_times;
    MtSettings settings;
    char **setting_names, **setting_values;   /* as given, for SHOW CREATE */
    int nsettings;
    CodecChain *codecs;          /* per table column */
    int ncodecs;
    MtPart **parts;              /* active parts, by partition then min block */
    int nparts, capparts;
    int64_t block_counter;
    bool dropped;                /* DROP TABLE: remove the directory at destroy */
    /* background merges */
    MtPart **outdated;           /* merged away: listed (active = 0) for a while, deleted when unread */
    int noutdated, capoutdated;
    pthread_t merger;
    bool merger_running;
    volatile bool stop;
    bool merges_stopped;         /* SYSTEM STOP MERGES */
    int schema_changing;         /* an ALTER of columns is running: no merge starts */
    int bulk_inserts;            /* multi-block INSERTs running (mt_bulk_insert) */
    pthread_cond_t wake;
    int merges_running;
    Table *table;                /* the owner (not referenced) */
    MtMutationEntry *mutations;  /* the log, by version */
    int nmutations;
    bool mutating;               /* a mutation or DROP PARTITION holds merges off */
    MtRunning *running;          /* merges and mutations in progress */
    struct MtSkipIndex *skip;    /* data-skipping indexes (mt_skip.h) */
    int nskip;
} MtTable;


/* Binds the key expressions items[0 .. n) over the table (types, names). */
int mt_key_bind(MtKey *k, Table *t, QueryCtx *q, char **items, int n, Err *err);
void mt_key_release(MtKey *k);
/* Evaluates a key over a chunk holding every table column (in table order):
 * cols[i] gets a new reference per expression. */
int mt_eval_key(QueryCtx *q, Table *t, const MtKey *key, Chunk *ch, Column **cols, Err *err);

/* Snapshot of the active parts (references taken; free with mt_parts_release). */
MtPart **mt_parts_snapshot(MtTable *mt, int *n);
void mt_parts_release(MtPart **parts, int n);

/* Partition id text of a partition value (one row per key column). */
void mt_partition_id(Column **values, int n, char *out, size_t cap);

struct MtWriteSpec;
/* The spec every new part of the table is written with (arrays in q's arena). */
void mt_write_spec(MtTable *mt, Table *t, QueryCtx *q, Column **pvalues, struct MtWriteSpec *spec);
/* The part format ClickHouse picks for a part of that size (Compact below
 * min_bytes_for_wide_part / min_rows_for_wide_part). */
bool mt_compact_part(const MtTable *mt, uint64_t bytes, uint64_t rows);
/* Renames a written part into place and loads it (not yet in the active set). */
int mt_commit_new_part(MtTable *mt, const char *tmp, const MtPartName *pn, MtPart **out, Err *err);

/* A reader of every row of one part, columns cols of the table (mt_scan.c). */
struct Op;
struct Op *mt_scan_part(Table *t, QueryCtx *q, MtPart *p, const int *cols, int ncols);
/* The same with flags: MT_SCAN_RAW reads rows a lightweight DELETE masked
 * out too; MT_SCAN_GRANULES returns one chunk per granule. */
enum { MT_SCAN_RAW = 1, MT_SCAN_GRANULES = 2 };
struct Op *mt_scan_part_ex(Table *t, QueryCtx *q, MtPart *p, const int *cols, int ncols, int flags);

/* Swaps merged sources for their result (NULL: nothing left). Takes the
 * reference of merged; the sources become outdated. */
void mt_replace_parts(MtTable *mt, MtPart **sources, int n, MtPart *merged);

/* Merging (mt_merge.c). */
/* Reads parts (adjacent, one partition) in sort-key order applying the
 * engine's rules for equal keys (final: as SELECT ... FINAL does), handing
 * blocks of all table columns and their primary key values to emit. */
int mt_merge_read(MtTable *mt, Table *t, QueryCtx *q, MtPart **parts, int n, bool final, volatile bool *stop,
                  int (*emit)(void *ctx, Chunk *block, Column **pk, Err *err), void *ctx, Err *err);
void mt_merger_start(MtTable *mt);
void mt_merger_stop(MtTable *mt);
void mt_merger_wake(MtTable *mt);
/* Registers a merge of parts into result (lock not held); unregister frees it. */
MtRunning *mt_running_add(MtTable *mt, MtPart **parts, int n, const MtPartName *result, bool is_mutation);
void mt_running_remove(MtTable *mt, MtRunning *r);
void mt_running_progress(MtRunning *r, uint64_t rows, uint64_t bytes);

/* TTL (mt_ttl.c). */
int mt_ttl_init(MtTable *mt, Table *t, QueryCtx *q, const char *ttl, const char *where, Err *err);
bool mt_ttl_reads_column(MtTable *mt, Table *t, QueryCtx *q, int col);
/* ALTER ... MODIFY TTL / REMOVE TTL (ttl NULL): the new rule, or the old one kept on an error (write lock held). */
int mt_ttl_replace(MtTable *mt, Table *t, QueryCtx *q, const char *ttl, const char *where, Err *err);
struct MtPartWriter;
/* Records the TTL range of rows about to be written into a part. */
int mt_ttl_note(MtTable *mt, Table *t, QueryCtx *q, Chunk *ch, struct MtPartWriter *w, Err *err);
/* Drops expired rows (and their primary key values) from a merged block. */
int mt_ttl_filter(MtTable *mt, Table *t, QueryCtx *q, Chunk *ch, Column **pk, int npk, uint32_t now, Err *err);
bool mt_ttl_part_expired(const MtPart *p, uint32_t now);
bool mt_ttl_partition_due(MtTable *mt, const char *pid, uint64_t now);   /* lock held */
void mt_ttl_partition_merged(MtTable *mt, const char *pid, uint64_t now);   /* lock held */

/* Mutations (mt_mutate.c). */
void mt_mutations_load(MtTable *mt);                          /* the log, at startup */
void mt_mutations_resume(MtTable *mt, Table *t, QueryCtx *q); /* finish what a crash interrupted */
void mt_mutations_free(MtTable *mt);
void mt_clear_empty_parts(MtTable *mt);                       /* background: parts a mutation emptied */
int mt_mutate(Table *t, QueryCtx *q, const Mutation *m, Err *err);
int mt_drop_partition(Table *t, QueryCtx *q, const char *partition_id, Err *err);
/* OPTIMIZE TABLE: merge the parts of each partition (or the one given) into one. */
int mt_optimize(Table *t, QueryCtx *q, const char *partition_id, bool final, Err *err);

#endif
