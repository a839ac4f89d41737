/* http_parse.c — HTTP/1.x request heads, query strings and chunked bodies;
 * see http_parse.h. */
#include "http_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"

static bool is_tchar(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* End of the head: the offset just past "\r\n\r\n" (or "\n\n"), or 0. */
static size_t head_end(const char *buf, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (buf[i] != '\n') continue;
        if (buf[i + 1] == '\n') return i + 2;
        if (buf[i + 1] == '\r' && i + 2 < len && buf[i + 2] == '\n') return i + 3;
    }
    return 0;
}

static char *trim(char *s, char *e)
{
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
    *e = 0;
    return s;
}

/* Whether the comma-separated list v holds token t (case-insensitive). */
static bool has_token(const char *v, const char *t)
{
    size_t n = strlen(t);
    for (const char *p = v; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',') p++;
        const char *s = p;
        while (*p && *p != ',') p++;
        const char *e = p;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
        if ((size_t)(e - s) == n && !strncasecmp(s, t, n)) return true;
    }
    return false;
}

static long parse_request_line(char *line, HttpRequest *req)
{
    char *sp1 = strchr(line, ' ');
    if (!sp1 || sp1 == line) return -400;
    *sp1 = 0;
    for (char *p = line; *p; p++)
        if (!is_tchar((unsigned char)*p)) return -400;
    char *target = sp1 + 1, *sp2 = strrchr(target, ' ');
    if (!sp2 || sp2 == target) return -400;
    *sp2 = 0;
    for (char *p = target; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f) return -400;
    const char *ver = sp2 + 1;
    if (strncmp(ver, "HTTP/1.", 7) || ver[7] < '0' || ver[7] > '9' || ver[8]) return strncmp(ver, "HTTP/", 5) ? -400 : -505;
    req->method = line;
    req->target = target;
    req->minor = ver[7] - '0';
    return 0;
}

static long parse_header_line(char *line, HttpRequest *req)
{
    char *colon = strchr(line, ':');
    if (!colon || colon == line) return -400;
    for (char *p = line; p < colon; p++)
        if (!is_tchar((unsigned char)*p)) return -400;   /* no space before ':' either */
    *colon = 0;
    char *value = trim(colon + 1, colon + 1 + strlen(colon + 1));
    if (req->nheaders == HTTP_MAX_HEADERS) return -431;
    req->headers[req->nheaders++] = (HttpHeader){line, value};
    if (!strcasecmp(line, "Content-Length")) {
        if (!*value || req->content_length >= 0) return -400;
        int64_t v = 0;
        for (const char *p = value; *p; p++) {
            if (*p < '0' || *p > '9' || v > (INT64_MAX - 9) / 10) return -400;
            v = v * 10 + (*p - '0');
        }
        req->content_length = v;
    } else if (!strcasecmp(line, "Transfer-Encoding")) {
        if (!strcasecmp(value, "chunked")) req->chunked = true;
        else if (strcasecmp(value, "identity")) return -501;
    } else if (!strcasecmp(line, "Connection")) {
        if (has_token(value, "close")) req->keep_alive = false;
        else if (has_token(value, "keep-alive")) req->keep_alive = true;
    } else if (!strcasecmp(line, "Expect")) {
        if (!strcasecmp(value, "100-continue")) req->expect_continue = true;
    }
    return 0;
}

long http_parse_head(const char *buf, size_t len, size_t max_bytes, HttpRequest *req)
{
    memset(req, 0, sizeof *req);
    req->content_length = -1;
    size_t n = head_end(buf, len);
    if (!n) return len >= max_bytes ? -431 : 0;
    if (n > max_bytes) return -431;
    req->raw = xmalloc(n + 1);
    memcpy(req->raw, buf, n);
    req->raw[n] = 0;
    char *p = req->raw, *end = req->raw + n;
    while (p < end && (*p == '\r' || *p == '\n')) p++;   /* stray empty lines before a request */
    bool first = true;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        char *e = nl;
        if (e > p && e[-1] == '\r') e--;
        *e = 0;
        if (memchr(p, 0, (size_t)(e - p))) return -400;   /* NUL inside a line */
        long rc = 0;
        if (first) {
            rc = parse_request_line(p, req);
            req->keep_alive = req->minor >= 1;
            first = false;
        } else if (*p) {
            if (*p == ' ' || *p == '\t') return -400;   /* obsolete line folding */
            rc = parse_header_line(p, req);
        }
        if (rc) return rc;
        p = nl + 1;
    }
    if (first) return -400;
    if (req->chunked && req->content_length >= 0) return -400;   /* ambiguous framing */
    return (long)n;
}

