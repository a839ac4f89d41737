/* f_string.c — string functions: length, lengthUTF8, empty/notEmpty, lower,
 * upper (+UTF8), reverse(+UTF8), concat, concatWithSeparator, substring
 * (+UTF8), left/right, position (+CaseInsensitive, locate), startsWith,
 * endsWith, trim family, leftPad/rightPad, repeat, replaceAll/replaceOne,
 * splitByChar/splitByString, format, char, hex/unhex, base64Encode/Decode,
 * countSubstrings.
 * Positions and lengths are in bytes unless the name ends in UTF8, as in
 * ClickHouse. length/empty/notEmpty/reverse also accept arrays and maps.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "../base/limits.h"
#include "../base/mem.h"
#include "../base/strsearch.h"
#include "../base/utf8.h"
#include "func.h"

static bool is_str(const DataType *t) { return t->kind == TYPE_STRING || t->kind == TYPE_FIXEDSTRING; }

static int str_ret(FuncCall *fc, Err *err)
{
    for (int i = 0; i < fc->nargs; i++)
        if (!is_str(fc->types[i])) return fn_err_arg_type(fc, i, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int64_t arg_int(Column *c, size_t i) { return col_get_i64(c, i); }

/* ---- length, empty ---- */

static int length_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (!is_str(t) && t->kind != TYPE_ARRAY && t->kind != TYPE_MAP) return fn_err_arg_type(fc, 0, err);
    const char *n = fc->def->name;
    fc->ret = type_basic(!strcmp(n, "empty") || !strcmp(n, "notEmpty") ? TYPE_UINT8 : TYPE_UINT64);
    return 0;
}

static size_t utf8_len(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static int length_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    bool utf8 = !strcmp(n, "lengthUTF8") || !strcasecmp(n, "char_length") || !strcasecmp(n, "character_length");
    int mode = !strcmp(n, "empty") ? 1 : !strcmp(n, "notEmpty") ? 2 : 0;
    Column *c = args[0];
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        uint64_t len;
        if (c->type->kind == TYPE_ARRAY || c->type->kind == TYPE_MAP) {
            len = COL_OFFS(c)[i] - col_off_begin(c, i);
        } else {
            size_t sl;
            const char *s = col_str(c, i, &sl);
            len = utf8 ? utf8_len(s, sl) : sl;
        }
        if (mode == 0) COL_DATA(r, uint64_t)[i] = len;
        else COL_DATA(r, uint8_t)[i] = mode == 1 ? len == 0 : len != 0;
    }
    *out = r;
    return 0;
}

/* ---- case, reverse ---- */

static int case_resolve(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = fc->types[0];
    return 0;
}

static int case_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    bool up = !strncasecmp(n, "upper", 5) || !strcasecmp(n, "ucase");
    bool utf8 = strstr(n, "UTF8") != NULL;
    Column *r = col_new(fc->ret);
    Buf tmp = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t sl;
        const unsigned char *s = (const unsigned char *)col_str(args[0], i, &sl);
        tmp.len = 0;
        if (!utf8) {
            char *d = buf_extend(&tmp, sl);
            for (size_t k = 0; k < sl; k++) d[k] = (char)(up ? toupper(s[k]) : tolower(s[k]));
        } else {
            for (size_t k = 0; k < sl;) {
                uint32_t cp;
                int l = utf8_decode(s + k, sl - k, &cp);
                if (l == 1 && s[k] >= 0x80) buf_putc(&tmp, (char)s[k]);
                else if (up && cp == 0xDF) buf_puts(&tmp, "SS");   /* ß has no one-letter capital */
                else utf8_put(&tmp, utf8_case(cp, up));
                k += (size_t)l;
            }
        }
        col_push_str(r, tmp.data ? tmp.data : "", tmp.len);
    }
    buf_free(&tmp);
    *out = r;
    return 0;
}

static int reverse_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (!is_str(t) && t->kind != TYPE_ARRAY) return fn_err_arg_type(fc, 0, err);
    fc->ret = t;
    return 0;
}

