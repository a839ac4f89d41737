/* fmt_misc.c — Values (output and input), Null, RowBinary[WithNames[AndTypes]]
 * output (their input: fmt_rbin.c) and LineAsString input.
 * Values input reads SQL literals per row; a value that is not a literal
 * (now(), 1 + 1) is handed to the query layer's expression fallback.
 */
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "format.h"

/* ---- Values ---- */

static int values_begin(OutFormat *f, Err *err) { return 0; }

static int values_chunk(OutFormat *f, Chunk *ch, Err *err)
{
    for (size_t r = 0; r < ch->rows; r++) {
        if (f->rows) buf_putc(f->out, ',');
        buf_putc(f->out, '(');
        for (int i = 0; i < ch->ncols; i++) {
            if (i) buf_putc(f->out, ',');
            text_write(f->out, ch->cols[i], r, TS_QUOTED, &f->fs);
        }
        buf_putc(f->out, ')');
        f->rows++;
    }
    return 0;
}

static int nothing_end(OutFormat *f, const OutStats *st, Err *err) { return 0; }

static const OutVt VALUES_OUT = {values_begin, values_chunk, nothing_end};

static const char *values_row_end(InFormat *f, const char *p, const char *end, bool eof)
{
    const char *c = p;
    while (c < end && (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n' || *c == ',' || *c == ';')) c++;
    if (c == end) return eof ? end : NULL;
    if (*c != '(') {
        const char *nl = memchr(c, '\n', (size_t)(end - c));
        return nl ? nl + 1 : (eof ? end : NULL);
    }
    int depth = 0;
    char q = 0;
    for (; c < end; c++) {
        if (q) {
            if (*c == '\\') c++;
            else if (*c == q) q = 0;
            continue;
        }
        if (*c == '\'' || *c == '"' || *c == '`') q = *c;
        else if (*c == '(' || *c == '[' || *c == '{') depth++;
        else if (*c == ')' || *c == ']' || *c == '}') {
            if (--depth == 0) return c + 1;
        }
    }
    return NULL;
}

/* End of the current value inside a Values row: next top-level ',' or ')'. */
static const char *value_extent(const char *p, const char *end)
{
    int depth = 0;
    char q = 0;
    for (const char *c = p; c < end; c++) {
        if (q) {
            if (*c == '\\') c++;
            else if (*c == q) q = 0;
            continue;
        }
        if (*c == '\'' || *c == '"' || *c == '`') q = *c;
        else if (*c == '(' || *c == '[' || *c == '{') depth++;
        else if (*c == ')' || *c == ']' || *c == '}') {
            if (depth == 0) return c;
            depth--;
        } else if (*c == ',' && depth == 0) {
            return c;
        }
    }
    return end;
}

static int values_parse_row(InFormat *f, const char *p, const char *e, Err *err)
{
    TextIn in = {p, e};
    while (in.p < in.end && (*in.p == ' ' || *in.p == '\t' || *in.p == '\r' || *in.p == '\n' || *in.p == ',' || *in.p == ';')) in.p++;
    if (in.p == in.end) return 0;
    if (*in.p != '(') return err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse input: expected '(' before: '%.*s'",
                                     (int)(e - in.p > 30 ? 30 : e - in.p), in.p);
    in.p++;
    int k;
    int rc = 0;
    for (k = 0; k < f->ncols; k++) {
        text_skip_ws(&in);
        if (k) {
            if (in.p < in.end && *in.p == ')') {
                /* fewer values than columns */
                rc = err_set(err, ERR_SYNTAX_ERROR, "Cannot parse expression of type %s here: %.*s", f->cols[k - 1]->type->name,
                             (int)(in.end - p > 30 ? 30 : in.end - p), p);
                break;
            }
            if (in.p >= in.end || *in.p != ',') {
                rc = err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse input: expected ',' before: '%.*s'",
                             (int)(in.end - in.p > 30 ? 30 : in.end - in.p), in.p);
                break;
            }
            in.p++;
            text_skip_ws(&in);
        }
        const char *vs = in.p;
        const char *ve = value_extent(vs, in.end);
        size_t vl = (size_t)(ve - vs);
        while (vl && (vs[vl - 1] == ' ' || vs[vl - 1] == '\t' || vs[vl - 1] == '\n' || vs[vl - 1] == '\r')) vl--;
        bool is_default = vl == 7 && !strncasecmp(vs, "DEFAULT", 7);
        bool null_to_default = vl == 4 && !strncasecmp(vs, "NULL", 4) && f->fs.null_as_default &&
                               type_strip_lc(f->cols[k]->type)->kind != TYPE_NULLABLE;
        if (is_default || null_to_default) {
            /* DEFAULT, or NULL for a non-Nullable column: the column's DEFAULT */
            in_format_push_default(f, f->cols[k]);
            in.p = ve;
            continue;
        }
        TextIn one = {vs, ve};
        Err tmp;
        rc = text_read_quoted(&one, f->cols[k], &f->fs, &tmp);
        if (!rc) {
            text_skip_ws(&one);
            if (one.p != ve) {
                col_pop(f->cols[k]);
                rc = ERR_CANNOT_PARSE_TEXT;
            }
        }
        if (rc) {
            if (!f->expr_fallback) {
                *err = tmp;
                break;
            }
            rc = f->expr_fallback(f->expr_ctx, vs, (size_t)(ve - vs), f->cols[k], err);
            if (rc) break;
        }
        in.p = ve;
    }
    if (!rc) {
        text_skip_ws(&in);
        if (in.p >= in.end || *in.p != ')')
            rc = err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse input: expected ')' before: '%.*s'",
                         (int)(in.end - in.p > 30 ? 30 : in.end - in.p), in.p);
    }
    if (rc) {
        for (int j = 0; j < k && j < f->ncols; j++) col_pop(f->cols[j]);
        if (k < f->ncols && rc && f->cols[k]->rows > f->cols[0]->rows) col_pop(f->cols[k]);
        return rc;
    }
    return 0;
}

