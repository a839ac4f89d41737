/* http_parse.h — the HTTP/1.x bytes a client sends, decoded without I/O:
 * the request head (request line and headers), URL query strings, and
 * chunked request bodies. Everything here reads untrusted bytes, so it is
 * pure, bounded and fuzzed (tests/fuzz/fuzz_http.c); http.c does the I/O.
 */
#ifndef BASALT_HTTP_PARSE_H
#define BASALT_HTTP_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_MAX_HEADERS 100

typedef struct HttpHeader {
    const char *name, *value;   /* NUL-terminated, inside HttpRequest.raw */
} HttpHeader;

typedef struct HttpRequest {
    char *raw;                  /* owned copy of the head, cut into strings */
    const char *method;         /* "GET", "POST", ... */
    const char *target;         /* "/?query=..." as sent */
    int minor;                  /* HTTP/1.<minor> */
    HttpHeader headers[HTTP_MAX_HEADERS];
    int nheaders;
    int64_t content_length;     /* -1: none */
    bool chunked;               /* Transfer-Encoding: chunked */
    bool keep_alive;            /* from the version and Connection */
    bool expect_continue;       /* Expect: 100-continue */
} HttpRequest;

/* Parses the head at the start of buf[0, len). Returns the head's length
 * (through the blank line) when it is complete, 0 if more bytes are needed,
 * or -status (-400, -431 headers too large, -414 URI too long, -501 unknown
 * transfer coding, -505 version) if it is bad. max_bytes bounds the head. */
long http_parse_head(const char *buf, size_t len, size_t max_bytes, HttpRequest *req);
void http_request_free(HttpRequest *req);
/* The value of header name (case-insensitive), or NULL. */
const char *http_header(const HttpRequest *req, const char *name);

/* Calls fn(name, value) for each parameter of the query string in target
 * (after '?'), both URL-decoded into NUL-terminated buffers ('+' is a space).
 * Stops when fn returns non-zero and returns that value. */
int http_query_params(const char *target, int (*fn)(void *ctx, const char *name, const char *value), void *ctx);
/* URL-decodes s[0, n) into out (room for n + 1 bytes); returns the length. */
size_t http_url_decode(const char *s, size_t n, char *out, bool plus_is_space);
/* The path part of target (before '?'), copied into out (cap bytes). */
void http_target_path(const char *target, char *out, size_t cap);

/* The boundary of a `multipart/form-data; boundary=...` Content-Type into
 * out (cap bytes); false if the type is not multipart/form-data. */
bool http_multipart_boundary(const char *content_type, char *out, size_t cap);
/* Calls fn(name, value, len, is_file) for each part of a multipart body
 * (values are NUL-terminated copies); stops when fn returns non-zero and
 * returns that. -1: the body is malformed. */
int http_multipart(const char *body, size_t n, const char *boundary,
                   int (*fn)(void *ctx, const char *name, const char *value, size_t len, bool is_file), void *ctx);

/* A chunked body decoder: feed it the raw bytes as they arrive. */
typedef struct HttpChunked {
    int state;                  /* internal */
    uint64_t left;              /* bytes left in the current chunk */
    int digits;
} HttpChunked;

enum { HTTP_CHUNK_MORE = 0, HTTP_CHUNK_DONE = 1, HTTP_CHUNK_BAD = -1 };

/* Decodes in[0, n): copies body bytes to out (room for n bytes), sets *used
 * (input bytes taken) and *produced. Returns HTTP_CHUNK_DONE once the last
 * chunk and the trailers are read (*used stops right after them),
 * HTTP_CHUNK_MORE if more input is needed, HTTP_CHUNK_BAD on bad framing. */
int http_chunked_feed(HttpChunked *c, const char *in, size_t n, char *out, size_t *used, size_t *produced);

#endif
