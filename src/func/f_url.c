/* f_url.c — URL functions: protocol, domain, domainWithoutWWW,
 * topLevelDomain, port, netloc, path, pathFull, queryString, fragment,
 * queryStringAndFragment, extractURLParameter(s), extractURLParameterNames,
 * cutWWW, cutQueryString, cutFragment, cutQueryStringAndFragment,
 * cutURLParameter, encode/decodeURL(Form)Component.
 *
 * They do not parse URLs fully; like ClickHouse they scan for the
 * delimiters and return a piece of the input (or the input with a piece cut
 * out), so malformed input gives a best-effort piece, never an error.
 */
#include <string.h>

#include "func.h"

typedef struct Span { const char *p; size_t n; } Span;

static bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static const char *find_any(const char *p, const char *end, const char *set)
{
    while (p < end && !strchr(set, *p)) p++;
    return p;
}

static bool restricted(char c) { return c && strchr(" \t<>%{}|\\^~[];=&", c); }

/* ---- pieces ---- */

static Span url_protocol(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    Span r = {s, 0};
    if (n == 0 || !is_alpha(*p)) return r;
    for (p++; p < end && (is_alnum(*p) || *p == '+' || *p == '-' || *p == '.'); p++) {}
    if (end - p >= 4 && *p == ':') r.n = (size_t)(p - s);
    return r;
}

static Span host_check(const char *pos, const char *dot, const char *start)
{
    Span none = {pos, 0};
    if (!dot || start >= pos || pos - dot == 1) return none;
    char after = dot[1];
    if (after == ':' || after == '/' || after == '?' || after == '#') return none;
    return (Span){start, (size_t)(pos - start)};
}

/* The host of a URL; empty if it has no dot or is otherwise invalid. */
static Span url_host(const char *s, size_t n)
{
    const char *pos = s, *end = s + n;
    if (n >= 2 && s[0] == '/' && s[1] == '/') {
        pos += 2;
    } else if (n > 0) {
        const char *scheme_end = s + (n < 16 ? n : 16);
        for (++pos; pos < scheme_end; ++pos) {
            if (is_alnum(*pos) || *pos == '.' || *pos == '-' || *pos == '+') continue;
            if (restricted(*pos)) return (Span){s, 0};
            break;
        }
        if (scheme_end - pos > 2 && pos[0] == ':' && pos[1] == '/' && pos[2] == '/') pos += 3;
        else pos = s;
    }
    const char *dot = NULL, *start = pos;
    for (; pos < end; ++pos) {
        char c = *pos;
        if (c == '.') dot = pos;
        else if (c == ':' || c == '/' || c == '?' || c == '#') return host_check(pos, dot, start);
        else if (c == '@') start = pos + 1;
        else if (restricted(c)) return (Span){s, 0};
    }
    return host_check(pos, dot, start);
}

static Span url_tld(const char *s, size_t n)
{
    Span h = url_host(s, n), r = {s, 0};
    if (!h.n) return r;
    if (h.p[h.n - 1] == '.') h.n--;
    const char *dot = NULL;
    for (size_t i = 0; i < h.n; i++)
        if (h.p[i] == '.') dot = h.p + i;
    if (!dot || dot[1] <= '9') return r;
    return (Span){dot + 1, (size_t)(h.p + h.n - dot - 1)};
}

static Span url_path(const char *s, size_t n, bool full)
{
    const char *end = s + n, *p = find_any(s, end, "/");
    Span r = {s, 0};
    if (p == end) return r;
    if (p + 1 < end && p[1] == '/') {
        p = find_any(p + 2, end, "/");
        if (p == end) return r;
    }
    r.p = p;
    r.n = (size_t)((full ? end : find_any(p, end, "?#")) - p);
    return r;
}

static Span url_query(const char *s, size_t n, bool with_fragment, bool keep_lead)
{
    const char *end = s + n, *p = find_any(s, end, "?");
    Span r = {s, 0};
    if (p == end) return r;
    const char *stop = with_fragment ? end : find_any(p, end, "#");
    r.p = keep_lead ? p : p + 1;
    r.n = (size_t)(stop - r.p);
    return r;
}

