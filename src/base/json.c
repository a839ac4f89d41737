/* json.c — see json.h. Validation is one recursive pass; everything else
 * assumes validated text and never reads past `end`. */
#include "json.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

/* ---- validation ---- */

const char *json_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int hex4(const char *p, const char *end)
{
    if (end - p < 4) return -1;
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Length of the valid UTF-8 sequence at p, or 0. */
static int utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    int n;
    unsigned min;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) n = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, min = 0x10000;
    else return 0;
    if (end - p < n) return 0;
    unsigned cp = c & (0x3F >> (n - 1));
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

static const char *v_string(const char *p, const char *end)
{
    p++;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c == '"') return p + 1;
        if (c < 0x20) return NULL;
        if (c == '\\') {
            if (++p >= end) return NULL;
            switch (*p) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': p++; break;
            case 'u': {
                int u = hex4(p + 1, end);
                if (u < 0) return NULL;
                p += 5;
                if (u >= 0xDC00 && u <= 0xDFFF) return NULL;
                if (u >= 0xD800 && u <= 0xDBFF) {
                    if (end - p < 6 || p[0] != '\\' || p[1] != 'u') return NULL;
                    int lo = hex4(p + 2, end);
                    if (lo < 0xDC00 || lo > 0xDFFF) return NULL;
                    p += 6;
                }
                break;
            }
            default: return NULL;
            }
            continue;
        }
        int n = utf8_len((const unsigned char *)p, (const unsigned char *)end);
        if (!n) return NULL;
        p += n;
    }
    return NULL;
}

static bool digit(const char *p, const char *end) { return p < end && *p >= '0' && *p <= '9'; }

static const char *v_number(const char *p, const char *end)
{
    const char *s = p;
    bool neg = false, is_float = false;
    if (p < end && *p == '-') neg = true, p++;
    if (!digit(p, end)) return NULL;
    if (*p == '0') p++;
    else while (digit(p, end)) p++;
    if (p < end && *p == '.') {
        is_float = true, p++;
        if (!digit(p, end)) return NULL;
        while (digit(p, end)) p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        is_float = true, p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        if (!digit(p, end)) return NULL;
        while (digit(p, end)) p++;
    }
    if (is_float) {
        double d = json_double(s, p);
        if (isinf(d)) return NULL;
        return p;
    }
    /* Integers must fit Int64 (negative) or UInt64. */
    const char *d = s + neg;
    size_t nd = (size_t)(p - d);
    if (nd < 19) return p;
    const char *lim = neg ? "9223372036854775808" : "18446744073709551615";
    size_t nl = strlen(lim);
    if (nd > nl || (nd == nl && memcmp(d, lim, nl) > 0)) return NULL;
    return p;
}

static const char *v_value(const char *p, const char *end, int depth)
{
    p = json_ws(p, end);
    if (p >= end) return NULL;
    switch (*p) {
    case '"': return v_string(p, end);
    case 't': return end - p >= 4 && !memcmp(p, "true", 4) ? p + 4 : NULL;
    case 'f': return end - p >= 5 && !memcmp(p, "false", 5) ? p + 5 : NULL;
    case 'n': return end - p >= 4 && !memcmp(p, "null", 4) ? p + 4 : NULL;
    case '[': case '{': {
        if (depth >= JSON_MAX_DEPTH) return NULL;
        bool obj = *p == '{';
        char close = obj ? '}' : ']';
        p = json_ws(p + 1, end);
        if (p < end && *p == close) return p + 1;
        for (;;) {
            if (obj) {
                p = json_ws(p, end);
                if (p >= end || *p != '"' || !(p = v_string(p, end))) return NULL;
                p = json_ws(p, end);
                if (p >= end || *p != ':') return NULL;
                p++;
            }
            if (!(p = v_value(p, end, depth + 1))) return NULL;
            p = json_ws(p, end);
            if (p >= end) return NULL;
            if (*p == close) return p + 1;
            if (*p != ',') return NULL;
            p++;
        }
    }
    default:
        if (*p == '-' || (*p >= '0' && *p <= '9')) return v_number(p, end);
        return NULL;
    }
}

const char *json_validate(const char *s, size_t n)
{
    const char *end = s + n;
    const char *root = json_ws(s, end);
    const char *p = v_value(root, end, 0);
    if (!p || json_ws(p, end) != end) return NULL;
    return root;
}

/* ---- navigation over validated text ---- */

static const char *skip_string(const char *p, const char *end)
{
    p++;
    while (p < end && *p != '"') p += *p == '\\' ? 2 : 1;
    return p + 1;
}

