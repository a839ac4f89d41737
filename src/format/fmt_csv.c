/* fmt_csv.c — CSV, CSVWithNames, CSVWithNamesAndTypes (output and input).
 * Strings, dates and composites are double-quoted ("" doubles a quote),
 * numbers and Bool are bare, NULL is \N; a top-level Tuple becomes separate
 * fields. Input accepts quoted or bare fields; an empty bare field takes the
 * column default (input_format_csv_empty_as_default).
 */
#include <string.h>

#include "../base/mem.h"
#include "format.h"

enum { V_NAMES = 1, V_TYPES = 2 };

static void eol(OutFormat *f) { buf_puts(f->out, f->fs.csv_crlf ? "\r\n" : "\n"); }

static int csv_begin(OutFormat *f, Err *err)
{
    for (int line = 0; line < 2; line++) {
        if (!(f->def->variant & (line ? V_TYPES : V_NAMES))) continue;
        for (int i = 0; i < f->ncols; i++) {
            if (i) buf_putc(f->out, f->fs.csv_delim);
            const char *s = line ? f->types[i]->name : f->names[i];
            text_quote_csv(f->out, s, strlen(s));
        }
        eol(f);
    }
    return 0;
}

static void csv_value(OutFormat *f, Column *c, size_t r)
{
    if (c->type->kind == TYPE_TUPLE) {
        size_t k = col_phys(c, r);
        for (int i = 0; i < c->nsub; i++) {
            if (i) buf_putc(f->out, f->fs.csv_delim);
            csv_value(f, c->sub[i], k);
        }
        return;
    }
    text_write(f->out, c, r, TS_CSV, &f->fs);
}

static void csv_rows(OutFormat *f, Chunk *ch)
{
    for (size_t r = 0; r < ch->rows; r++) {
        for (int i = 0; i < ch->ncols; i++) {
            if (i) buf_putc(f->out, f->fs.csv_delim);
            csv_value(f, ch->cols[i], r);
        }
        eol(f);
    }
}

static int csv_chunk(OutFormat *f, Chunk *ch, Err *err)
{
    csv_rows(f, ch);
    f->rows += ch->rows;
    return 0;
}

static int csv_end(OutFormat *f, const OutStats *st, Err *err)
{
    if (st && st->totals) {
        eol(f);
        csv_rows(f, st->totals);
    }
    return 0;
}

static const OutVt CSV_OUT = {csv_begin, csv_chunk, csv_end};

/* ---- input ---- */

static const char *csv_row_end(InFormat *f, const char *p, const char *end, bool eof)
{
    bool quoted = false;
    bool field_start = true;
    char d = f->fs.csv_delim;
    for (const char *c = p; c < end; c++) {
        if (quoted) {
            if (*c == '"') {
                if (c + 1 < end && c[1] == '"') c++;
                else if (c + 1 == end && !eof) return NULL;
                else quoted = false;
            }
            continue;
        }
        if (*c == '"' && field_start) {
            quoted = true;
            field_start = false;
            continue;
        }
        field_start = *c == d;
        if (*c == '\n') return c + 1;
    }
    return eof && !quoted ? end : NULL;
}

typedef struct CsvField { const char *s, *e; bool quoted; } CsvField;

static int split_csv(InFormat *f, const char *p, const char *e, CsvField *out, int max)
{
    int n = 0;
    char d = f->fs.csv_delim;
    const char *c = p;
    for (;;) {
        CsvField fl = {c, c, false};
        if (c < e && *c == '"') {
            fl.quoted = true;
            fl.s = ++c;
            while (c < e) {
                if (*c == '"') {
                    if (c + 1 < e && c[1] == '"') {
                        c += 2;
                        continue;
                    }
                    break;
                }
                c++;
            }
            fl.e = c;
            if (c < e) c++;
            while (c < e && *c != d) c++;   /* junk after closing quote is ignored */
        } else {
            while (c < e && *c != d) c++;
            fl.e = c;
        }
        if (n < max) out[n] = fl;
        n++;
        if (c >= e) break;
        c++;   /* delimiter */
    }
    return n;
}

static void unquote(const CsvField *fl, Buf *b)
{
    for (const char *c = fl->s; c < fl->e; c++) {
        buf_putc(b, *c);
        if (*c == '"' && c + 1 < fl->e && c[1] == '"') c++;
    }
}

