/* codec.h — compressed blocks: the one framing shared by MergeTree files
 * and the native protocol, and the column codecs inside it.
 *
 * A block is ClickHouse's frame: 16-byte CityHash128 (v1.0.2) of everything
 * after it, a method byte, u32 compressed size (header + payload, without the
 * checksum), u32 decompressed size, payload. Methods: NONE 0x02, LZ4/LZ4HC
 * 0x82, ZSTD 0x90 (the only ones the network may use), and Multiple 0x91 for
 * a chain of column codecs (`CODEC(Delta(4), ZSTD(3))`): its payload is a
 * count byte, then nested stages, each `[method u8][param u8][u32 input
 * size][encoded]`, the last codec of the chain outermost. Transforms (Delta,
 * DoubleDelta, Gorilla, T64) live in codec_xform.c; their encodings are
 * basalt's own (ClickHouse byte compatibility is not a goal on disk).
 *
 * Decoding untrusted frames is bounded: every size is checked against its
 * limit and the bytes actually present before anything is allocated or
 * copied, the checksum is verified before any codec runs, and every decoder
 * must produce exactly the announced size.
 */
#ifndef BASALT_CODEC_H
#define BASALT_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "../base/buf.h"
#include "../base/err.h"
#include "../column/type.h"

enum {
    CM_NONE = 0x02,
    CM_LZ4 = 0x82,
    CM_ZSTD = 0x90,
    CM_MULTIPLE = 0x91,
    CM_DELTA = 0x92,
    CM_T64 = 0x93,
    CM_DOUBLE_DELTA = 0x94,
    CM_GORILLA = 0x95,
};

#define CODEC_HEADER_SIZE 9          /* method + compressed size + decompressed size */
#define CODEC_CHECKSUM_SIZE 16
#define CODEC_MAX_BLOCK (1u << 30)   /* ClickHouse refuses compressed sizes above 1 GiB */
#define CODEC_MAX_STEPS 8

typedef struct CodecStep {
    uint8_t method;
    int level;        /* LZ4HC / ZSTD level; 0 = plain LZ4 / default */
    int width;        /* Delta, DoubleDelta, Gorilla, T64: bytes per value */
    bool hc;          /* LZ4HC */
} CodecStep;

typedef struct CodecChain {
    CodecStep steps[CODEC_MAX_STEPS];
    int n;
} CodecChain;

/* LZ4, the default. */
void codec_chain_default(CodecChain *out);
/* Parses a CODEC(...) argument list ("Delta(4), ZSTD(3)") for a column of
 * type t (NULL: no type checks); ClickHouse's errors for unknown codecs and
 * bad parameters. */
int codec_chain_parse(const char *text, const DataType *t, CodecChain *out, Err *err);
/* ClickHouse's combination checks (skipped with allow_suspicious_codecs). */
int codec_chain_check(const CodecChain *c, const DataType *t, Err *err);
/* The chain as SHOW CREATE prints it (malloc'd). */
char *codec_chain_text(const CodecChain *c);

/* Appends one framed block holding src[0 .. n) to out. */
int codec_compress(const CodecChain *c, const char *src, size_t n, Buf *out, Err *err);

/* Reads the sizes of the frame at p (avail bytes present): checks the header
 * (9 <= compressed <= 1 GiB, decompressed <= 1 GiB) and returns the whole
 * frame length (checksum included) in *frame_len. */
int codec_frame_sizes(const char *p, size_t avail, size_t *frame_len, uint32_t *dsize, Err *err);

enum { CODEC_WIRE_ONLY = 1 };   /* accept only NONE, LZ4 and ZSTD */

/* Checks, before a buffer is allocated for it, that the whole frame
 * (frame_len bytes) could decode to the size it announces: a NONE payload is
 * that size, LZ4 expands at most 255-fold, ZSTD to what its frame headers
 * allow. A few bytes of untrusted input then cannot claim a gigabyte. */
int codec_frame_plausible(const char *frame, size_t frame_len, Err *err);

/* Verifies and decodes one whole frame (frame_len bytes, from
 * codec_frame_sizes) into dst, which holds exactly dsize bytes. */
int codec_decompress(const char *frame, size_t frame_len, char *dst, uint32_t dsize, unsigned flags, Err *err);
/* The same, but a NONE frame's bytes are not copied: *out points into the
 * frame (else at dst, decoded). */
int codec_decompress_view(const char *frame, size_t frame_len, char *dst, uint32_t dsize, unsigned flags, const char **out, Err *err);

/* Transforms (codec_xform.c): encode appends to out; decode reads exactly
 * the encoded bytes and must produce n bytes into dst. */
void xform_encode(uint8_t method, int width, const char *src, size_t n, Buf *out);
int xform_decode(uint8_t method, int width, const char *src, size_t len, char *dst, size_t n, Err *err);

#endif
