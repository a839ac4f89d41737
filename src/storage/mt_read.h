/* mt_read.h — reading a column's granules from a part.
 *
 * A column reader opens the column's streams (.bin + .mrk), seeks each to
 * the mark of the first granule asked for, and decodes values through
 * decompressed blocks, moving to the following block when one runs out.
 * Reading consecutive granule ranges continues without seeking again. Every
 * size and offset read from disk is checked (CORRUPTED_DATA,
 * CHECKSUM_DOESNT_MATCH), never trusted.
 */
#ifndef BASALT_MT_READ_H
#define BASALT_MT_READ_H

#include "mt_part.h"
#include "mt_serial.h"

typedef struct MtStreamReader {
    int fd;
    uint64_t file_size;
    uint64_t *marks;          /* 3 per mark: file offset, block offset, rows */
    uint32_t nmarks;
    uint64_t block_at;        /* file offset of the loaded block, or UINT64_MAX */
    size_t frame_len;
    Buf frame, block;
    const char *view;         /* the loaded block's bytes: in block, or in frame for a NONE block */
    size_t view_len;
    ByteSrc src;
    const char *part;         /* for messages */
} MtStreamReader;

typedef struct MtColumnReader {
    const DataType *type;
    int nstreams;
    MtStreamReader *streams;
    ByteSrc **srcs;
    uint32_t next_granule;    /* granule the streams are positioned at, or UINT32_MAX */
} MtColumnReader;

int mt_reader_open(MtColumnReader *r, const MtPart *p, const char *column, const DataType *type, Err *err);
/* A reader of a String column's lengths (UInt64) from its size stream;
 * false (nothing opened) if the part has none. */
bool mt_part_has_sizes(const MtPart *p, const char *column);
int mt_reader_open_sizes(MtColumnReader *r, const MtPart *p, const char *column, Err *err);
/* Appends the rows of granules [g0, g1) to out (of the reader's type). */
int mt_reader_read(MtColumnReader *r, const MtPart *p, uint32_t g0, uint32_t g1, Column *out, Err *err);
void mt_reader_close(MtColumnReader *r);

#endif
