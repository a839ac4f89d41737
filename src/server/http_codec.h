/* http_codec.h — HTTP content codings: request bodies sent with
 * Content-Encoding (gzip, deflate, zstd, br, lz4) are decoded as they stream
 * in; responses are encoded when the query has enable_http_compression = 1
 * and Accept-Encoding names a method (chosen in ClickHouse's order of
 * preference: zstd, br, lz4, gzip, deflate). zlib, libzstd, libbrotli and
 * liblz4's frame format do the work. ClickHouse's xz, bz2 and snappy are
 * left out on purpose: each would link one more library into a binary whose
 * point is a short list; a request body in them gets UNKNOWN_COMPRESSION_METHOD
 * (89) and a response is sent uncompressed, as HTTP allows.
 * NATIVE is ClickHouse's own block framing (compress=1 / decompress=1:
 * CityHash128-checked frames of LZ4, ZSTD or none, compress/frame.c), at
 * most 64 MiB a block from a client.
 */
#ifndef BASALT_HTTP_CODEC_H
#define BASALT_HTTP_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "../base/buf.h"

enum { CODING_NONE, CODING_GZIP, CODING_DEFLATE, CODING_ZSTD, CODING_NATIVE, CODING_BR, CODING_LZ4 };   /* NATIVE: compress=1 / decompress=1 */

/* The coding named by a Content-Encoding value; -1 if unknown. */
int http_coding_of(const char *name);
const char *http_coding_name(int coding);
/* The response coding for an Accept-Encoding value (CODING_NONE if none fits). */
int http_coding_accept(const char *accept_encoding);

typedef ssize_t (*HttpRawRead)(void *ctx, char *dst, size_t cap);

typedef struct HttpDecoder {
    int coding;
    void *state;                /* z_stream, ZSTD_DStream, BrotliDecoderState or LZ4F_dctx */
    char *in;                   /* raw bytes read, not yet decoded: in[pos, len) */
    size_t pos, len, cap;
    bool raw_eof, done;
    Buf frame, plain;           /* NATIVE: the frame being read, and its decoded bytes */
    size_t plain_pos;
    bool frame_open;            /* inside a gzip member or zstd frame */
} HttpDecoder;

int http_decoder_init(HttpDecoder *d, int coding);
/* Up to cap decoded bytes into dst, pulling raw bytes from raw(ctx); 0 at
 * the end, -1 on corrupt data or a raw read error. */
ssize_t http_decoder_read(HttpDecoder *d, HttpRawRead raw, void *ctx, char *dst, size_t cap);
void http_decoder_free(HttpDecoder *d);

typedef struct HttpEncoder {
    int coding;
    void *state;                /* z_stream, ZSTD_CStream, BrotliEncoderState or LZ4F_cctx */
    bool started;               /* lz4: the frame header is out */
} HttpEncoder;

int http_encoder_init(HttpEncoder *e, int coding, int level);
/* Encodes p[0, n) and appends the output to out; finish ends the stream,
 * otherwise what was given is flushed so the client can decode it now. */
int http_encoder_write(HttpEncoder *e, const void *p, size_t n, bool finish, Buf *out);
void http_encoder_free(HttpEncoder *e);

#endif