static Span url_fragment(const char *s, size_t n, bool keep_lead)
{
    const char *end = s + n, *p = find_any(s, end, "#");
    Span r = {s, 0};
    if (p == end) return r;
    r.p = keep_lead ? p : p + 1;
    r.n = (size_t)(end - r.p);
    return r;
}

/* queryStringAndFragment: everything after a '?', or from a '#' (kept)
 * when the fragment comes first. */
static Span url_query_and_fragment(const char *s, size_t n)
{
    const char *end = s + n, *p = find_any(s, end, "?#");
    Span r = {s, 0};
    if (p == end) return r;
    r.p = *p == '#' ? p : p + 1;
    r.n = (size_t)(end - r.p);
    return r;
}

static Span url_www(const char *s, size_t n)
{
    const char *end = s + n, *pos = find_any(s, end, "/");
    Span r = {s, 0};
    if (pos == end) return r;
    if (pos != s && pos != s + url_protocol(s, n).n + 1) return r;
    if (end - pos < 2 || pos[0] != '/' || pos[1] != '/') return r;
    const char *start = pos += 2;
    for (; pos < end; ++pos) {
        if (*pos == '@') start = pos + 1;
        else if (*pos == ':' || *pos == '/' || *pos == '?' || *pos == '#') break;
    }
    if (start + 4 < end && !strncmp(start, "www.", 4)) r = (Span){start, 4};
    return r;
}

/* ---- string -> string functions ---- */

typedef enum {
    U_PROTOCOL, U_DOMAIN, U_DOMAIN_NO_WWW, U_TLD, U_PATH, U_PATH_FULL, U_QUERY, U_FRAGMENT,
    U_QUERY_FRAGMENT, U_CUT_WWW, U_CUT_QUERY, U_CUT_FRAGMENT, U_CUT_QUERY_FRAGMENT
} UrlOp;

static const struct { const char *name; UrlOp op; } UOPS[] = {
    {"protocol", U_PROTOCOL}, {"domain", U_DOMAIN}, {"domainWithoutWWW", U_DOMAIN_NO_WWW},
    {"topLevelDomain", U_TLD}, {"path", U_PATH}, {"pathFull", U_PATH_FULL},
    {"queryString", U_QUERY}, {"fragment", U_FRAGMENT}, {"queryStringAndFragment", U_QUERY_FRAGMENT},
    {"cutWWW", U_CUT_WWW}, {"cutQueryString", U_CUT_QUERY}, {"cutFragment", U_CUT_FRAGMENT},
    {"cutQueryStringAndFragment", U_CUT_QUERY_FRAGMENT}, {NULL, U_PROTOCOL},
};

static UrlOp uop_of(const char *name)
{
    for (int i = 0; UOPS[i].name; i++)
        if (!strcmp(UOPS[i].name, name)) return UOPS[i].op;
    return U_PROTOCOL;
}

static Span piece(UrlOp op, const char *s, size_t n)
{
    switch (op) {
    case U_PROTOCOL: return url_protocol(s, n);
    case U_DOMAIN: return url_host(s, n);
    case U_DOMAIN_NO_WWW: {
        Span h = url_host(s, n);
        if (h.n > 4 && !strncmp(h.p, "www.", 4)) h.p += 4, h.n -= 4;
        return h;
    }
    case U_TLD: return url_tld(s, n);
    case U_PATH: return url_path(s, n, false);
    case U_PATH_FULL: return url_path(s, n, true);
    case U_QUERY: return url_query(s, n, false, false);
    case U_FRAGMENT: return url_fragment(s, n, false);
    case U_QUERY_FRAGMENT: return url_query_and_fragment(s, n);
    case U_CUT_WWW: return url_www(s, n);
    case U_CUT_QUERY: return url_query(s, n, false, true);
    case U_CUT_FRAGMENT: return url_fragment(s, n, true);
    case U_CUT_QUERY_FRAGMENT: {
        const char *end = s + n, *p = find_any(s, end, "?");
        if (p == end) p = find_any(s, end, "#");
        return (Span){p, (size_t)(end - p)};
    }
    }
    return (Span){s, 0};
}

