/* mt_serial.h — how a column's values become the byte streams of a
 * MergeTree part, and back.
 *
 * A type has one or more streams, each its own .bin/.mrk pair on disk:
 *   fixed-width values, FixedString: one stream of raw values;
 *   String: one stream of (varint length, bytes) per value;
 *   Nullable(T): a `.null` stream (one byte per row) then T's streams;
 *   Array(T): a `.sizeN` stream (u64 element count per row, N = nesting
 *     depth) then T's streams — sizes, not offsets, so any granule decodes
 *     on its own (ClickHouse's position-independent encoding);
 *   Map(K, V): `.sizeN`, then K's streams under `.keys`, V's under `.values`;
 *   Tuple: each element's streams under `.1`, `.2`, ...;
 *   LowCardinality(T): T's streams (the dictionary is an in-memory concern).
 * Readers pull bytes through ByteSrc, which hides where the bytes come from
 * (decompressed blocks of a file, or a buffer).
 */
#ifndef BASALT_MT_SERIAL_H
#define BASALT_MT_SERIAL_H

#include "../column/column.h"

int mt_stream_count(const DataType *t);
/* Stream file names (without .bin), base = escaped column name; out[i] malloc'd. */
void mt_stream_names(const DataType *t, const char *base, char **out);
/* Appends rows [from, from + n) of c (any column, const allowed) to bufs[0 .. count). */
void mt_write_rows(const Column *c, size_t from, size_t n, Buf *bufs);

/* A column's files are its type's streams and, for a String column, one
 * more: `<base>.size`, each row's length as UInt64. A query that reads only
 * lengths (length(s), empty(s), s = '') reads that instead of the bytes;
 * parts written before it existed simply lack it. */
#define MT_SIZE_SUFFIX ".size"
bool mt_has_size_stream(const DataType *t);
int mt_column_stream_count(const DataType *t);
void mt_column_stream_names(const DataType *t, const char *base, char **out);
void mt_column_write_rows(const Column *c, size_t from, size_t n, Buf *bufs);

typedef struct ByteSrc ByteSrc;
struct ByteSrc {
    const char *p, *end;                   /* bytes available now */
    int (*refill)(ByteSrc *s, Err *err);   /* makes more available, or fails at the end */
    void *ctx;
};

int bs_read(ByteSrc *s, void *dst, size_t n, Err *err);
int bs_varint(ByteSrc *s, uint64_t *v, Err *err);
/* A ByteSrc over a fixed buffer (refill fails: CORRUPTED_DATA). */
void bs_init_mem(ByteSrc *s, const char *p, size_t n);

/* Appends n rows to c (of its type) read from srcs[0 .. count). */
int mt_read_rows(Column *c, size_t n, ByteSrc **srcs, Err *err);

/* A whole column as one blob (every stream length-prefixed), for part
 * metadata and the primary index: append / read back n rows of type t. */
void mt_blob_put(const Column *c, Buf *out);
int mt_blob_get(const DataType *t, ByteSrc *src, Column **out, Err *err);

/* File-name form of a column name: [A-Za-z0-9_] kept, other bytes as %XX. */
void mt_escape_name(const char *name, Buf *out);
void mt_unescape_name(const char *s, char *out, size_t cap);

#endif
