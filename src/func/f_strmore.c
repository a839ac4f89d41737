/* f_strmore.c — more string functions: ascii, bin, unbin, isValidUTF8,
 * toValidUTF8, splitByWhitespace, splitByNonAlpha, multiSearch*, hasToken. (The core string family
 * is f_string.c; regular expressions are f_regex.c.) */
#include <string.h>
#include <strings.h>

#include "func.h"

static bool is_str(const DataType *t) { return type_is_stringy(t); }

static int str_to_str(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

/* ---- ascii ---- */

static int ascii_resolve(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_INT32);
    return 0;
}

static int ascii_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        COL_DATA(r, int32_t)[i] = n ? (int32_t)(unsigned char)s[0] : 0;
    }
    *out = r;
    return 0;
}

/* ---- bin / unbin ---- */

static int bin_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (!is_str(t) && !type_is_number(t) && t->kind != TYPE_BOOL && !type_is_date_or_time(t)) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static void put_bits(Buf *b, unsigned char byte)
{
    for (int k = 7; k >= 0; k--) buf_putc(b, (byte >> k) & 1 ? '1' : '0');
}

static int bin_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *c = args[0], *r = col_new(fc->ret);
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        b.len = 0;
        if (is_str(c->type)) {
            size_t n;
            const unsigned char *s = (const unsigned char *)col_str(c, i, &n);
            for (size_t k = 0; k < n; k++) put_bits(&b, s[k]);
        } else if (type_is_float(c->type)) {
            size_t w = (size_t)c->type->size;
            const unsigned char *s = (const unsigned char *)c->data.data + col_phys(c, i) * w;
            for (size_t k = 0; k < w; k++) put_bits(&b, s[k]);
        } else {
            /* integers: most significant byte first, leading zero bytes dropped */
            u128 v = (u128)col_get_i128(c, i);
            bool started = false;
            for (int k = c->type->size - 1; k >= 0; k--) {
                unsigned char byte = (unsigned char)(v >> (8 * k));
                if (!started && byte == 0 && k > 0) continue;
                started = true;
                put_bits(&b, byte);
            }
        }
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

static int unbin_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(fc->ret);
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        b.len = 0;
        /* groups of 8 bits from the right; the first group may be shorter */
        size_t first = n % 8 ? n % 8 : 8;
        for (size_t k = 0; k < n;) {
            size_t len = k == 0 ? first : 8;
            unsigned char byte = 0;
            for (size_t j = 0; j < len && k + j < n; j++) byte = (unsigned char)(byte << 1 | (s[k + j] == '1'));
            buf_putc(&b, (char)byte);
            k += len;
        }
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

/* ---- UTF-8 validity ---- */

/* Length of the valid UTF-8 sequence at p, or 0 if invalid. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n;
    unsigned cp, min;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07, min = 0x10000;
    else return 0;
    if ((size_t)(end - p) < n) return 0;
    for (size_t k = 1; k < n; k++) {
        if ((p[k] & 0xC0) != 0x80) return 0;
        cp = cp << 6 | (p[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

static int valid_resolve(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int valid_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const unsigned char *s = (const unsigned char *)col_str(args[0], i, &n), *end = s + n;
        bool ok = true;
        for (const unsigned char *p = s; p < end && ok;) {
            size_t k = utf8_seq(p, end);
            ok = k > 0;
            p += k;
        }
        COL_DATA(r, uint8_t)[i] = ok;
    }
    *out = r;
    return 0;
}

static int tovalid_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(fc->ret);
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const unsigned char *s = (const unsigned char *)col_str(args[0], i, &n), *end = s + n;
        b.len = 0;
        bool in_bad = false;
        for (const unsigned char *p = s; p < end;) {
            size_t k = utf8_seq(p, end);
            if (k) {
                buf_put(&b, p, k);
                p += k;
                in_bad = false;
            } else {
                if (!in_bad) buf_puts(&b, "\xEF\xBF\xBD");   /* one U+FFFD per invalid run */
                in_bad = true;
                p++;
            }
        }
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

/* ---- splitByWhitespace / splitByNonAlpha ---- */