static int reverse_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *c = args[0];
    bool utf8 = !strcmp(fc->def->name, "reverseUTF8");
    if (c->type->kind == TYPE_ARRAY) {
        uint32_t *idx = mem_alloc(4 * (c->sub[0]->rows + 1));
        size_t k = 0;
        for (size_t i = 0; i < rows; i++)
            for (uint64_t j = COL_OFFS(c)[i]; j > col_off_begin(c, i); j--) idx[k++] = (uint32_t)(j - 1);
        Column *r = col_new(c->type);
        col_unref(r->sub[0]);
        r->sub[0] = col_gather(c->sub[0], idx, k);
        buf_put(&r->offs, c->offs.data, c->offs.len);
        r->rows = c->rows;
        mem_free(idx, 4 * (c->sub[0]->rows + 1));
        *out = r;
        return 0;
    }
    Column *r = col_new(fc->ret);
    Buf tmp = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t sl;
        const char *s = col_str(c, i, &sl);
        tmp.len = 0;
        char *d = buf_extend(&tmp, sl);
        if (!utf8) {
            for (size_t k = 0; k < sl; k++) d[k] = s[sl - 1 - k];
        } else {
            size_t w = sl;
            for (size_t k = 0; k < sl;) {
                size_t l = 1;
                while (k + l < sl && ((unsigned char)s[k + l] & 0xC0) == 0x80) l++;
                w -= l;
                memcpy(d + w, s + k, l);
                k += l;
            }
        }
        col_push_str(r, d, sl);
    }
    buf_free(&tmp);
    *out = r;
    return 0;
}

/* ---- concat ---- */

static int concat_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

/* Appends the text of args[i] row r (strings as-is, others as toString). */
static void put_text(FuncCall *fc, Column *c, size_t r, Buf *b)
{
    if (is_str(c->type)) {
        size_t n;
        const char *s = col_str(c, r, &n);
        buf_put(b, s, n);   /* FixedString keeps its zero padding, as in ClickHouse */
        return;
    }
    FormatSettings fs;
    fn_format_settings(fc->q, &fs);
    text_write(b, c, r, TS_PLAIN, &fs);
}

static int concat_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool sep = !strcmp(fc->def->name, "concatWithSeparator") || !strcmp(fc->def->name, "concat_ws");
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        b.len = 0;
        for (int k = sep ? 1 : 0; k < fc->nargs; k++) {
            if (sep && k > 1) put_text(fc, args[0], i, &b);
            put_text(fc, args[k], i, &b);
        }
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

/* ---- substring, left, right ---- */

static int substr_resolve(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    for (int i = 1; i < fc->nargs; i++)
        if (!type_is_int(fc->types[i])) return fn_err_arg_type(fc, i, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

/* Byte or code point positions of a UTF-8 string. */
static void slice_bounds(int64_t n, int64_t off, bool has_len, int64_t len, int64_t *from, int64_t *to)
{
    int64_t s;
    if (off > 0) s = off - 1;
    else if (off < 0) s = n + off;
    else {
        *from = *to = 0;
        return;
    }
    int64_t e = n;
    if (has_len) e = len >= 0 ? s + len : n + len;
    if (s < 0) s = 0;
    if (e > n) e = n;
    if (s > n) s = n;
    if (e < s) e = s;
    *from = s;
    *to = e;
}

static size_t utf8_byte_of(const char *s, size_t n, int64_t cp)
{
    size_t i = 0;
    while (i < n && cp > 0) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
        cp--;
    }
    return i;
}

static int substr_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    bool utf8 = strstr(n, "UTF8") != NULL;
    int mode = !strncmp(n, "left", 4) ? 1 : !strncmp(n, "right", 5) ? 2 : 0;
    Column *r = col_new(type_basic(TYPE_STRING));
    for (size_t i = 0; i < rows; i++) {
        size_t sl;
        const char *s = col_str(args[0], i, &sl);
        int64_t total = utf8 ? (int64_t)utf8_len(s, sl) : (int64_t)sl;
        int64_t from, to;
        if (mode == 1) {
            int64_t k = arg_int(args[1], i);
            slice_bounds(total, 1, true, k, &from, &to);
        } else if (mode == 2) {
            int64_t k = arg_int(args[1], i);
            if (k >= 0) slice_bounds(total, k ? -k : 0, false, 0, &from, &to);
            else slice_bounds(total, -k + 1, false, 0, &from, &to);
            if (k == 0) from = to = 0;
            if (k < -total) from = to = 0;
        } else {
            slice_bounds(total, arg_int(args[1], i), fc->nargs > 2, fc->nargs > 2 ? arg_int(args[2], i) : 0, &from, &to);
        }
        if (utf8) {
            size_t bf = utf8_byte_of(s, sl, from), bt = utf8_byte_of(s, sl, to);
            col_push_str(r, s + bf, bt - bf);
        } else {
            col_push_str(r, s + from, (size_t)(to - from));
        }
    }
    *out = r;
    return 0;
}