static int str_resolve(FuncCall *fc, Err *err)
{
    if (fc->types[0]->kind != TYPE_STRING) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int url_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    UrlOp op = uop_of(fc->def->name);
    bool cut = op >= U_CUT_WWW;
    Column *r = col_new(fc->ret);
    Buf tmp = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        Span sp = piece(op, s, n);
        if (!cut) {
            col_push_str(r, sp.p, sp.n);
            continue;
        }
        tmp.len = 0;
        if (sp.n == 0) {
            buf_put(&tmp, s, n);
        } else {
            buf_put(&tmp, s, (size_t)(sp.p - s));
            buf_put(&tmp, sp.p + sp.n, (size_t)(s + n - sp.p - sp.n));
        }
        col_push_str(r, tmp.data ? tmp.data : "", tmp.len);
    }
    buf_free(&tmp);
    *out = r;
    return 0;
}

/* ---- port ---- */

static int port_resolve(FuncCall *fc, Err *err)
{
    if (fc->types[0]->kind != TYPE_STRING) return fn_err_arg_type(fc, 0, err);
    if (fc->nargs == 2) {
        if (fc->types[1]->kind != TYPE_UINT16) return fn_err_arg_type(fc, 1, err);
        if (!fc->consts[1]) return fn_err_const(fc, 1, err);
    }
    fc->ret = type_basic(TYPE_UINT16);
    return 0;
}

static uint16_t port_of(const char *s, size_t n, uint16_t dflt)
{
    Span h = url_host(s, n);
    if (!h.n || h.n == n) return dflt;
    const char *p = h.p + h.n, *end = s + n;
    if (p >= end || *p++ != ':') return dflt;
    int64_t port = 0;
    for (; p < end && *p != '/'; p++) {
        if (*p < '0' || *p > '9') return dflt;
        port = port * 10 + (*p - '0');
        if (port > 65535) return dflt;
    }
    return (uint16_t)port;
}

static int port_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    uint16_t dflt = fc->nargs == 2 ? (uint16_t)col_get_i64(fc->consts[1], 0) : 0;
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        ((uint16_t *)(void *)r->data.data)[i] = port_of(s, n, dflt);
    }
    *out = r;
    return 0;
}

/* ---- URL parameters ---- */

static int param_resolve(FuncCall *fc, Err *err)
{
    if (fc->types[0]->kind != TYPE_STRING) return fn_err_arg_type(fc, 0, err);
    if (fc->types[1]->kind != TYPE_STRING) return fn_err_arg_type(fc, 1, err);
    if (!fc->consts[1]) return fn_err_const(fc, 1, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

/* Value span of parameter `name` (begin of "name=" must follow ?, # or &). */
static bool find_param(const char *s, size_t n, const char *name, size_t nn, Span *val, Span *whole)
{
    const char *end = s + n, *q = find_any(s, end, "?#");
    if (q + 1 >= end) return false;
    for (const char *p = q + 1; p < end;) {
        const char *hit = memmem(p, (size_t)(end - p), name, nn);
        if (!hit) return false;
        if (hit + nn < end && hit[nn] == '=' && (hit[-1] == '?' || hit[-1] == '#' || hit[-1] == '&')) {
            const char *v = hit + nn + 1, *ve = find_any(v, end, "&#");
            *val = (Span){v, (size_t)(ve - v)};
            if (whole) *whole = (Span){hit, (size_t)(ve - hit)};
            return true;
        }
        p = hit + 1;
    }
    return false;
}

static int param_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    size_t nn;
    const char *name = col_str(fc->consts[1], 0, &nn);
    bool cut = !strcmp(fc->def->name, "cutURLParameter");
    Column *r = col_new(fc->ret);
    Buf tmp = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        Span v = {s, 0}, w = {s, 0};
        bool found = find_param(s, n, name, nn, &v, &w);
        if (!cut) {
            col_push_str(r, v.p, found ? v.n : 0);
            continue;
        }
        tmp.len = 0;
        if (!found) {
            buf_put(&tmp, s, n);
        } else {
            /* drop "name=value" and one adjoining '&' */
            const char *b = w.p, *e = w.p + w.n, *end = s + n;
            if (e < end && *e == '&') e++;
            else if (b[-1] == '&') b--;
            buf_put(&tmp, s, (size_t)(b - s));
            buf_put(&tmp, e, (size_t)(end - e));
        }
        col_push_str(r, tmp.data ? tmp.data : "", tmp.len);
    }
    buf_free(&tmp);
    *out = r;
    return 0;
}