const char *json_skip(const char *p, const char *end)
{
    switch (*p) {
    case '"': return skip_string(p, end);
    case 't': case 'n': return p + 4;
    case 'f': return p + 5;
    case '[': case '{': {
        int depth = 0;
        while (p < end) {
            char c = *p;
            if (c == '"') { p = skip_string(p, end); continue; }
            if (c == '[' || c == '{') depth++;
            else if ((c == ']' || c == '}') && --depth == 0) return p + 1;
            p++;
        }
        return p;
    }
    default:
        while (p < end && (*p == '-' || *p == '+' || *p == '.' || *p == 'e' || *p == 'E' || (*p >= '0' && *p <= '9')))
            p++;
        return p;
    }
}

JsonKind json_kind(const char *p, const char *end)
{
    switch (*p) {
    case '"': return JK_STRING;
    case 't': case 'f': return JK_BOOL;
    case 'n': return JK_NULL;
    case '[': return JK_ARRAY;
    case '{': return JK_OBJECT;
    default: break;
    }
    const char *q = json_skip(p, end);
    for (const char *r = p; r < q; r++)
        if (*r == '.' || *r == 'e' || *r == 'E') return JK_DOUBLE;
    if (*p == '-') {   /* below Int64: a double */
        size_t nd = (size_t)(q - p - 1);
        return nd > 19 || (nd == 19 && memcmp(p + 1, "9223372036854775808", 19) > 0) ? JK_DOUBLE : JK_INT;
    }
    size_t nd = (size_t)(q - p);
    if (nd > 20 || (nd == 20 && memcmp(p, "18446744073709551615", 20) > 0)) return JK_DOUBLE;   /* beyond UInt64 */
    if (nd > 19 || (nd == 19 && memcmp(p, "9223372036854775807", 19) > 0)) return JK_UINT;
    return JK_INT;
}

int64_t json_int(const char *p, const char *end)
{
    bool neg = p < end && *p == '-';
    uint64_t v = 0;
    for (p += neg; p < end && *p >= '0' && *p <= '9'; p++) v = v * 10 + (uint64_t)(*p - '0');
    return neg ? (int64_t)(0 - v) : (int64_t)v;
}

uint64_t json_uint(const char *p, const char *end)
{
    uint64_t v = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++) v = v * 10 + (uint64_t)(*p - '0');
    return v;
}

double json_double(const char *p, const char *end)
{
    char tmp[64];
    size_t n = (size_t)(json_skip(p, end) - p);
    if (n < sizeof tmp) {
        memcpy(tmp, p, n);
        tmp[n] = 0;
        return strtod(tmp, NULL);
    }
    char *big = malloc(n + 1);
    if (!big) return 0;
    memcpy(big, p, n);
    big[n] = 0;
    double d = strtod(big, NULL);
    free(big);
    return d;
}

static void put_utf8(Buf *out, unsigned cp)
{
    char b[4];
    int n;
    if (cp < 0x80) b[0] = (char)cp, n = 1;
    else if (cp < 0x800) b[0] = (char)(0xC0 | (cp >> 6)), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        b[0] = (char)(0xE0 | (cp >> 12)), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    else
        b[0] = (char)(0xF0 | (cp >> 18)), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    buf_put(out, b, (size_t)n);
}

void json_string(const char *p, const char *end, Buf *out)
{
    p++;
    while (p < end && *p != '"') {
        const char *q = p;
        while (q < end && *q != '"' && *q != '\\') q++;
        buf_put(out, p, (size_t)(q - p));
        p = q;
        if (p >= end || *p == '"') break;
        char e = p[1];
        p += 2;
        switch (e) {
        case 'b': buf_putc(out, '\b'); break;
        case 'f': buf_putc(out, '\f'); break;
        case 'n': buf_putc(out, '\n'); break;
        case 'r': buf_putc(out, '\r'); break;
        case 't': buf_putc(out, '\t'); break;
        case 'u': {
            unsigned cp = (unsigned)hex4(p, end);
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo = (unsigned)hex4(p + 2, end);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            put_utf8(out, cp);
            break;
        }
        default: buf_putc(out, e); break;
        }
    }
}

const char *json_first(const char *p, const char *end, const char **key)
{
    if (*p != '[' && *p != '{') return NULL;
    bool obj = *p == '{';
    p = json_ws(p + 1, end);
    if (*p == ']' || *p == '}') return NULL;
    if (obj) {
        if (key) *key = p;
        p = json_ws(skip_string(p, end), end) + 1;
        p = json_ws(p, end);
    }
    return p;
}