/* ---- position, startsWith, endsWith, countSubstrings ---- */

static int pos_resolve(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (!is_str(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    const char *n = fc->def->name;
    fc->ret = type_basic(!strncmp(n, "position", 8) || !strcmp(n, "locate") || !strcmp(n, "countSubstrings") ? TYPE_UINT64 : TYPE_UINT8);
    return 0;
}

static const char *find_ci(const char *h, size_t hn, const char *nd, size_t nn)
{
    if (nn == 0) return h;
    for (size_t i = 0; i + nn <= hn; i++)
        if (!strncasecmp(h + i, nd, nn)) return h + i;
    return NULL;
}

static int pos_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    bool locate = !strcmp(n, "locate");
    bool ci = strstr(n, "CaseInsensitive") != NULL;
    bool utf8 = strstr(n, "UTF8") != NULL;
    int mode = !strcmp(n, "startsWith") ? 1 : !strcmp(n, "endsWith") ? 2 : !strcmp(n, "countSubstrings") ? 3 : 0;
    Column *hc = locate ? args[1] : args[0], *nc = locate ? args[0] : args[1];
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        size_t hl, nl;
        const char *h = col_str(hc, i, &hl), *nd = col_str(nc, i, &nl);
        if (mode == 1) {
            COL_DATA(r, uint8_t)[i] = hl >= nl && !memcmp(h, nd, nl);
            continue;
        }
        if (mode == 2) {
            COL_DATA(r, uint8_t)[i] = hl >= nl && !memcmp(h + hl - nl, nd, nl);
            continue;
        }
        if (mode == 3) {
            uint64_t cnt = 0;
            if (nl)
                for (const char *p = h; (p = str_find(p, hl - (size_t)(p - h), nd, nl)); p += nl) cnt++;
            COL_DATA(r, uint64_t)[i] = cnt;
            continue;
        }
        size_t start = 0;
        if (fc->nargs > 2) {
            int64_t st = arg_int(args[2], i);
            if (st < 1) st = 1;
            start = (size_t)st - 1;
            if (utf8) start = utf8_byte_of(h, hl, (int64_t)start);
        }
        uint64_t pos = 0;
        if (start <= hl) {
            const char *f = ci ? find_ci(h + start, hl - start, nd, nl) : str_find(h + start, hl - start, nd, nl);
            if (f) pos = utf8 ? utf8_len(h, (size_t)(f - h)) + 1 : (uint64_t)(f - h) + 1;
        }
        COL_DATA(r, uint64_t)[i] = pos;
    }
    *out = r;
    return 0;
}

/* ---- trim ---- */

static int trim_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    bool left = !strcmp(n, "trimLeft") || !strcmp(n, "ltrim") || !strcmp(n, "trimBoth") || !strcmp(n, "trim");
    bool right = !strcmp(n, "trimRight") || !strcmp(n, "rtrim") || !strcmp(n, "trimBoth") || !strcmp(n, "trim");
    Column *r = col_new(type_basic(TYPE_STRING));
    for (size_t i = 0; i < rows; i++) {
        size_t sl, cl = 1;
        const char *s = col_str(args[0], i, &sl), *chars = " ";
        if (fc->nargs > 1) chars = col_str(args[1], i, &cl);
        size_t b = 0, e = sl;
        if (left)
            while (b < e && memchr(chars, s[b], cl)) b++;
        if (right)
            while (e > b && memchr(chars, s[e - 1], cl)) e--;
        col_push_str(r, s + b, e - b);
    }
    *out = r;
    return 0;
}