static int params_resolve(FuncCall *fc, Err *err)
{
    if (fc->types[0]->kind != TYPE_STRING) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_array(type_basic(TYPE_STRING));
    return 0;
}

static int params_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool names = !strcmp(fc->def->name, "extractURLParameterNames");
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n), *end = s + n;
        const char *pos = find_any(s, end, "?#");
        if (pos + 1 < end) {
            pos++;
            for (;;) {
                const char *tb = pos;
                pos = find_any(pos, end, "=&#?");
                if (pos == end) break;
                if (*pos == '?') { pos++; continue; }
                const char *te;
                if (*pos == '&' || *pos == '#') {
                    te = pos++;
                    col_push_str(r->sub[0], tb, (size_t)(te - tb));
                    continue;
                }
                const char *name_end = pos;
                pos = find_any(pos + 1, end, "&#");
                te = pos;
                col_push_str(r->sub[0], tb, (size_t)((names ? name_end : te) - tb));
                if (pos == end) break;
                pos++;
            }
        }
        col_close_array(r);
    }
    *out = r;
    return 0;
}

/* ---- percent encoding ---- */

static int hexv(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void url_decode(const char *s, size_t n, bool form, Buf *out)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+' && form) { buf_putc(out, ' '); continue; }
        if (c == '%') {
            if (n - i < 3) { buf_put(out, s + i, n - i); return; }
            int h = hexv(s[i + 1]), l = hexv(s[i + 2]);
            if (h >= 0 && l >= 0) {
                buf_putc(out, (char)(h * 16 + l));
                i += 2;
                continue;
            }
            buf_put(out, s + i, 3);
            i += 2;
            continue;
        }
        buf_putc(out, c);
    }
}

static void url_encode(const char *s, size_t n, bool form, Buf *out)
{
    static const char HEX[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_alnum((char)c) || c == '-' || c == '_' || c == '.' || c == '~') buf_putc(out, (char)c);
        else if (c == ' ' && form) buf_putc(out, '+');
        else {
            char e[3] = {'%', HEX[c >> 4], HEX[c & 15]};
            buf_put(out, e, 3);
        }
    }
}

static int code_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *nm = fc->def->name;
    bool enc = !strncmp(nm, "encode", 6), form = strstr(nm, "Form") != NULL;
    Column *r = col_new(fc->ret);
    Buf tmp = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        tmp.len = 0;
        if (enc) url_encode(s, n, form, &tmp);
        else url_decode(s, n, form, &tmp);
        col_push_str(r, tmp.data ? tmp.data : "", tmp.len);
    }
    buf_free(&tmp);
    *out = r;
    return 0;
}

#define U1(n) {n, 1, 1, FN_DEFAULT, str_resolve, url_exec, NULL}
#define C1(n) {n, 1, 1, FN_DEFAULT, str_resolve, code_exec, NULL}

const FuncDef FUNCS_url[] = {
    U1("protocol"), U1("domain"), U1("domainWithoutWWW"), U1("topLevelDomain"), U1("path"),
    U1("pathFull"), U1("queryString"), U1("fragment"), U1("queryStringAndFragment"), U1("cutWWW"),
    U1("cutQueryString"), U1("cutFragment"), U1("cutQueryStringAndFragment"),
    {"port", 1, 2, FN_DEFAULT, port_resolve, port_exec, NULL},
    {"extractURLParameter", 2, 2, FN_DEFAULT, param_resolve, param_exec, NULL},
    {"cutURLParameter", 2, 2, FN_DEFAULT, param_resolve, param_exec, NULL},
    {"extractURLParameters", 1, 1, FN_DEFAULT, params_resolve, params_exec, NULL},
    {"extractURLParameterNames", 1, 1, FN_DEFAULT, params_resolve, params_exec, NULL},
    C1("decodeURLComponent"), C1("encodeURLComponent"), C1("decodeURLFormComponent"), C1("encodeURLFormComponent"),
    {0},
};