static const InVt VALUES_IN = {NULL, values_row_end, values_parse_row};

/* ---- Null ---- */

static int null_chunk(OutFormat *f, Chunk *ch, Err *err)
{
    f->rows += ch->rows;
    return 0;
}

static const OutVt NULL_OUT = {values_begin, null_chunk, nothing_end};

/* ---- RowBinary (the reader is fmt_rbin.c) ---- */

extern const InVt ROWBINARY_IN;

static void leb128(Buf *b, uint64_t v)
{
    do {
        unsigned char c = v & 0x7f;
        v >>= 7;
        if (v) c |= 0x80;
        buf_putc(b, (char)c);
    } while (v);
}

static void rb_value(Buf *b, Column *c, size_t r)
{
    size_t k = col_phys(c, r);
    const DataType *t = c->type;
    switch (t->kind) {
    case TYPE_NULLABLE:
        buf_putc(b, COL_NULLS(c)[k] ? 1 : 0);
        if (!COL_NULLS(c)[k]) rb_value(b, c->sub[0], k);
        return;
    case TYPE_LOWCARDINALITY:
        rb_value(b, c->sub[0], k);
        return;
    case TYPE_STRING: case TYPE_AGGSTATE: {
        size_t n;
        const char *s = col_str(c, k, &n);
        leb128(b, n);
        buf_put(b, s, n);
        return;
    }
    case TYPE_FIXEDSTRING:
        buf_put(b, c->data.data + k * (size_t)t->p1, (size_t)t->p1);
        return;
    case TYPE_ARRAY: case TYPE_MAP: {
        uint64_t s = col_off_begin(c, k), e = COL_OFFS(c)[k];
        leb128(b, e - s);
        for (uint64_t i = s; i < e; i++)
            for (int j = 0; j < c->nsub; j++) rb_value(b, c->sub[j], (size_t)i);
        return;
    }
    case TYPE_TUPLE:
        for (int j = 0; j < c->nsub; j++) rb_value(b, c->sub[j], k);
        return;
    case TYPE_NOTHING:
        return;
    default:
        buf_put(b, c->data.data + k * (size_t)t->size, (size_t)t->size);
        return;
    }
}

