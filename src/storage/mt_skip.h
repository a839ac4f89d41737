/* mt_skip.h — data-skipping indexes of a MergeTree table:
 *   INDEX name expr TYPE minmax | set(N) | bloom_filter([rate]) |
 *         tokenbf_v1(bytes, hashes, seed) [GRANULARITY n]
 *
 * Every part holds one file per index, `skp_idx_<name>.idx` (listed in its
 * manifest), summarising each run of n granules ("index granule"): min and
 * max of the expressions, the set of their distinct values, or a bloom
 * filter of their values / of the tokens of their strings. mt_skip.c builds
 * and reads the files; mt_skip_cond.c turns a query's WHERE into a test per
 * index granule and drops the granules that cannot match, after the primary
 * key did its part, in ClickHouse's order (minmax first, then coarser
 * granularity, then smaller index files), with EXPLAIN indexes = 1 stats.
 * Bloom filters hash exactly as ClickHouse's do, so the same granules pass.
 */
#ifndef BASALT_MT_SKIP_H
#define BASALT_MT_SKIP_H

#include "mt_index.h"
#include "mt_table.h"

typedef enum { SKIP_MINMAX, SKIP_SET, SKIP_BLOOM, SKIP_TOKENBF } MtSkipKind;

typedef struct MtSkipIndex {
    char *name;
    char *expr;                   /* as written (system.data_skipping_indices) */
    char *type_name, *type_full;  /* "set", "set(100)" */
    MtKey key;                    /* the indexed expressions */
    MtSkipKind kind;
    uint64_t set_max;             /* set(N): 0 = no limit */
    uint32_t bits_per_row, nhashes;           /* bloom_filter */
    uint64_t bf_bytes, bf_hashes, bf_seed;    /* tokenbf_v1 */
    uint64_t granularity;         /* table granules per index granule */
} MtSkipIndex;

struct MtDef;
int mt_skip_init(MtTable *mt, Table *t, QueryCtx *q, const struct MtDef *d, Err *err);
void mt_skip_free(MtTable *mt);
/* The file of index ix in a part: skp_idx_<escaped name>.idx */
void mt_skip_file_name(const MtSkipIndex *ix, char *out, size_t cap);
/* Whether a mutation writing these table columns changes what an index holds. */
bool mt_skip_reads_columns(MtTable *mt, Table *t, QueryCtx *q, const bool *cols);

/* ---- building the files of a new part ---- */
typedef struct MtSkipBuilder MtSkipBuilder;
struct MtPartWriter;
MtSkipBuilder *mt_skip_builder_new(MtTable *mt);   /* NULL when the table has no index */
/* Feeds rows just written (every table column); granules: all granule
 * sizes of the part so far, as the writer cut them. */
int mt_skip_builder_add(MtSkipBuilder *b, Table *t, QueryCtx *q, const Chunk *rows, const uint32_t *granules, uint32_t ngranules,
                        Err *err);
/* Writes the index files into the part (through the writer) and frees b. */
int mt_skip_builder_finish(MtSkipBuilder *b, struct MtPartWriter *w, Err *err);
void mt_skip_builder_free(MtSkipBuilder *b);

/* ---- reading ---- */
typedef struct MtSkipData {
    MtSkipKind kind;
    int nkeys;
    uint64_t ngranules;
    /* minmax */
    uint8_t *flags;               /* per index granule, per key: bit 0 some non-NULL value, bit 1 some NULL */
    Column **lo, **hi;            /* per key: one row per index granule (min / max of the non-NULL values) */
    /* set */
    uint64_t *counts;             /* per index granule: distinct rows, 0 = too many (keep) */
    uint64_t *starts;             /* first value row of each granule */
    Column **values;              /* per key: the values of every granule, in order */
    /* bloom_filter / tokenbf_v1 */
    uint64_t *filter_off;         /* per granule: offset of its first filter in `filters` */
    uint64_t *filter_bytes;       /* per granule: bytes of each of its filters */
    uint8_t *filters;
    uint64_t filters_len;
} MtSkipData;

/* The type of a minmax index's bounds: the key type without Nullable / LowCardinality. */
const DataType *mt_skip_box_type(const DataType *t);
/* Loads (and checks) the index file of part p; *out NULL if the part has none. */
int mt_skip_load(const MtSkipIndex *ix, const MtPart *p, MtSkipData **out, Err *err);
/* Decodes an index file as stored (compressed frames), then its body. */
int mt_skip_decode_file(const MtSkipIndex *ix, const char *data, size_t len, MtSkipData **out, Err *err);
/* Decodes an index file's body (both are fuzz targets' entry points). */
int mt_skip_decode(const MtSkipIndex *ix, const char *data, size_t len, MtSkipData **out, Err *err);
void mt_skip_data_free(MtSkipData *d);

/* Bloom filter bit tests, as ClickHouse's BloomFilter. */
bool mt_bloom_has_hash(const uint8_t *filter, uint64_t bytes, uint64_t h, uint32_t nhashes);
uint64_t mt_bloom_value_hash(const Column *c, size_t row);   /* the hash of one (non-array) value */
/* Sets the bits of one token in a tokenbf_v1 filter of ix->bf_bytes bytes. */
void mt_tokenbf_add(uint8_t *filter, const MtSkipIndex *ix, const char *tok, size_t n);
/* Calls fn for each token of s (runs of ASCII letters and digits and of
 * bytes >= 0x80), with its offset. */
void mt_tokens(const char *s, size_t n, void (*fn)(void *ctx, const char *tok, size_t len, size_t at), void *ctx);

/* ---- selecting granules (mt_skip_cond.c) ---- */
/* Drops the granules of sel's ranges no index can match; adds the Skip stats. */
int mt_skip_apply(MtTable *mt, Table *t, QueryCtx *q, Expr *cond, Expr *cond2, const int *cols, int ncols, MtSelection *sel,
                  Err *err);

#endif
