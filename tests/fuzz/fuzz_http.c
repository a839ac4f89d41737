/* fuzz_http.c — libFuzzer target for the HTTP request decoders
 * (server/http_parse.c): the request head (request line, headers, framing
 * headers), the query string with URL decoding, and the chunked body
 * decoder, all from untrusted client bytes. The first byte splits the rest:
 * its low 7 bits give the size of the chunked decoder's feeds, so the
 * fuzzer explores framing split at any point; its top two bits pick gzip,
 * zstd, ClickHouse's block framing (decompress=1) or br for the content decoder
 * (server/http_codec.c), which gets the same
 * bytes as a compressed request body, and as a multipart/form-data body
 * (boundary "b"). A head must parse or fail cleanly;
 * decoded chunked bodies never exceed their input; decoding stops cleanly
 * on corrupt or cut-off streams. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/http_codec.h"
#include "server/http_parse.h"

typedef struct Mem {
    const char *p;
    size_t n, step;
} Mem;

static ssize_t mem_read(void *ctx, char *dst, size_t cap)
{
    Mem *m = ctx;
    size_t k = m->n < cap ? m->n : cap;
    if (k > m->step) k = m->step;
    memcpy(dst, m->p, k);
    m->p += k, m->n -= k;
    return (ssize_t)k;
}

static int count_part(void *ctx, const char *name, const char *value, size_t len, bool is_file)
{
    size_t *n = ctx;
    if (strlen(value) > len) abort();
    *n += strlen(name) + len + is_file;
    return 0;
}

static int count_param(void *ctx, const char *name, const char *value)
{
    size_t *n = ctx;
    *n += strlen(name) + strlen(value);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 20) return 0;
    size_t step = (data[0] & 0x7f) + 1;
    const char *in = (const char *)data + 1;
    size_t n = size - 1;
    HttpRequest req;
    long head = http_parse_head(in, n, 1 << 16, &req);
    if (head > 0) {
        if ((size_t)head > n) abort();
        size_t total = 0;
        http_query_params(req.target, count_param, &total);
        char path[256];
        http_target_path(req.target, path, sizeof path);
        (void)http_header(&req, "Host");
    }
    http_request_free(&req);
    /* the bytes after the head (or all of them) as a chunked body, fed in steps */
    size_t from = head > 0 ? (size_t)head : 0;
    char *out = malloc(n + 1);
    HttpChunked dec = {0};
    size_t at = from, produced_total = 0;
    while (at < n) {
        size_t k = n - at < step ? n - at : step, used, produced;
        int rc = http_chunked_feed(&dec, in + at, k, out, &used, &produced);
        if (used > k || produced > used) abort();
        produced_total += produced;
        at += used;
        if (rc != HTTP_CHUNK_MORE) break;
        if (!used) abort();   /* MORE must consume what it was given */
    }
    if (produced_total > n) abort();
    /* the bytes as a compressed body: decoded in small reads, output bounded */
    HttpDecoder cd;
    static const int CODINGS[] = {CODING_GZIP, CODING_ZSTD, CODING_NATIVE, CODING_BR};
    if (http_decoder_init(&cd, CODINGS[data[0] >> 6]) == 0) {
        Mem m = {in, n, step};
        char dst[4096];
        size_t total = 0;
        for (;;) {
            ssize_t r = http_decoder_read(&cd, mem_read, &m, dst, sizeof dst);
            if (r <= 0 || (total += (size_t)r) > (64u << 20)) break;
        }
        http_decoder_free(&cd);
    }
    /* the bytes as a multipart/form-data body (boundary "b"), and its Content-Type */
    size_t parts = 0;
    char boundary[80];
    http_multipart(in, n, "b", count_part, &parts);
    char *ct = malloc(n + 1);
    memcpy(ct, in, n);
    ct[n] = 0;
    if (http_multipart_boundary(ct, boundary, sizeof boundary) && strlen(boundary) > 70) abort();
    free(ct);
    /* URL decoding of the raw bytes */
    char *dec_out = malloc(n + 1);
    size_t m = http_url_decode(in, n, dec_out, true);
    if (m > n) abort();
    free(dec_out);
    free(out);
    return 0;
}