static int rb_begin(OutFormat *f, Err *err)
{
    if (f->def->variant >= 1) {
        leb128(f->out, (uint64_t)f->ncols);
        for (int i = 0; i < f->ncols; i++) {
            leb128(f->out, strlen(f->names[i]));
            buf_puts(f->out, f->names[i]);
        }
    }
    if (f->def->variant >= 2)
        for (int i = 0; i < f->ncols; i++) {
            leb128(f->out, strlen(f->types[i]->name));
            buf_puts(f->out, f->types[i]->name);
        }
    return 0;
}

static int rb_chunk(OutFormat *f, Chunk *ch, Err *err)
{
    for (size_t r = 0; r < ch->rows; r++)
        for (int i = 0; i < ch->ncols; i++) rb_value(f->out, ch->cols[i], r);
    f->rows += ch->rows;
    return 0;
}

static const OutVt RB_OUT = {rb_begin, rb_chunk, nothing_end};

/* ---- RawBLOB: the single column's values back to back, no separators ---- */

static int blob_chunk(OutFormat *f, Chunk *ch, Err *err)
{
    for (size_t r = 0; r < ch->rows; r++)
        for (int i = 0; i < ch->ncols; i++) text_write(f->out, ch->cols[i], r, TS_PLAIN, &f->fs);
    f->rows += ch->rows;
    return 0;
}

static int blob_begin(OutFormat *f, Err *err) { return 0; }

static const OutVt BLOB_OUT = {blob_begin, blob_chunk, nothing_end};

/* input: all of the data is one value */
static const char *blob_end(InFormat *f, const char *p, const char *end, bool eof) { return eof ? end : NULL; }

static int blob_parse(InFormat *f, const char *p, const char *e, Err *err)
{
    if (f->ncols != 1) return err_set(err, ERR_INCORRECT_DATA, "RawBLOB expects exactly one column");
    if (e == p && f->cols[0]->rows) return 0;
    return text_read_whole(p, (size_t)(e - p), f->cols[0], &f->fs, err);
}

static const InVt BLOB_IN = {NULL, blob_end, blob_parse};

/* ---- LineAsString (input) ---- */

static const char *line_end(InFormat *f, const char *p, const char *end, bool eof)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl ? nl + 1 : eof ? end : NULL;
}

static int line_parse(InFormat *f, const char *p, const char *e, Err *err)
{
    if (e > p && e[-1] == '\n') e--;
    if (f->ncols != 1) return err_set(err, ERR_INCORRECT_DATA, "LineAsString expects exactly one column");
    return text_read_whole(p, (size_t)(e - p), f->cols[0], &f->fs, err);
}

static const InVt LINE_IN = {NULL, line_end, line_parse};

const FormatDef FORMATS_misc[] = {
    {"Values", "text/plain; charset=UTF-8", &VALUES_OUT, &VALUES_IN, 0},
    {"Null", "text/plain; charset=UTF-8", &NULL_OUT, NULL, 0},
    {"RowBinary", "application/octet-stream", &RB_OUT, &ROWBINARY_IN, 0},
    {"RowBinaryWithNames", "application/octet-stream", &RB_OUT, &ROWBINARY_IN, 1},
    {"RowBinaryWithNamesAndTypes", "application/octet-stream", &RB_OUT, &ROWBINARY_IN, 2},
    {"LineAsString", "text/plain; charset=UTF-8", NULL, &LINE_IN, 0},
    {"RawBLOB", "application/octet-stream", &BLOB_OUT, &BLOB_IN, 0},
    {0},
};
