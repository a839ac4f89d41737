/* codec_chain.c — CODEC(...) declarations: parsing, ClickHouse's checks
 * (unknown codecs, bad parameters, meaningless combinations unless
 * allow_suspicious_codecs) and the normalised text SHOW CREATE prints
 * (`ZSTD` -> `ZSTD(1)`, `Delta` -> `Delta(4)` for a 4-byte column).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"

/* The value type a codec sees: Nullable, Array and LowCardinality apply
 * their codecs to the nested values. */
static const DataType *value_type(const DataType *t)
{
    while (t && (t->kind == TYPE_NULLABLE || t->kind == TYPE_ARRAY || t->kind == TYPE_LOWCARDINALITY)) t = t->sub[0];
    return t;
}

static bool fixed_size(const DataType *t) { return t && t->size > 0 && t->kind != TYPE_NOTHING; }

static int width_of(const DataType *t) { return (t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8) ? t->size : 1; }

static bool t64_type(const DataType *t)
{
    switch (t->kind) {
    case TYPE_UINT8: case TYPE_UINT16: case TYPE_UINT32: case TYPE_UINT64:
    case TYPE_INT8: case TYPE_INT16: case TYPE_INT32: case TYPE_INT64:
    case TYPE_DATE: case TYPE_DATE32: case TYPE_DATETIME: case TYPE_DATETIME64:
    case TYPE_DECIMAL32: case TYPE_DECIMAL64: case TYPE_ENUM8: case TYPE_ENUM16: case TYPE_IPV4:
        return true;
    default: return false;
    }
}

static bool signed_type(const DataType *t)
{
    switch (t->kind) {
    case TYPE_INT8: case TYPE_INT16: case TYPE_INT32: case TYPE_INT64: case TYPE_DATE32: case TYPE_DATETIME64:
    case TYPE_DECIMAL32: case TYPE_DECIMAL64: case TYPE_ENUM8: case TYPE_ENUM16:
        return true;
    default: return false;
    }
}

/* ---- the tokens of one codec: Name or Name(arg) ---- */

typedef struct CodecTok { char name[32]; bool has_arg; long long arg; } CodecTok;

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    return p;
}

static int next_tok(const char **pp, CodecTok *t, Err *err)
{
    const char *p = skip_ws(*pp);
    size_t k = 0;
    while (isalnum((unsigned char)*p) || *p == '_') {
        if (k + 1 < sizeof t->name) t->name[k++] = *p;
        p++;
    }
    t->name[k] = 0;
    if (!k) return err_set(err, ERR_SYNTAX_ERROR, "Syntax error in codec declaration");
    t->has_arg = false;
    p = skip_ws(p);
    if (*p == '(') {
        p = skip_ws(p + 1);
        if (*p != ')') {
            char *end;
            t->arg = strtoll(p, &end, 10);
            if (end == p) {
                /* a string argument (T64('bit')): accepted, not used */
                if (*p != '\'') return err_set(err, ERR_SYNTAX_ERROR, "Syntax error in codec declaration");
                end = strchr((char *)p + 1, '\'');
                if (!end) return err_set(err, ERR_SYNTAX_ERROR, "Syntax error in codec declaration");
                end++;
                t->arg = 0;
            } else {
                t->has_arg = true;
            }
            p = skip_ws(end);
        }
        if (*p != ')') return err_set(err, ERR_SYNTAX_ERROR, "Syntax error in codec declaration");
        p++;
    }
    *pp = skip_ws(p);
    return 0;
}

static int no_args(const CodecTok *t, Err *err)
{
    if (t->has_arg)
        return err_set(err, ERR_DATA_TYPE_CANNOT_HAVE_ARGUMENTS, "Compression codec %s cannot have arguments.", t->name);
    return 0;
}

/* Builds one step from a token; t is the column's value type (or NULL). */
static int make_step(const CodecTok *k, const DataType *t, CodecStep *s, Err *err)
{
    memset(s, 0, sizeof *s);
    const char *n = k->name;
    if (!strcmp(n, "NONE") || !strcmp(n, "LZ4")) {
        s->method = !strcmp(n, "NONE") ? CM_NONE : CM_LZ4;
        return no_args(k, err);
    }
    if (!strcmp(n, "LZ4HC")) {
        s->method = CM_LZ4;
        s->hc = true;
        s->level = k->has_arg ? (int)k->arg : 0;
        return 0;
    }
    if (!strcmp(n, "ZSTD")) {
        s->method = CM_ZSTD;
        s->level = k->has_arg ? (int)k->arg : 1;
        if (k->has_arg && k->arg > 22)
            return err_set(err, ERR_ILLEGAL_CODEC_PARAMETER, "ZSTD codec can't have level more than 22, given %lld", k->arg);
        return 0;
    }
    bool delta = !strcmp(n, "Delta"), dd = !strcmp(n, "DoubleDelta"), gor = !strcmp(n, "Gorilla"), t64 = !strcmp(n, "T64");
    if (!delta && !dd && !gor && !t64) return err_set(err, ERR_UNKNOWN_CODEC, "Unknown codec family: %s", n);
    s->method = delta ? CM_DELTA : dd ? CM_DOUBLE_DELTA : gor ? CM_GORILLA : CM_T64;
    if (t64) {
        if (t && !t64_type(t))
            return err_set(err, ERR_ILLEGAL_SYNTAX_FOR_CODEC_TYPE, "T64 codec is not supported for specified type %s", t->name);
        s->width = t ? width_of(t) | (signed_type(t) ? 0x80 : 0) : 8;
        return 0;
    }
    if (t && !fixed_size(t))
        return err_set(err, ERR_BAD_ARGUMENTS, "Codec %s is not applicable for %s because the data type is not of fixed size", n, t->name);
    s->width = t ? width_of(t) : 1;
    if (delta && k->has_arg) {
        if (k->arg != 1 && k->arg != 2 && k->arg != 4 && k->arg != 8)
            return err_set(err, ERR_ILLEGAL_CODEC_PARAMETER, "Delta value for delta codec can be 1, 2, 4 or 8, given %lld", k->arg);
        s->width = (int)k->arg;
    }
    return 0;
}