const char *json_next(const char *val, const char *end, const char **key)
{
    const char *p = json_ws(json_skip(val, end), end);
    if (p >= end || *p != ',') return NULL;
    p = json_ws(p + 1, end);
    if (*p == '"' && key) {
        /* object member: key, ':' then value (arrays never reach here with key != NULL
         * unless the element is a string — callers pass key only for objects) */
        *key = p;
        p = json_ws(skip_string(p, end), end) + 1;
        p = json_ws(p, end);
    }
    return p;
}

static bool key_equals(const char *k, const char *end, const char *name, size_t n)
{
    const char *q = skip_string(k, end) - 1;   /* closing quote */
    size_t raw = (size_t)(q - k - 1);
    if (!memchr(k + 1, '\\', raw)) return raw == n && !memcmp(k + 1, name, n);
    Buf b = {0};
    json_string(k, end, &b);
    bool eq = b.len == n && !memcmp(b.data, name, n);
    buf_free(&b);
    return eq;
}

const char *json_member(const char *obj, const char *end, const char *name, size_t name_len)
{
    if (*obj != '{') return NULL;
    const char *key = NULL;
    for (const char *v = json_first(obj, end, &key); v; v = json_next(v, end, &key))
        if (key_equals(key, end, name, name_len)) return v;
    return NULL;
}

size_t json_count(const char *p, const char *end)
{
    size_t n = 0;
    const char *key = NULL;
    bool obj = *p == '{';
    for (const char *v = json_first(p, end, &key); v; v = json_next(v, end, obj ? &key : NULL)) n++;
    return n;
}

const char *json_at(const char *p, const char *end, int64_t index, const char **key)
{
    if ((*p != '[' && *p != '{') || index == 0) return NULL;
    bool obj = *p == '{';
    if (index < 0) {
        int64_t n = (int64_t)json_count(p, end);
        index = n + index + 1;
        if (index <= 0) return NULL;
    }
    const char *k = NULL;
    int64_t i = 1;
    for (const char *v = json_first(p, end, &k); v; v = json_next(v, end, obj ? &k : NULL), i++)
        if (i == index) {
            if (key) *key = obj ? k : NULL;
            return v;
        }
    return NULL;
}

/* ---- re-serialisation ---- */

static void raw_string(const char *p, const char *end, Buf *out)
{
    Buf s = {0};
    json_string(p, end, &s);
    buf_putc(out, '"');
    const unsigned char *c = (const unsigned char *)(s.data ? s.data : ""), *e = c + s.len;
    for (; c < e; c++) {
        switch (*c) {
        case '"': buf_puts(out, "\\\""); break;
        case '\\': buf_puts(out, "\\\\"); break;
        case '\b': buf_puts(out, "\\b"); break;
        case '\f': buf_puts(out, "\\f"); break;
        case '\n': buf_puts(out, "\\n"); break;
        case '\r': buf_puts(out, "\\r"); break;
        case '\t': buf_puts(out, "\\t"); break;
        default:
            if (*c < 0x20) {
                buf_printf(out, "\\u%04X", *c);
            } else if (*c == 0xE2 && e - c >= 3 && c[1] == 0x80 && (c[2] == 0xA8 || c[2] == 0xA9)) {
                buf_puts(out, c[2] == 0xA8 ? "\\u2028" : "\\u2029");
                c += 2;
            } else {
                buf_putc(out, (char)*c);
            }
        }
    }
    buf_putc(out, '"');
    buf_free(&s);
}

void json_raw(const char *p, const char *end, Buf *out)
{
    switch (json_kind(p, end)) {
    case JK_NULL: buf_puts(out, "null"); return;
    case JK_BOOL: buf_puts(out, *p == 't' ? "true" : "false"); return;
    case JK_INT: buf_put_i64(out, json_int(p, end)); return;
    case JK_UINT: buf_put_u64(out, json_uint(p, end)); return;
    case JK_DOUBLE: fmt_double(out, json_double(p, end)); return;
    case JK_STRING: raw_string(p, end, out); return;
    case JK_ARRAY: case JK_OBJECT: {
        bool obj = *p == '{';
        buf_putc(out, obj ? '{' : '[');
        const char *key = NULL;
        int i = 0;
        for (const char *v = json_first(p, end, &key); v; v = json_next(v, end, obj ? &key : NULL), i++) {
            if (i) buf_putc(out, ',');
            if (obj) {
                raw_string(key, end, out);
                buf_putc(out, ':');
            }
            json_raw(v, end, out);
        }
        buf_putc(out, obj ? '}' : ']');
        return;
    }
    }
}
