/* mt_write.h — writing and committing parts (see mt_write.c). */
#ifndef BASALT_MT_WRITE_H
#define BASALT_MT_WRITE_H

#include "../compress/codec.h"
#include "mt_part.h"

typedef struct MtWriteSpec {
    const char *table_dir;
    int ncols;
    char **col_names;
    const DataType **col_types;
    const CodecChain *codecs;      /* per column */
    uint32_t granularity;          /* the table's index_granularity */
    uint64_t granularity_bytes;    /* index_granularity_bytes (adaptive granules; 0 = fixed) */
    size_t min_compress_block, max_compress_block;
    bool sync;                     /* fsync files and directories */
    int npk;                       /* primary key columns */
    const DataType **pk_types;
    bool compact;                  /* the part format ClickHouse would pick (granule rules) */
    bool granule_per_write;        /* each mt_writer_write call is exactly one granule (a
                                      mutation rewriting columns of an existing part) */
    Column **partition;            /* partition value: one row per key expression */
    int npartition;
    int *minmax_cols;              /* columns whose min and max the part records */
    char **minmax_names;
    int nminmax;
} MtWriteSpec;

typedef struct MtPartWriter MtPartWriter;

/* Starts part `name` in a temporary directory `<table_dir>/tmp_<kind>_<name>`. */
int mt_writer_open(const MtWriteSpec *spec, const MtPartName *name, const char *kind, MtPartWriter **out, Err *err);
/* Appends sorted rows (one column per spec column) and their primary key values. */
int mt_writer_write(MtPartWriter *w, const Chunk *rows, Column **pk, Err *err);
/* Writes the index and metadata, closes the writer; the temporary directory's
 * path in tmp_dir. On error the directory is removed. */
int mt_writer_finish(MtPartWriter *w, char *tmp_dir, size_t tmp_cap, Err *err);
/* For a writer of only some columns of an existing part (a mutation):
 * closes the streams and hands back their manifest entries and the
 * temporary directory; pk.bin and meta.bin are the caller's. */
int mt_writer_finish_columns(MtPartWriter *w, char *tmp_dir, size_t tmp_cap, MtFileSum **files, int *nfiles,
                             uint64_t *raw_bytes, Err *err);
void mt_writer_abort(MtPartWriter *w);
uint64_t mt_writer_rows(const MtPartWriter *w);
/* Granule sizes cut so far. */
const uint32_t *mt_writer_granules(const MtPartWriter *w, uint32_t *n);
/* Writes one more file into the part (in its manifest), e.g. a skip index. */
int mt_writer_add_file(MtPartWriter *w, const char *name, const void *data, size_t len, Err *err);
/* Widens the part's recorded TTL range (table TTL values of rows written). */
void mt_writer_note_ttl(MtPartWriter *w, uint32_t min, uint32_t max);
/* Renames the temporary directory to the part's name (the commit point) and
 * fsyncs the table directory when sync. */
int mt_part_commit(const char *tmp_dir, const char *table_dir, const MtPartName *name, bool sync, Err *err);

#endif