/* One step as SHOW CREATE prints it (with_width: as error messages do). */
static void step_text(const CodecStep *s, bool with_width, Buf *b)
{
    switch (s->method) {
    case CM_NONE: buf_puts(b, "NONE"); break;
    case CM_LZ4:
        if (s->hc) buf_printf(b, "LZ4HC(%llu)", (unsigned long long)(long long)s->level);
        else buf_puts(b, "LZ4");
        break;
    case CM_ZSTD: buf_printf(b, "ZSTD(%llu)", (unsigned long long)(long long)s->level); break;
    case CM_DELTA: buf_printf(b, "Delta(%d)", s->width & 0x0f); break;
    case CM_GORILLA: buf_printf(b, "Gorilla(%d)", s->width & 0x0f); break;
    case CM_DOUBLE_DELTA:
        if (with_width) buf_printf(b, "DoubleDelta(%d)", s->width & 0x0f);
        else buf_puts(b, "DoubleDelta");
        break;
    default: buf_puts(b, "T64"); break;
    }
}

static void chain_text(const CodecChain *c, bool with_width, Buf *b)
{
    for (int i = 0; i < c->n; i++) {
        if (i) buf_puts(b, ", ");
        step_text(&c->steps[i], with_width, b);
    }
}

static int suspicious(const CodecChain *c, const char *why, Err *err)
{
    Buf b = {0};
    chain_text(c, false, &b);
    int rc = err_set(err, ERR_BAD_ARGUMENTS, why, buf_cstr(&b));
    buf_free(&b);
    return rc;
}

#define NOTE " (Note: you can enable setting 'allow_suspicious_codecs' to skip this check)."

/* ClickHouse's checks on a whole chain (skipped with allow_suspicious_codecs). */
static int check_chain(const CodecChain *c, const DataType *t, Err *err)
{
    bool has_none = false, generic_seen = false, compresses = false;
    for (int i = 0; i < c->n; i++) {
        uint8_t m = c->steps[i].method;
        if (m == CM_NONE) has_none = true;
        if (generic_seen && m != CM_NONE)
            return suspicious(c, "The combination of compression codecs %s is meaningless, because it does not make sense to apply any transformations after generic compression algorithm." NOTE, err);
        if (m == CM_LZ4 || m == CM_ZSTD) generic_seen = true;
        if (m != CM_DELTA && m != CM_NONE) compresses = true;
        if (m == CM_GORILLA && t && t->kind != TYPE_FLOAT32 && t->kind != TYPE_FLOAT64)
            return suspicious(c, "The combination of compression codecs %s is meaningless, because it does not make sense to apply a floating-point time series codec to non-floating-point columns" NOTE, err);
    }
    if (has_none && c->n > 1)
        return suspicious(c, "It does not make sense to have codec NONE along with other compression codecs: %s." NOTE, err);
    if (!compresses && !has_none) {
        Buf b = {0};
        chain_text(c, false, &b);
        int rc = err_set(err, ERR_BAD_ARGUMENTS,
                         "Compression codec %s does not compress anything. You may want to add generic compression algorithm "
                         "after other transformations, like: %s, LZ4." NOTE, buf_cstr(&b), buf_cstr(&b));
        buf_free(&b);
        return rc;
    }
    return 0;
}

int codec_chain_parse(const char *text, const DataType *t, CodecChain *out, Err *err)
{
    memset(out, 0, sizeof *out);
    const DataType *vt = value_type(t);
    const char *p = text;
    while (*skip_ws(p)) {
        if (out->n == CODEC_MAX_STEPS) return err_set(err, ERR_BAD_ARGUMENTS, "Too many codecs in a chain (at most %d)", CODEC_MAX_STEPS);
        CodecTok k;
        int rc = next_tok(&p, &k, err);
        if (!rc) rc = make_step(&k, vt, &out->steps[out->n], err);
        if (rc) return rc;
        out->n++;
        if (*p == ',') p++;
        else if (*p) return err_set(err, ERR_SYNTAX_ERROR, "Syntax error in codec declaration");
    }
    if (!out->n) return err_set(err, ERR_BAD_ARGUMENTS, "Compression codec cannot have empty arguments");
    return 0;
}

int codec_chain_check(const CodecChain *c, const DataType *t, Err *err) { return check_chain(c, value_type(t), err); }

char *codec_chain_text(const CodecChain *c)
{
    Buf b = {0};
    chain_text(c, false, &b);
    char *s = malloc(b.len + 1);
    if (s) {
        memcpy(s, b.data ? b.data : "", b.len);
        s[b.len] = 0;
    }
    buf_free(&b);
    return s;
}