static int tok_resolve(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (fc->nargs > 1 && !type_is_int(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    fc->ret = type_array(type_basic(TYPE_STRING));
    return 0;
}

static bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static bool is_word(unsigned char c) { return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int tok_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool ws = !strcmp(fc->def->name, "splitByWhitespace");
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const unsigned char *s = (const unsigned char *)col_str(args[0], i, &n), *end = s + n, *p = s;
        int64_t max = fc->nargs > 1 ? col_get_i64(args[1], i) : 0;
        int64_t cnt = 0;
        for (;;) {
            while (p < end && (ws ? is_space(*p) : !is_word(*p))) p++;
            if (p >= end) break;
            const unsigned char *b = p;
            while (p < end && (ws ? !is_space(*p) : is_word(*p))) p++;
            col_push_str(r->sub[0], (const char *)b, (size_t)(p - b));
            if (max > 0 && ++cnt >= max) break;
        }
        col_close_array(r);
    }
    *out = r;
    return 0;
}

/* ---- multiSearchAny / FirstIndex / FirstPosition / AllPositions ---- */

static int msearch_resolve(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    const DataType *a = fc->types[1];
    if (a->kind != TYPE_ARRAY || !is_str(a->sub[0])) return fn_err_arg_type(fc, 1, err);
    if (!fc->consts[1]) return fn_err_const(fc, 1, err);
    const char *n = fc->def->name;
    fc->ret = !strcmp(n, "multiSearchAny") ? type_basic(TYPE_UINT8)
              : !strcmp(n, "multiSearchAllPositions") ? type_array(type_basic(TYPE_UINT64)) : type_basic(TYPE_UINT64);
    return 0;
}

static int msearch_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    int mode = !strcmp(n, "multiSearchAny") ? 0 : !strcmp(n, "multiSearchFirstIndex") ? 1
               : !strcmp(n, "multiSearchFirstPosition") ? 2 : 3;
    Column *arr = fc->consts[1], *needles = arr->sub[0];
    size_t nn = (size_t)col_off_end(arr, 0);
    Column *r = mode == 3 ? col_new(fc->ret) : fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        size_t hl;
        const char *h = col_str(args[0], i, &hl);
        uint64_t res = 0;
        for (size_t k = 0; k < nn; k++) {
            size_t ln;
            const char *nd = col_str(needles, k, &ln);
            const char *hit = ln ? memmem(h, hl, nd, ln) : h;
            uint64_t pos = hit ? (uint64_t)(hit - h) + 1 : 0;
            if (mode == 3) {
                COL_PUSH(r->sub[0], uint64_t, pos);
            } else if (pos && mode == 2) {
                if (!res || pos < res) res = pos;
            } else if (pos && res == 0) {
                res = mode == 0 ? 1 : k + 1;
            }
        }
        if (mode == 3) col_close_array(r);
        else if (mode == 0) COL_DATA(r, uint8_t)[i] = (uint8_t)res;
        else COL_DATA(r, uint64_t)[i] = res;
    }
    *out = r;
    return 0;
}

/* ---- hasToken: the needle as a whole token (runs of ASCII letters and
 * digits and of bytes >= 0x80, as tokenbf_v1 indexes split them) ---- */

static bool tok_sep(unsigned char c) { return c < 0x80 && !((c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z')); }

static int hastoken_resolve(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (!is_str(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    const char *nd;
    size_t nl;
    if (!fn_const_str(fc, 1, &nd, &nl)) return fn_err_const(fc, 1, err);
    for (size_t i = 0; i < nl; i++)
        if (tok_sep((unsigned char)nd[i]))
            return err_set(err, ERR_BAD_ARGUMENTS, "Needle must not contain whitespace or separator characters");
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static bool has_token(const char *h, size_t hl, const char *nd, size_t nl, bool ci)
{
    if (nl == 0 || nl > hl) return false;
    for (size_t i = 0; i + nl <= hl; i++) {
        if (i > 0 && !tok_sep((unsigned char)h[i - 1])) continue;
        if (i + nl < hl && !tok_sep((unsigned char)h[i + nl])) continue;
        if (ci ? !strncasecmp(h + i, nd, nl) : !memcmp(h + i, nd, nl)) return true;
    }
    return false;
}

static int hastoken_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool ci = strstr(fc->def->name, "CaseInsensitive") != NULL;
    const char *nd;
    size_t nl;
    fn_const_str(fc, 1, &nd, &nl);
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        size_t hl;
        const char *h = col_str(args[0], i, &hl);
        COL_DATA(r, uint8_t)[i] = has_token(h, hl, nd, nl, ci);
    }
    *out = r;
    return 0;
}

const FuncDef FUNCS_strmore[] = {
    {"hasToken", 2, 2, FN_DEFAULT, hastoken_resolve, hastoken_exec, NULL},
    {"hasTokenCaseInsensitive", 2, 2, FN_DEFAULT, hastoken_resolve, hastoken_exec, NULL},
    {"multiSearchAny", 2, 2, FN_DEFAULT, msearch_resolve, msearch_exec, NULL},
    {"multiSearchFirstIndex", 2, 2, FN_DEFAULT, msearch_resolve, msearch_exec, NULL},
    {"multiSearchFirstPosition", 2, 2, FN_DEFAULT, msearch_resolve, msearch_exec, NULL},
    {"multiSearchAllPositions", 2, 2, FN_DEFAULT, msearch_resolve, msearch_exec, NULL},
    {"ascii", 1, 1, FN_DEFAULT | FF_CI, ascii_resolve, ascii_exec, NULL},
    {"bin", 1, 1, FN_DEFAULT | FF_CI, bin_resolve, bin_exec, NULL},
    {"unbin", 1, 1, FN_DEFAULT | FF_CI, str_to_str, unbin_exec, NULL},
    {"isValidUTF8", 1, 1, FN_DEFAULT, valid_resolve, valid_exec, NULL},
    {"toValidUTF8", 1, 1, FN_DEFAULT, str_to_str, tovalid_exec, NULL},
    {"splitByWhitespace", 1, 2, FN_DEFAULT, tok_resolve, tok_exec, NULL},
    {"splitByNonAlpha", 1, 2, FN_DEFAULT, tok_resolve, tok_exec, NULL},
    {0},
};
