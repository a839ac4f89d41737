/* http_conn.c — socket reads and writes with timeouts, request bodies and
 * responses; see http_conn.h. */
#include "http_conn.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../base/mem.h"

#define READ_CHUNK (64 << 10)

static bool wait_fd(HttpConn *c, short events)
{
    struct pollfd p = {.fd = c->fd, .events = events};
    for (;;) {
        int n = poll(&p, 1, c->timeout_ms);
        if (n < 0 && errno == EINTR) continue;
        return n > 0 && (p.revents & (events | POLLHUP | POLLERR));
    }
}

ssize_t conn_fill(HttpConn *c)
{
    if (c->in_pos == c->in.len) c->in_pos = c->in.len = 0;
    if (c->in_pos > (1 << 20) || (c->in_pos && c->in.len + READ_CHUNK > c->in.cap)) {
        memmove(c->in.data, c->in.data + c->in_pos, c->in.len - c->in_pos);
        c->in.len -= c->in_pos;
        c->in_pos = 0;
    }
    buf_reserve(&c->in, READ_CHUNK);
    for (;;) {
        ssize_t n = recv(c->fd, c->in.data + c->in.len, READ_CHUNK, 0);
        if (n > 0) {
            c->in.len += (size_t)n;
            return n;
        }
        if (n == 0) return 0;
        if (errno == EINTR) continue;
        if ((errno == EAGAIN || errno == EWOULDBLOCK) && wait_fd(c, POLLIN)) continue;
        c->broken = true;
        return -1;
    }
}

