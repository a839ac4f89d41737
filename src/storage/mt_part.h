/* mt_part.h — one immutable MergeTree part: its name, its metadata file
 * and its in-memory form.
 *
 * A part is a directory `<partition_id>_<min_block>_<max_block>_<level>[_<mutation>]`
 * holding, per column stream, `<stream>.bin` (compressed blocks) and
 * `<stream>.mrk` (one 24-byte mark per granule plus a final one: offset of
 * the compressed block, offset inside the decompressed block, rows), then
 * `pk.bin` (the primary key of each granule's first row, and of the last
 * row) and, written last, `meta.bin`: magic, row count, granule size, block
 * range, columns, partition value, min/max of the partition columns and a
 * manifest (name, size, XXH3-128) of every other file, closed by a hash of
 * itself. A part directory appears under its final name only through an
 * atomic rename of a complete `tmp_` directory.
 *
 * In memory a part is reference-counted: queries and merges hold references,
 * and a part retired by a merge is deleted from disk when the last one goes.
 */
#ifndef BASALT_MT_PART_H
#define BASALT_MT_PART_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/hash.h"
#include "../column/column.h"

#define MT_META_FILE "meta.bin"
#define MT_PK_FILE "pk.bin"
#define MT_MAX_FILES 100000

typedef struct MtPartName {
    char partition_id[128];
    int64_t min_block, max_block;
    uint32_t level;
    int64_t mutation;          /* 0 = none */
} MtPartName;

/* Parses a part directory name; false if it is not one. */
bool mt_part_name_parse(const char *s, MtPartName *out);
void mt_part_name_format(const MtPartName *n, char *out, size_t cap);
/* True if a contains b (same partition, block range covering, level and mutation at least). */
bool mt_part_contains(const MtPartName *a, const MtPartName *b);

typedef struct MtFileSum {
    char *name;
    uint64_t size;
    U128 hash;
} MtFileSum;

typedef struct MtPartMeta {
    uint64_t rows;
    uint32_t granularity;        /* the table's index_granularity when written */
    uint32_t marks;              /* granules + 1 */
    uint32_t *granule_rows;      /* rows of each granule (marks - 1 entries) */
    int ncols;
    char **col_names;
    const DataType **col_types;
    Column **partition;          /* one single-row column per partition key expression */
    int npartition;
    Column **minmax;             /* min and max (2 rows) of each partition-expression column */
    int nminmax;
    char **minmax_names;
    MtFileSum *files;
    int nfiles;
    /* min and max (2 rows) of integer-like columns, where known (version 3):
     * min()/max() over a whole table answer from them */
    Column **stats;
    char **stat_names;
    int nstats;
    uint64_t create_time;
    uint64_t uncompressed_bytes;   /* column data before compression */
    uint32_t flags;                /* MT_PART_COMPACT */
    uint32_t ttl_min, ttl_max;     /* range of the table TTL over the rows (unix seconds), 0 = none */
} MtPartMeta;

/* The part format ClickHouse would choose (system.parts part_type); it
 * decides how granules are cut. The files are the same either way. */
#define MT_PART_COMPACT 1u

void mt_meta_encode(const MtPartName *name, const MtPartMeta *m, Buf *out);
/* Decodes (and checks) a meta.bin; the name it records must equal `name`. */
int mt_meta_decode(const char *data, size_t len, MtPartName *name, MtPartMeta *m, Err *err);
void mt_meta_free(MtPartMeta *m);
/* Index of column `name` in a part's metadata, or -1. */
int mt_meta_column(const MtPartMeta *m, const char *name);

typedef enum { PART_ACTIVE, PART_OUTDATED } MtPartState;

typedef struct MtPart {
    int refs;
    uint64_t uid;                /* unique in the process: a new one for every part loaded */
    char *dir;                   /* absolute path of the part directory */
    char name[256];
    MtPartName info;
    MtPartMeta meta;
    Column **pk;                 /* primary key columns, `marks` rows each */
    int npk;
    int npk_loaded;              /* key prefix kept for analysis (the rest changes too rarely to help) */
    uint64_t *granule_start;     /* first row of each granule, then the row count */
    uint64_t bytes_on_disk, compressed_bytes, uncompressed_bytes;
    MtPartState state;
    bool remove_when_free;       /* delete the directory when the last reference goes */
    bool merging;                /* picked by a running merge */
    uint64_t outdated_at;        /* when it stopped being active (unix seconds) */
} MtPart;

MtPart *mt_part_ref(MtPart *p);
void mt_part_unref(MtPart *p);

/* Rows in granule g of the part. */
static inline uint64_t mt_granule_rows(const MtPart *p, uint32_t g)
{
    return g + 1 < p->meta.marks ? p->granule_start[g + 1] - p->granule_start[g] : 0;
}

/* Granule sizes of a block as ClickHouse cuts them: rows per granule is
 * index_granularity, or fewer when rows are wide (index_granularity_bytes /
 * average row size). A Wide part's granules run on across blocks (*open:
 * rows the last granule still takes); in a Compact part a tail shorter than
 * half a granule joins the previous granule. Appends to *out (n, cap). */
void mt_granules_for_block(uint64_t rows, uint64_t bytes, uint32_t granularity, uint64_t granularity_bytes, bool compact,
                           uint32_t *open, uint32_t **out, uint32_t *n, uint32_t *cap);

/* Loads a committed part: meta.bin, file sizes, pk.bin (pk_types: the
 * table's primary key types). Checks sizes, not hashes (CHECK TABLE does). */
int mt_part_load(const char *dir, const char *name, const DataType **pk_types, int npk, double skip_suffix_ratio, MtPart **out,
                 Err *err);
/* The manifest entry of a file, or NULL. */
const MtFileSum *mt_part_file(const MtPart *p, const char *name);
/* Checks bytes read from a file of the part against its manifest entry
 * (CHECKSUM_DOESNT_MATCH). */
int mt_part_verify_bytes(const MtPart *p, const char *name, const char *data, size_t len, Err *err);
/* Verifies every file's size and hash against the manifest. */
int mt_part_check(const MtPart *p, Err *err);

#endif