void http_request_free(HttpRequest *req)
{
    free(req->raw);
    req->raw = NULL;
}

const char *http_header(const HttpRequest *req, const char *name)
{
    for (int i = 0; i < req->nheaders; i++)
        if (!strcasecmp(req->headers[i].name, name)) return req->headers[i].value;
    return NULL;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

size_t http_url_decode(const char *s, size_t n, char *out, bool plus_is_space)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            out[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out[k++] = ' ';
        } else {
            out[k++] = c;
        }
    }
    out[k] = 0;
    return k;
}

int http_query_params(const char *target, int (*fn)(void *ctx, const char *name, const char *value), void *ctx)
{
    const char *q = strchr(target, '?');
    if (!q) return 0;
    q++;
    size_t cap = strlen(q) + 1;
    char *name = xmalloc(cap), *value = xmalloc(cap);
    int rc = 0;
    while (*q && !rc) {
        const char *amp = strchr(q, '&');
        if (!amp) amp = q + strlen(q);
        const char *eq = memchr(q, '=', (size_t)(amp - q));
        const char *ne = eq ? eq : amp;
        if (ne > q) {   /* empty names are skipped */
            http_url_decode(q, (size_t)(ne - q), name, true);
            if (eq) http_url_decode(eq + 1, (size_t)(amp - eq - 1), value, true);
            else value[0] = 0;
            rc = fn(ctx, name, value);
        }
        q = *amp ? amp + 1 : amp;
    }
    free(name);
    free(value);
    return rc;
}

void http_target_path(const char *target, char *out, size_t cap)
{
    size_t n = strcspn(target, "?");
    if (n >= cap) n = cap - 1;
    memcpy(out, target, n);
    out[n] = 0;
}

/* ---- multipart/form-data ---- */

bool http_multipart_boundary(const char *ct, char *out, size_t cap)
{
    if (!ct || strncasecmp(ct, "multipart/form-data", 19)) return false;
    const char *b = strcasestr(ct, "boundary=");
    if (!b) return false;
    b += 9;
    bool quoted = *b == '"';
    if (quoted) b++;
    size_t n = quoted ? strcspn(b, "\"") : strcspn(b, "; \t");
    if (!n || n >= cap || n > 70) return false;   /* RFC 2046: at most 70 characters */
    memcpy(out, b, n);
    out[n] = 0;
    return true;
}

/* The value of parameter key ("name", "filename") in a Content-Disposition line. */
static bool disposition_param(const char *line, const char *end, const char *key, char *out, size_t cap)
{
    size_t kl = strlen(key);
    for (const char *p = line; p + kl + 1 < end; p++) {
        if ((p == line || p[-1] == ' ' || p[-1] == ';') && !strncasecmp(p, key, kl) && p[kl] == '=') {
            const char *v = p + kl + 1, *ve;
            if (*v == '"') {
                v++;
                ve = memchr(v, '"', (size_t)(end - v));
                if (!ve) return false;
            } else {
                ve = v;
                while (ve < end && *ve != ';' && *ve != '\r' && *ve != '\n') ve++;
            }
            size_t n = (size_t)(ve - v);
            if (n >= cap) return false;
            memcpy(out, v, n);
            out[n] = 0;
            return true;
        }
    }
    return false;
}