/* ---- pad, repeat ---- */

static int pad_resolve(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (!type_is_int(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    if (fc->nargs > 2 && !is_str(fc->types[2])) return fn_err_arg_type(fc, 2, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int pad_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    bool left = !strncmp(n, "leftPad", 7) || !strcasecmp(n, "lpad");
    bool utf8 = strstr(n, "UTF8") != NULL;
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t sl, pl = 1;
        const char *s = col_str(args[0], i, &sl), *pad = " ";
        if (fc->nargs > 2) pad = col_str(args[2], i, &pl);
        if (pl == 0) pad = " ", pl = 1;   /* an empty filler pads with spaces */
        int64_t want = arg_int(args[1], i);
        if (want < 0) want = 0;
        if ((uint64_t)want > LIMIT_STRING_REPEAT) {
            buf_free(&b);
            col_unref(r);
            return err_set(err, ERR_TOO_LARGE_STRING_SIZE, "Too large string size in function %s", n);
        }
        size_t have = utf8 ? utf8_len(s, sl) : sl;
        b.len = 0;
        if (have >= (size_t)want) {
            size_t cut = utf8 ? utf8_byte_of(s, sl, want) : (size_t)want;
            col_push_str(r, s, cut);
            continue;
        }
        size_t need = (size_t)want - have;
        Buf padding = {0};
        if (pl) {
            size_t k = 0;
            while (k < need) {
                for (size_t j = 0; j < pl && k < need;) {
                    size_t l = 1;
                    if (utf8)
                        while (j + l < pl && ((unsigned char)pad[j + l] & 0xC0) == 0x80) l++;
                    buf_put(&padding, pad + j, l);
                    j += l;
                    k++;
                }
            }
        }
        if (left) {
            buf_put(&b, padding.data, padding.len);
            buf_put(&b, s, sl);
        } else {
            buf_put(&b, s, sl);
            buf_put(&b, padding.data, padding.len);
        }
        buf_free(&padding);
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

static int repeat_resolve(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (!type_is_int(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int repeat_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t sl;
        const char *s = col_str(args[0], i, &sl);
        int64_t k = arg_int(args[1], i);
        if (k < 0) k = 0;
        if ((uint64_t)k * sl > LIMIT_STRING_REPEAT) {
            buf_free(&b);
            col_unref(r);
            return err_set(err, ERR_TOO_LARGE_STRING_SIZE, "Too large string size in function repeat");
        }
        b.len = 0;
        for (int64_t j = 0; j < k; j++) buf_put(&b, s, sl);
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

/* ---- replaceAll / replaceOne ---- */

static int replace_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool one = !strcmp(fc->def->name, "replaceOne");
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t sl, fl, tl;
        const char *s = col_str(args[0], i, &sl), *f = col_str(args[1], i, &fl), *t = col_str(args[2], i, &tl);
        b.len = 0;
        const char *p = s, *end = s + sl;
        while (fl && p < end) {
            const char *m = memmem(p, (size_t)(end - p), f, fl);
            if (!m) break;
            buf_put(&b, p, (size_t)(m - p));
            buf_put(&b, t, tl);
            p = m + fl;
            if (one) break;
        }
        buf_put(&b, p, (size_t)(end - p));
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

/* ---- splitByChar / splitByString ---- */

static int split_resolve(FuncCall *fc, Err *err)
{
    if (!is_str(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (!is_str(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    if (!strcmp(fc->def->name, "splitByChar")) {
        const char *s;
        size_t n;
        if (!fn_const_str(fc, 0, &s, &n)) return fn_err_const(fc, 0, err);
        if (n != 1) return err_set(err, ERR_BAD_ARGUMENTS, "Illegal separator for function splitByChar. Must be exactly one byte.");
    }
    fc->ret = type_array(type_basic(TYPE_STRING));
    return 0;
}

static int split_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(fc->ret);
    Column *el = r->sub[0];
    for (size_t i = 0; i < rows; i++) {
        size_t sepl, sl;
        const char *sep = col_str(args[0], i, &sepl), *s = col_str(args[1], i, &sl);
        int64_t max = fc->nargs > 2 ? arg_int(args[2], i) : 0;
        int64_t cnt = 0;
        if (sepl == 0) {
            for (size_t k = 0; k < sl; k++) col_push_str(el, s + k, 1);
        } else {
            const char *p = s, *end = s + sl;
            /* max_substrings > 0 keeps only the first pieces (the remainder is
             * dropped, splitby_max_substrings_includes_remaining_string = 0) */
            for (;;) {
                const char *m = memmem(p, (size_t)(end - p), sep, sepl);
                col_push_str(el, p, (size_t)((m ? m : end) - p));
                if (!m || (max > 0 && ++cnt >= max)) break;
                p = m + sepl;
            }
        }
        col_close_array(r);
    }
    *out = r;
    return 0;
}

/* ---- format ---- */

static int format_resolve(FuncCall *fc, Err *err)
{
    const char *s;
    size_t n;
    if (!fn_const_str(fc, 0, &s, &n)) return fn_err_const(fc, 0, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int format_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t pl;
        const char *p = col_str(args[0], i, &pl), *end = p + pl;
        int next = 1;
        b.len = 0;
        while (p < end) {
            if (*p == '{' && p + 1 < end && p[1] == '{') {
                buf_putc(&b, '{');
                p += 2;
            } else if (*p == '}' && p + 1 < end && p[1] == '}') {
                buf_putc(&b, '}');
                p += 2;
            } else if (*p == '{') {
                const char *q = p + 1;
                int idx = -1;
                if (q < end && *q == '}') {
                    idx = next++;
                    p = q + 1;
                } else {
                    int v = 0;
                    while (q < end && isdigit((unsigned char)*q)) v = v * 10 + (*q++ - '0');
                    if (q >= end || *q != '}') {
                        buf_free(&b);
                        col_unref(r);
                        return err_set(err, ERR_BAD_ARGUMENTS, "Invalid format string for function format");
                    }
                    idx = v + 1;
                    p = q + 1;
                }
                if (idx >= fc->nargs) {
                    buf_free(&b);
                    col_unref(r);
                    return err_set(err, ERR_BAD_ARGUMENTS, "Not enough arguments to fill the placeholders in the format string");
                }
                put_text(fc, args[idx], i, &b);
            } else {
                buf_putc(&b, *p++);
            }
        }
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

/* ---- hex, unhex, base64, char ---- */

static int any_str_ret(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int hex_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    static const char H[] = "0123456789ABCDEF";
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    Column *c = args[0];
    for (size_t i = 0; i < rows; i++) {
        b.len = 0;
        if (is_str(c->type) || c->type->kind == TYPE_AGGSTATE) {
            size_t n;
            const unsigned char *s = (const unsigned char *)col_str(c, i, &n);
            for (size_t k = 0; k < n; k++) {
                buf_putc(&b, H[s[k] >> 4]);
                buf_putc(&b, H[s[k] & 15]);
            }
        } else if (type_is_int(c->type) || c->type->kind == TYPE_BOOL || type_is_date_or_time(c->type)) {
            u128 v = (u128)col_get_i128(c, i);
            int bytes = c->type->size;
            bool started = false;
            for (int k = bytes - 1; k >= 0; k--) {
                unsigned byte = (unsigned)(v >> (8 * k)) & 255;
                if (!started && byte == 0 && k > 0) continue;
                started = true;
                buf_putc(&b, H[byte >> 4]);
                buf_putc(&b, H[byte & 15]);
            }
        } else if (type_is_float(c->type)) {
            /* floats: the bytes in memory order */
            size_t w = (size_t)c->type->size;
            const unsigned char *s = (const unsigned char *)c->data.data + col_phys(c, i) * w;
            for (size_t k = 0; k < w; k++) {
                buf_putc(&b, H[s[k] >> 4]);
                buf_putc(&b, H[s[k] & 15]);
            }
        } else {
            size_t w = (size_t)c->type->size;
            const unsigned char *s = (const unsigned char *)c->data.data + col_phys(c, i) * w;
            for (size_t k = w; k-- > 0;) {
                buf_putc(&b, H[s[k] >> 4]);
                buf_putc(&b, H[s[k] & 15]);
            }
        }
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = (char)(c | 32);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
}

static int unhex_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        b.len = 0;
        size_t k = 0;
        if (n % 2) buf_putc(&b, (char)hexval(s[k++]));
        for (; k + 1 < n + 1 && k < n; k += 2) buf_putc(&b, (char)(hexval(s[k]) * 16 + hexval(s[k + 1])));
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64enc_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const unsigned char *s = (const unsigned char *)col_str(args[0], i, &n);
        b.len = 0;
        for (size_t k = 0; k < n; k += 3) {
            uint32_t v = (uint32_t)s[k] << 16 | (k + 1 < n ? (uint32_t)s[k + 1] << 8 : 0) | (k + 2 < n ? s[k + 2] : 0);
            buf_putc(&b, B64[v >> 18]);
            buf_putc(&b, B64[(v >> 12) & 63]);
            buf_putc(&b, k + 1 < n ? B64[(v >> 6) & 63] : '=');
            buf_putc(&b, k + 2 < n ? B64[v & 63] : '=');
        }
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

static int b64dec_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool try_ = !strncmp(fc->def->name, "try", 3);
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        b.len = 0;
        uint32_t acc = 0;
        int bits = 0;
        bool bad = n % 4 != 0;   /* padded base64 only, as ClickHouse (and its error) */
        for (size_t k = 0; k < n && !bad; k++) {
            if (s[k] == '=') break;
            const char *pos = strchr(B64, s[k]);
            if (!pos || !s[k]) {
                bad = true;
                break;
            }
            acc = acc << 6 | (uint32_t)(pos - B64);
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                buf_putc(&b, (char)(acc >> bits));
            }
        }
        if (bad) {
            if (!try_) {
                buf_free(&b);
                col_unref(r);
                return err_set(err, ERR_INCORRECT_DATA, "Invalid base64Decode value (%.*s), cannot be decoded", (int)(n > 100 ? 100 : n), s);
            }
            b.len = 0;
        }
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

static int char_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        b.len = 0;
        for (int k = 0; k < fc->nargs; k++) buf_putc(&b, (char)col_get_i64(args[k], i));
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

#define S(name, min, max, res, ex) {name, min, max, FN_DEFAULT, res, ex, NULL}
#define SA(name, min, max, res, ex, alias) {name, min, max, FN_DEFAULT | FF_CI, res, ex, alias}

const FuncDef FUNCS_string[] = {
    {"length", 1, 1, FN_DEFAULT | FF_CI, length_resolve, length_exec, NULL},
    SA("char_length", 1, 1, length_resolve, length_exec, "lengthUTF8"),
    SA("character_length", 1, 1, length_resolve, length_exec, "lengthUTF8"),
    SA("octet_length", 1, 1, length_resolve, length_exec, "length"),
    S("lengthUTF8", 1, 1, length_resolve, length_exec),
    S("empty", 1, 1, length_resolve, length_exec),
    S("notEmpty", 1, 1, length_resolve, length_exec),
    {"lower", 1, 1, FN_DEFAULT | FF_CI, case_resolve, case_exec, NULL},
    {"upper", 1, 1, FN_DEFAULT | FF_CI, case_resolve, case_exec, NULL},
    SA("lcase", 1, 1, case_resolve, case_exec, "lower"),
    SA("ucase", 1, 1, case_resolve, case_exec, "upper"),
    S("lowerUTF8", 1, 1, case_resolve, case_exec),
    S("upperUTF8", 1, 1, case_resolve, case_exec),
    {"reverse", 1, 1, FN_DEFAULT | FF_CI, reverse_resolve, reverse_exec, NULL},
    {"arrayReverse", 1, 1, FN_DEFAULT, reverse_resolve, reverse_exec, NULL},
    S("reverseUTF8", 1, 1, reverse_resolve, reverse_exec),
    {"concat", 0, -1, FN_DEFAULT | FF_CI, concat_resolve, concat_exec, NULL},
    S("concatWithSeparator", 1, -1, concat_resolve, concat_exec),
    SA("concat_ws", 1, -1, concat_resolve, concat_exec, "concatWithSeparator"),
    {"substring", 2, 3, FN_DEFAULT | FF_CI, substr_resolve, substr_exec, NULL},
    SA("substr", 2, 3, substr_resolve, substr_exec, "substring"),
    SA("mid", 2, 3, substr_resolve, substr_exec, "substring"),
    S("substringUTF8", 2, 3, substr_resolve, substr_exec),
    {"left", 2, 2, FN_DEFAULT | FF_CI, substr_resolve, substr_exec, NULL},
    {"right", 2, 2, FN_DEFAULT | FF_CI, substr_resolve, substr_exec, NULL},
    S("leftUTF8", 2, 2, substr_resolve, substr_exec),
    S("rightUTF8", 2, 2, substr_resolve, substr_exec),
    {"position", 2, 3, FN_DEFAULT | FF_CI, pos_resolve, pos_exec, NULL},
    {"locate", 2, 3, FN_DEFAULT | FF_CI, pos_resolve, pos_exec, NULL},
    SA("instr", 2, 3, pos_resolve, pos_exec, "position"),
    S("positionCaseInsensitive", 2, 3, pos_resolve, pos_exec),
    S("positionUTF8", 2, 3, pos_resolve, pos_exec),
    S("positionCaseInsensitiveUTF8", 2, 3, pos_resolve, pos_exec),
    S("startsWith", 2, 2, pos_resolve, pos_exec),
    S("endsWith", 2, 2, pos_resolve, pos_exec),
    S("countSubstrings", 2, 2, pos_resolve, pos_exec),
    S("trimLeft", 1, 2, str_ret, trim_exec),
    S("trimRight", 1, 2, str_ret, trim_exec),
    S("trimBoth", 1, 2, str_ret, trim_exec),
    SA("ltrim", 1, 2, str_ret, trim_exec, "trimLeft"),
    SA("rtrim", 1, 2, str_ret, trim_exec, "trimRight"),
    SA("trim", 1, 2, str_ret, trim_exec, "trimBoth"),
    S("leftPad", 2, 3, pad_resolve, pad_exec),
    S("rightPad", 2, 3, pad_resolve, pad_exec),
    S("leftPadUTF8", 2, 3, pad_resolve, pad_exec),
    S("rightPadUTF8", 2, 3, pad_resolve, pad_exec),
    SA("lpad", 2, 3, pad_resolve, pad_exec, "leftPad"),
    SA("rpad", 2, 3, pad_resolve, pad_exec, "rightPad"),
    {"repeat", 2, 2, FN_DEFAULT | FF_CI, repeat_resolve, repeat_exec, NULL},
    S("replaceAll", 3, 3, str_ret, replace_exec),
    SA("replace", 3, 3, str_ret, replace_exec, "replaceAll"),
    S("replaceOne", 3, 3, str_ret, replace_exec),
    S("splitByChar", 2, 3, split_resolve, split_exec),
    S("splitByString", 2, 3, split_resolve, split_exec),
    S("format", 1, -1, format_resolve, format_exec),
    {"hex", 1, 1, FN_DEFAULT | FF_CI, any_str_ret, hex_exec, NULL},
    {"unhex", 1, 1, FN_DEFAULT | FF_CI, str_ret, unhex_exec, NULL},
    S("base64Encode", 1, 1, str_ret, b64enc_exec),
    S("base64Decode", 1, 1, str_ret, b64dec_exec),
    S("tryBase64Decode", 1, 1, str_ret, b64dec_exec),
    {"char", 1, -1, FN_DEFAULT | FF_CI, any_str_ret, char_exec, NULL},
    {0},
};
