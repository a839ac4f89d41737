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
    uint32_t granularity;          /* the table's index_granularity (recorded) */
    const uint32_t *granules;      /* rows of each granule, in order */
    uint32_t ngranules;
    size_t min_compress_block, max_compress_block;
    bool sync;                     /* fsync files and directories */
    Column **pk;                   /* primary key values of every row (npk columns) */
    int npk;
    Column **partition;            /* partition value: one row per key expression */
    int npartition;
    Column **minmax;               /* min and max of each partition-expression column */
    char **minmax_names;
    int nminmax;
} MtWriteSpec;

/* Writes rows (sorted; one column per spec column) as part `name` into a
 * temporary directory `<table_dir>/tmp_<kind>_<name>` (its path returned in
 * tmp_dir). On error the directory is removed. */
int mt_part_write(const MtWriteSpec *spec, const Chunk *rows, const MtPartName *name, const char *kind, char *tmp_dir,
                  size_t tmp_cap, Err *err);
/* Renames the temporary directory to the part's name (the commit point) and
 * fsyncs the table directory when sync. */
int mt_part_commit(const char *tmp_dir, const char *table_dir, const MtPartName *name, bool sync, Err *err);

#endif
