/* http_conn.h — one HTTP connection's I/O, used by a worker thread of the
 * server while it answers a request: reading the head and the body (by
 * Content-Length or chunked, with timeouts), and writing the response (a
 * head held back until the first bytes of the body are due, then a
 * chunked or sized body). The sockets are non-blocking (the server's
 * event loop owns idle ones); reads and writes here wait with poll().
 */
#ifndef BASALT_HTTP_CONN_H
#define BASALT_HTTP_CONN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "../base/buf.h"
#include "http_codec.h"
#include "http_parse.h"

typedef struct HttpConn {
    int fd;
    Buf in;                     /* bytes read and not yet consumed: in.data[in_pos, in.len) */
    size_t in_pos;
    int timeout_ms;             /* for each read or write (http_receive/send_timeout) */
    bool broken;                /* a read or write failed: close after this request */
    char peer[64];
} HttpConn;

/* Reads more bytes into c->in; returns the count, 0 at EOF, -1 on error or timeout. */
ssize_t conn_fill(HttpConn *c);
/* Writes all of p[0, n); 0 or -1 (c->broken set). */
int conn_write(HttpConn *c, const void *p, size_t n);

/* The request body, decoded as it is read. */
typedef struct HttpBody {
    HttpConn *c;
    bool chunked;
    uint64_t left;              /* Content-Length bytes not yet read */
    HttpChunked dec;
    bool done;                  /* the whole body has been read */
    bool cut;                   /* it ended early (EOF or bad framing) */
    HttpDecoder *coding;        /* Content-Encoding of the body, or NULL */
} HttpBody;

void body_init(HttpBody *b, HttpConn *c, const HttpRequest *req);
/* Up to cap decoded body bytes into dst; 0 at the end of the body, -1 if it
 * was cut off or malformed (b->cut). The signature of InSource.read. */
ssize_t body_read(void *ctx, char *dst, size_t cap);
/* Whether the decoded body has been read to its end (the raw bytes all
 * read is not enough: a decoder may still hold output, or find the stream cut). */
bool body_complete(const HttpBody *b);
/* Reads and drops the rest of the (raw) body; false if it was cut off. */
bool body_drain(HttpBody *b);

/* The response. Headers collect in head; the status line and the head go
 * out with the first body bytes (or at resp_end). */
typedef struct HttpResp {
    HttpConn *c;
    int minor;                  /* HTTP/1.<minor> of the request */
    bool keep_alive;
    bool head_only;             /* HEAD: no body bytes */
    int status;
    Buf head;                   /* extra header lines, each "Name: value\r\n" */
    Buf held;                   /* body bytes held back before the head is sent */
    size_t hold_limit;          /* send the head once this much body is held (0: hold all) */
    bool started;               /* status line and head sent */
    bool chunked;               /* the body goes out in chunks */
    uint64_t body_bytes;
    HttpEncoder *enc;           /* Content-Encoding of the body, or NULL */
    Buf z;                      /* encoded bytes on their way out */
    bool partial;               /* the status line and some headers are out (progress headers) */
    size_t head_sent;           /* bytes of head already sent */
} HttpResp;

void resp_init(HttpResp *r, HttpConn *c, int minor, bool keep_alive, bool head_only);
void resp_free(HttpResp *r);
void resp_header(HttpResp *r, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Body bytes; held until hold_limit, then the head is sent. 0 or -1. */
int resp_body(HttpResp *r, const void *p, size_t n);
/* Sends the head now, with what is held of the body. */
int resp_start(HttpResp *r);
/* Sends the status line and the headers added so far, leaving the head
 * open for more (X-ClickHouse-Progress); the status is fixed from then on. */
int resp_progress(HttpResp *r);
/* Ends the response: sends the head if not yet sent (with Content-Length
 * when the whole body is held), the held body and the last chunk. */
int resp_end(HttpResp *r);
/* Drops the held body and headers (an error before anything was sent). */
void resp_reset(HttpResp *r);
/* A complete small response: status, content type and body. */
int resp_simple(HttpResp *r, int status, const char *content_type, const char *body, size_t n);

const char *http_status_text(int status);

#endif