static int csv_field(InFormat *f, Column *c, const CsvField *fl, Err *err)
{
    size_t n = (size_t)(fl->e - fl->s);
    if (!fl->quoted) {
        bool nullable = type_strip_lc(c->type)->kind == TYPE_NULLABLE;
        if ((n == 2 && fl->s[0] == '\\' && fl->s[1] == 'N') || (n == 0 && nullable && f->fs.csv_empty_as_default)) {
            if (nullable) {
                if (c->type->kind == TYPE_LOWCARDINALITY) {
                    col_push_null(c->sub[0]);
                    c->rows++;
                } else {
                    col_push_null(c);
                }
                return 0;
            }
            if (n == 0 || f->fs.null_as_default) {
                in_format_push_default(f, c);
                return 0;
            }
        }
        if (n == 0 && f->fs.csv_empty_as_default) {
            in_format_push_default(f, c);
            return 0;
        }
        const DataType *t = type_strip(c->type);
        if (t->kind == TYPE_ARRAY || t->kind == TYPE_MAP || t->kind == TYPE_TUPLE)
            return err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse input: expected '\"' before: '%.*s'",
                           (int)(n > 30 ? 30 : n), fl->s);
        return text_read_whole(fl->s, n, c, &f->fs, err);
    }
    Buf b = {0};
    unquote(fl, &b);
    /* an array may come without its brackets: "1,2" is [1,2] */
    const DataType *t = type_strip(c->type);
    if (t->kind == TYPE_ARRAY && b.len && b.data[0] != '[') {
        Buf w = {0};
        buf_putc(&w, '[');
        buf_put(&w, b.data, b.len);
        buf_putc(&w, ']');
        buf_free(&b);
        b = w;
    }
    int rc = text_read_whole(b.data ? b.data : "", b.len, c, &f->fs, err);
    buf_free(&b);
    return rc;
}

static int csv_parse_row(InFormat *f, const char *p, const char *e, Err *err)
{
    const char *row_end = e;
    if (e > p && e[-1] == '\n') e--;
    if (e > p && e[-1] == '\r') e--;
    if (e == p) return 0;
    CsvField fields[1024];
    int n = split_csv(f, p, e, fields, 1024);
    char delim[2] = {f->fs.csv_delim, 0};
    for (int k = 0; k < f->ncols; k++) f->seen[k] = false;
    int rc = 0;
    for (int i = 0; i < n && i < f->nfile && i < 1024 && !rc; i++) {
        int k = f->map[i];
        if (k < 0) continue;
        const CsvField *fl = &fields[i];
        rc = csv_field(f, f->cols[k], fl, err);
        if (rc && in_format_is_number(f->types[k]) && rc != ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED) {
            /* as ClickHouse: the digits it could read, then the closing quote or the delimiter is missing */
            const char *at = fl->s + in_format_number_prefix(f->types[k], fl->s, (size_t)(fl->e - fl->s));
            rc = in_format_expected(err, fl->quoted ? "\"" : i + 1 < f->nfile ? delim : "\n", at, row_end);
        } else if (rc) {
            rc = err_prefix(err, "Column %d, name: %s, type: %s: ", k, f->names[k], f->types[k]->name);
        } else {
            f->seen[k] = true;
        }
    }
    if (!rc && n > f->nfile) rc = err_set(err, ERR_INCORRECT_DATA, "Expected end of line");
    if (!rc && n < f->nfile) {
        const CsvField *last = &fields[n - 1];
        rc = in_format_expected(err, delim, last->e + (last->quoted ? 1 : 0), row_end);
    }
    return in_format_end_row(f, rc);
}

static void csv_header_field(void *ctx, int i, Buf *out) { unquote(&((const CsvField *)ctx)[i], out); }

static int csv_begin_in(InFormat *f, Err *err)
{
    int v = f->def->variant;
    InSource *s = f->src;
    for (int line = 0; line < ((v & V_TYPES) ? 2 : (v & V_NAMES) ? 1 : 0); line++) {
        const char *p = s->buf + s->pos, *end = s->buf + s->len;
        const char *re = csv_row_end(f, p, end, true);
        if (re == p) return 0;
        const char *e = re;
        if (e > p && e[-1] == '\n') e--;
        if (e > p && e[-1] == '\r') e--;
        CsvField fields[1024];
        int n = split_csv(f, p, e, fields, 1024);
        int rc = in_format_header_line(f, line, n, csv_header_field, fields, err);
        if (rc) return rc;
        s->pos = (size_t)(re - s->buf);
    }
    return 0;
}

static const InVt CSV_IN = {csv_begin_in, csv_row_end, csv_parse_row};

const FormatDef FORMATS_csv[] = {
    {"CSV", "text/csv; charset=UTF-8; header=absent", &CSV_OUT, &CSV_IN, 0},
    {"CSVWithNames", "text/csv; charset=UTF-8; header=present", &CSV_OUT, &CSV_IN, V_NAMES},
    {"CSVWithNamesAndTypes", "text/csv; charset=UTF-8; header=present", &CSV_OUT, &CSV_IN, V_NAMES | V_TYPES},
    {0},
};