int http_multipart(const char *body, size_t n, const char *boundary,
                   int (*fn)(void *ctx, const char *name, const char *value, size_t len, bool is_file), void *ctx)
{
    char delim[80];
    int dl = snprintf(delim, sizeof delim, "--%s", boundary);
    if (dl <= 2 || (size_t)dl >= sizeof delim) return -1;
    const char *end = body + n;
    const char *p = memmem(body, n, delim, (size_t)dl);
    if (!p) return -1;
    for (;;) {
        p += dl;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') return 0;   /* the closing delimiter */
        while (p < end && (*p == ' ' || *p == '\t')) p++;
        if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') p += 2;
        else if (p < end && *p == '\n') p++;
        else return -1;
        /* the part's headers, up to an empty line */
        char name[256] = "", file[256];
        bool is_file = false, have_name = false;
        for (;;) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl) return -1;
            const char *le = nl > p && nl[-1] == '\r' ? nl - 1 : nl;
            if (le == p) {
                p = nl + 1;
                break;
            }
            if (le - p > 20 && !strncasecmp(p, "Content-Disposition:", 20)) {
                have_name = disposition_param(p, le, "name", name, sizeof name);
                is_file = disposition_param(p, le, "filename", file, sizeof file);
            }
            p = nl + 1;
        }
        /* the content, up to CRLF and the next delimiter */
        const char *q = p, *next = NULL;
        while (q < end) {
            const char *hit = memmem(q, (size_t)(end - q), delim, (size_t)dl);
            if (!hit) return -1;
            if (hit - p >= 2 && hit[-1] == '\n') {
                next = hit;
                break;
            }
            if (hit == p) {
                next = hit;
                break;
            }
            q = hit + 1;
        }
        if (!next) return -1;
        const char *ve = next;
        if (ve > p && ve[-1] == '\n') ve--;
        if (ve > p && ve[-1] == '\r') ve--;
        if (have_name) {
            size_t len = (size_t)(ve - p);
            char *v = xmalloc(len + 1);
            memcpy(v, p, len);
            v[len] = 0;
            int rc = fn(ctx, name, v, len, is_file);
            free(v);
            if (rc) return rc;
        }
        p = next;
    }
}

/* ---- chunked bodies ---- */

enum { CH_SIZE, CH_EXT, CH_SIZE_LF, CH_DATA, CH_DATA_CR, CH_DATA_LF, CH_TRAILER, CH_TRAILER_LINE, CH_TRAILER_LF, CH_END };

int http_chunked_feed(HttpChunked *c, const char *in, size_t n, char *out, size_t *used, size_t *produced)
{
    size_t i = 0, o = 0;
    int rc = HTTP_CHUNK_MORE;
    while (i < n && rc == HTTP_CHUNK_MORE) {
        char ch = in[i];
        switch (c->state) {
        case CH_SIZE: {
            int h = hexval(ch);
            if (h >= 0) {
                if (c->digits >= 15) { rc = HTTP_CHUNK_BAD; goto out; }   /* no chunk of 2^60 bytes */
                c->left = c->left * 16 + (uint64_t)h;
                c->digits++;
            } else if (c->digits && (ch == ';' || ch == ' ' || ch == '\t')) {
                c->state = CH_EXT;
            } else if (c->digits && ch == '\r') {
                c->state = CH_SIZE_LF;
            } else if (c->digits && ch == '\n') {
                c->state = c->left ? CH_DATA : CH_TRAILER;
            } else {
                { rc = HTTP_CHUNK_BAD; goto out; }
            }
            i++;
            break;
        }
        case CH_EXT:   /* chunk extensions are ignored */
            if (ch == '\n') c->state = c->left ? CH_DATA : CH_TRAILER;
            i++;
            break;
        case CH_SIZE_LF:
            if (ch != '\n') { rc = HTTP_CHUNK_BAD; goto out; }
            c->state = c->left ? CH_DATA : CH_TRAILER;
            i++;
            break;
        case CH_DATA: {
            size_t k = n - i < c->left ? n - i : (size_t)c->left;
            memcpy(out + o, in + i, k);
            o += k, i += k;
            c->left -= k;
            if (!c->left) c->state = CH_DATA_CR;
            break;
        }
        case CH_DATA_CR:
            if (ch == '\r') c->state = CH_DATA_LF;
            else if (ch == '\n') c->state = CH_SIZE, c->digits = 0;
            else { rc = HTTP_CHUNK_BAD; goto out; }
            i++;
            break;
        case CH_DATA_LF:
            if (ch != '\n') { rc = HTTP_CHUNK_BAD; goto out; }
            c->state = CH_SIZE;
            c->digits = 0;
            i++;
            break;
        case CH_TRAILER:   /* at the start of a trailer line: an empty one ends the body */
            if (ch == '\r') c->state = CH_TRAILER_LF;
            else if (ch == '\n') c->state = CH_END, rc = HTTP_CHUNK_DONE;
            else c->state = CH_TRAILER_LINE;
            i++;
            break;
        case CH_TRAILER_LINE:
            if (ch == '\n') c->state = CH_TRAILER;
            i++;
            break;
        case CH_TRAILER_LF:
            if (ch != '\n') { rc = HTTP_CHUNK_BAD; goto out; }
            c->state = CH_END;
            rc = HTTP_CHUNK_DONE;
            i++;
            break;
        default:
            rc = HTTP_CHUNK_DONE;
            break;
        }
    }
    if (c->state == CH_END) rc = HTTP_CHUNK_DONE;
out:
    *used = i;
    *produced = o;
    return rc;
}