int conn_write(HttpConn *c, const void *p, size_t n)
{
    const char *s = p;
    while (n && !c->broken) {
        ssize_t w = send(c->fd, s, n, MSG_NOSIGNAL);
        if (w > 0) {
            s += w;
            n -= (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && wait_fd(c, POLLOUT)) continue;
        c->broken = true;
    }
    return c->broken ? -1 : 0;
}

/* ---- request bodies ---- */

void body_init(HttpBody *b, HttpConn *c, const HttpRequest *req)
{
    memset(b, 0, sizeof *b);
    b->c = c;
    b->chunked = req->chunked;
    b->left = req->content_length > 0 ? (uint64_t)req->content_length : 0;
    b->done = !req->chunked && b->left == 0;
}

/* Called inside a query (its input): connection buffers are not the query's memory. */
static ssize_t body_read_untracked(HttpBody *b, char *dst, size_t cap);

static ssize_t raw_read(void *ctx, char *dst, size_t cap) { return body_read_untracked(ctx, dst, cap); }

ssize_t body_read(void *ctx, char *dst, size_t cap)
{
    HttpBody *b = ctx;
    MemTracker *saved = mem_current;
    mem_current = NULL;
    ssize_t n = b->coding ? http_decoder_read(b->coding, raw_read, b, dst, cap) : body_read_untracked(b, dst, cap);
    mem_current = saved;
    return n;
}

static ssize_t body_read_untracked(HttpBody *b, char *dst, size_t cap)
{
    HttpConn *c = b->c;
    if (b->cut) return -1;
    while (!b->done && cap) {
        if (c->in_pos == c->in.len) {
            ssize_t n = conn_fill(c);
            if (n <= 0) {
                b->cut = true;
                return -1;
            }
        }
        const char *avail = c->in.data + c->in_pos;
        size_t have = c->in.len - c->in_pos;
        if (!b->chunked) {
            size_t k = have < cap ? have : cap;
            if (k > b->left) k = (size_t)b->left;
            memcpy(dst, avail, k);
            c->in_pos += k;
            b->left -= k;
            b->done = b->left == 0;
            return (ssize_t)k;
        }
        size_t used, produced;
        int rc = http_chunked_feed(&b->dec, avail, have < cap ? have : cap, dst, &used, &produced);
        c->in_pos += used;
        if (rc == HTTP_CHUNK_BAD) {
            b->cut = true;
            return -1;
        }
        if (rc == HTTP_CHUNK_DONE) b->done = true;
        if (produced) return (ssize_t)produced;
    }
    return 0;
}

bool body_complete(const HttpBody *b) { return b->done && (!b->coding || b->coding->done); }

bool body_drain(HttpBody *b)
{
    char tmp[16384];
    for (;;) {
        ssize_t n = body_read_untracked(b, tmp, sizeof tmp);
        if (n < 0) return false;
        if (n == 0) return true;
    }
}

/* ---- responses ---- */

const char *http_status_text(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

void resp_init(HttpResp *r, HttpConn *c, int minor, bool keep_alive, bool head_only)
{
    memset(r, 0, sizeof *r);
    r->c = c;
    r->minor = minor;
    r->keep_alive = keep_alive;
    r->head_only = head_only;
    r->status = 200;
    r->hold_limit = 1 << 20;
}

void resp_free(HttpResp *r)
{
    buf_free(&r->head);
    buf_free(&r->held);
    buf_free(&r->z);
}

void resp_header(HttpResp *r, const char *name, const char *fmt, ...)
{
    buf_printf(&r->head, "%s: ", name);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&r->head, fmt, ap);
    va_end(ap);
    buf_puts(&r->head, "\r\n");
}

/* The status line and the header lines not sent yet; length < 0: chunked
 * (HTTP/1.1) or until close. With end, the blank line closes the head. */
static int send_head_part(HttpResp *r, int64_t length, bool end)
{
    Buf h = {0};
    if (!r->partial) {
        char date[64];
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        if (r->minor == 0) r->keep_alive = false;
        buf_printf(&h, "HTTP/1.%d %d %s\r\nDate: %s\r\nConnection: %s\r\n", r->minor ? 1 : 0, r->status, http_status_text(r->status),
                   date, r->keep_alive ? "Keep-Alive" : "Close");
        if (r->status == 204) {
            /* no body, and no length either (RFC 9110) */
        } else if (length >= 0) {
            buf_printf(&h, "Content-Length: %lld\r\n", (long long)length);
        } else if (r->minor >= 1) {
            buf_puts(&h, "Transfer-Encoding: chunked\r\n");
            r->chunked = true;
        } else {
            r->keep_alive = false;   /* the body ends at close */
        }
        if (r->enc && r->enc->coding != CODING_NATIVE) buf_printf(&h, "Content-Encoding: %s\r\n", http_coding_name(r->enc->coding));
        r->partial = true;
    }
    if (r->head.len > r->head_sent) buf_put(&h, r->head.data + r->head_sent, r->head.len - r->head_sent);
    r->head_sent = r->head.len;
    if (end) {
        buf_puts(&h, "\r\n");
        r->started = true;
    }
    int rc = conn_write(r->c, h.data, h.len);
    buf_free(&h);
    return rc;
}

static int send_head(HttpResp *r, int64_t length) { return send_head_part(r, length, true); }

int resp_progress(HttpResp *r)
{
    if (r->started) return 0;
    MemTracker *saved = mem_current;   /* called inside a query: not the query's memory */
    mem_current = NULL;
    int rc = send_head_part(r, -1, false);
    mem_current = saved;
    return rc;
}

static int send_raw_chunk(HttpResp *r, const void *p, size_t n);

/* Body bytes to the wire, encoded first when the response is (finish: the
 * last of them). */
static int send_chunk_ex(HttpResp *r, const void *p, size_t n, bool finish)
{
    if (!r->enc || r->head_only) return send_raw_chunk(r, p, n);
    if (!n && !finish) return 0;
    MemTracker *saved = mem_current;
    mem_current = NULL;
    r->z.len = 0;
    int rc = http_encoder_write(r->enc, p, n, finish, &r->z);
    mem_current = saved;
    return rc ? (r->c->broken = true, -1) : send_raw_chunk(r, r->z.data, r->z.len);
}

static int send_chunk(HttpResp *r, const void *p, size_t n) { return send_chunk_ex(r, p, n, false); }

static int send_raw_chunk(HttpResp *r, const void *p, size_t n)
{
    if (!n || r->head_only) return 0;
    r->body_bytes += n;
    if (!r->chunked) return conn_write(r->c, p, n);
    char size[32];
    int k = snprintf(size, sizeof size, "%zx\r\n", n);
    if (conn_write(r->c, size, (size_t)k) || conn_write(r->c, p, n)) return -1;
    return conn_write(r->c, "\r\n", 2);
}

int resp_start(HttpResp *r)
{
    if (r->started) return 0;
    if (send_head(r, -1)) return -1;
    int rc = send_chunk(r, r->held.data, r->held.len);
    r->held.len = 0;
    return rc;
}

int resp_body(HttpResp *r, const void *p, size_t n)
{
    if (r->started) return send_chunk(r, p, n);
    MemTracker *saved = mem_current;   /* called inside a query: not the query's memory */
    mem_current = NULL;
    buf_put(&r->held, p, n);
    mem_current = saved;
    if (r->hold_limit && r->held.len >= r->hold_limit) return resp_start(r);
    return 0;
}

int resp_end(HttpResp *r)
{
    if (!r->started && r->partial) {   /* the head went out early (progress): a chunked body */
        if (resp_start(r)) return -1;
    }
    if (!r->started) {
        const Buf *body = &r->held;
        if (r->enc) {
            r->z.len = 0;
            if (http_encoder_write(r->enc, r->held.data, r->held.len, true, &r->z)) return -1;
            body = &r->z;
        }
        if (send_head(r, (int64_t)body->len)) return -1;
        int rc = r->head_only ? 0 : conn_write(r->c, body->data, body->len);
        r->held.len = 0;
        return rc;
    }
    if (r->enc && send_chunk_ex(r, NULL, 0, true)) return -1;
    if (r->chunked && !r->head_only) return conn_write(r->c, "0\r\n\r\n", 5);
    return 0;
}

void resp_reset(HttpResp *r)
{
    r->head.len = 0;
    r->held.len = 0;
}

int resp_simple(HttpResp *r, int status, const char *content_type, const char *body, size_t n)
{
    r->status = status;
    if (content_type) resp_header(r, "Content-Type", "%s", content_type);
    r->held.len = 0;
    buf_put(&r->held, body, n);
    return resp_end(r);
}
