/* fmt_custom.c — CustomSeparated, CustomSeparatedWithNames and
 * CustomSeparatedWithNamesAndTypes, output and input: rows whose values
 * are escaped by format_custom_escaping_rule (Escaped, Quoted, CSV, JSON,
 * Raw) between the format_custom_* delimiters (field, row before / after /
 * between, result before / after). The defaults make it TabSeparated.
 */
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "format.h"

enum { V_NAMES = 1, V_TYPES = 2 };

typedef struct Custom {
    TextStyle style;
    uint64_t rows_out;          /* rows written, header rows included (row_between goes between any two) */
    const char *field, *row_before, *row_after, *row_between, *result_before, *result_after;
} Custom;

static const char *setting(QueryCtx *q, SettingId id)
{
    const char *s = settings_str(&q->settings, id);
    return s ? s : "";
}

static Custom *custom_of(QueryCtx *q)
{
    Custom *c = arena_alloc(&q->arena, sizeof *c);
    const char *rule = setting(q, SET_format_custom_escaping_rule);
    c->style = !strcasecmp(rule, "CSV") ? TS_CSV : !strcasecmp(rule, "Quoted") ? TS_QUOTED : !strcasecmp(rule, "JSON") ? TS_JSON
             : !strcasecmp(rule, "Raw") ? TS_PLAIN : TS_ESCAPED;
    c->field = setting(q, SET_format_custom_field_delimiter);
    c->row_before = setting(q, SET_format_custom_row_before_delimiter);
    c->row_after = setting(q, SET_format_custom_row_after_delimiter);
    c->row_between = setting(q, SET_format_custom_row_between_delimiter);
    c->result_before = setting(q, SET_format_custom_result_before_delimiter);
    c->result_after = setting(q, SET_format_custom_result_after_delimiter);
    return c;
}

/* ---- output ---- */

static void put_name(OutFormat *f, const Custom *c, const char *s)
{
    size_t n = strlen(s);
    switch (c->style) {
    case TS_CSV: text_quote_csv(f->out, s, n); break;
    case TS_QUOTED: text_quote_sql(f->out, s, n); break;
    case TS_JSON: text_quote_json(f->out, s, n, &f->fs); break;
    case TS_ESCAPED: text_escape_tsv(f->out, s, n); break;
    default: buf_put(f->out, s, n); break;
    }
}

static int custom_begin(OutFormat *f, Err *err)
{
    Custom *c = custom_of(f->q);
    f->state = c;
    buf_puts(f->out, c->result_before);
    for (int line = 0; line < 2; line++) {
        if (!(f->def->variant & (line ? V_TYPES : V_NAMES))) continue;
        if (c->rows_out++) buf_puts(f->out, c->row_between);
        buf_puts(f->out, c->row_before);
        for (int i = 0; i < f->ncols; i++) {
            if (i) buf_puts(f->out, c->field);
            put_name(f, c, line ? f->types[i]->name : f->names[i]);
        }
        buf_puts(f->out, c->row_after);
    }
    return 0;
}

static int custom_chunk(OutFormat *f, Chunk *ch, Err *err)
{
    Custom *c = f->state;
    for (size_t r = 0; r < ch->rows; r++) {
        if (c->rows_out++) buf_puts(f->out, c->row_between);
        buf_puts(f->out, c->row_before);
        for (int i = 0; i < ch->ncols; i++) {
            if (i) buf_puts(f->out, c->field);
            text_write(f->out, ch->cols[i], r, c->style, &f->fs);
        }
        buf_puts(f->out, c->row_after);
    }
    f->rows += ch->rows;
    return 0;
}

static int custom_end(OutFormat *f, const OutStats *st, Err *err)
{
    buf_puts(f->out, ((const Custom *)f->state)->result_after);
    return 0;
}

static const OutVt CUSTOM_OUT = {custom_begin, custom_chunk, custom_end};

/* ---- input ---- */

/* End of the value starting at p: the next field or row delimiter outside
 * quotes ("..." for CSV and JSON, '...' for Quoted). */
static const char *value_end(const Custom *c, const char *p, const char *end)
{
    char q = c->style == TS_CSV || c->style == TS_JSON ? '"' : c->style == TS_QUOTED ? '\'' : 0;
    size_t fl = strlen(c->field), rl = strlen(c->row_after);
    int depth = 0;
    while (p < end) {
        if (q && *p == q) {
            for (p++; p < end; p++) {
                if (*p == '\\' && c->style != TS_CSV) p++;
                else if (*p == q) {
                    if (c->style == TS_CSV && p + 1 < end && p[1] == q) p++;
                    else break;
                }
            }
            if (p < end) p++;
            continue;
        }
        if (c->style != TS_ESCAPED && c->style != TS_PLAIN && c->style != TS_CSV) {
            if (*p == '[' || *p == '{' || *p == '(') depth++;
            else if ((*p == ']' || *p == '}' || *p == ')') && depth) depth--;
        }
        if (!depth && ((fl && (size_t)(end - p) >= fl && !memcmp(p, c->field, fl)) || (rl && (size_t)(end - p) >= rl && !memcmp(p, c->row_after, rl))))
            return p;
        if (c->style == TS_ESCAPED && *p == '\\') p++;
        p++;
    }
    return end;
}

static const char *custom_row_end(InFormat *f, const char *p, const char *end, bool eof)
{
    const Custom *c = f->state;
    size_t rl = strlen(c->row_after), fl = strlen(c->field);
    const char *at = p;
    for (;;) {
        const char *v = value_end(c, at, end);
        if (v == end) return eof ? end : NULL;
        if (rl && (size_t)(end - v) >= rl && !memcmp(v, c->row_after, rl)) return v + rl;
        at = v + (fl ? fl : 1);
    }
}

/* One value of the row as the escaping rule reads it into column k. */
static int read_field(InFormat *f, const Custom *c, int k, const char *s, const char *e, Err *err)
{
    Column *col = f->cols[k];
    size_t n = (size_t)(e - s);
    if (c->style == TS_ESCAPED) return tsv_parse_field(f, col, s, e, false, err);
    if (c->style == TS_PLAIN) return tsv_parse_field(f, col, s, e, true, err);
    if (c->style == TS_QUOTED || c->style == TS_JSON) {
        TextIn in = {s, e};
        int rc = c->style == TS_QUOTED ? text_read_quoted(&in, col, &f->fs, err) : text_read_json(&in, col, &f->fs, err);
        if (!rc && in.p != e) rc = err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse input: unexpected data after the value");
        return rc;
    }
    /* CSV: a quoted value is unquoted first; \N is NULL */
    if (n == 2 && s[0] == '\\' && s[1] == 'N' && type_strip_lc(col->type)->kind == TYPE_NULLABLE) {
        col_push_null(col);
        return 0;
    }
    if (n >= 2 && s[0] == '"' && e[-1] == '"') {
        Buf b = {0};
        for (const char *p = s + 1; p < e - 1; p++) {
            buf_putc(&b, *p);
            if (*p == '"' && p + 1 < e - 1 && p[1] == '"') p++;
        }
        int rc = text_read_whole(b.data ? b.data : "", b.len, col, &f->fs, err);
        buf_free(&b);
        return rc;
    }
    return text_read_whole(s, n, col, &f->fs, err);
}

/* Splits a row into values (between row_before and row_after). */
static int split_row(const Custom *c, const char *p, const char *e, const char **vs, const char **ve, int max)
{
    size_t bl = strlen(c->row_before), rl = strlen(c->row_after), fl = strlen(c->field), wl = strlen(c->row_between);
    if (wl && (size_t)(e - p) >= wl && !memcmp(p, c->row_between, wl)) p += wl;
    if (bl && (size_t)(e - p) >= bl && !memcmp(p, c->row_before, bl)) p += bl;
    if (rl && (size_t)(e - p) >= rl && !memcmp(e - rl, c->row_after, rl)) e -= rl;
    int n = 0;
    for (;;) {
        const char *v = value_end(c, p, e);
        if (n < max) vs[n] = p, ve[n] = v;
        n++;
        if (v >= e || !fl) return n;
        p = v + fl;
    }
}

static int custom_parse_row(InFormat *f, const char *p, const char *e, Err *err)
{
    const Custom *c = f->state;
    const char *row_end = e;
    size_t al = strlen(c->result_after);
    if (al && (size_t)(e - p) <= al + 2 && (size_t)(e - p) >= al && !memcmp(p, c->result_after, al)) return 0;   /* the end of the result */
    const char *vs[1024], *ve[1024];
    int n = split_row(c, p, e, vs, ve, 1024);
    if (n == 1 && vs[0] == ve[0] && f->ncols > 1) return 0;   /* an empty line */
    for (int k = 0; k < f->ncols; k++) f->seen[k] = false;
    int rc = 0;
    for (int i = 0; i < n && i < f->nfile && i < 1024 && !rc; i++) {
        int k = f->map[i];
        if (k < 0) continue;
        rc = read_field(f, c, k, vs[i], ve[i], err);
        if (rc && in_format_is_number(f->types[k]) && rc != ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED) {
            bool quoted = c->style == TS_CSV && ve[i] > vs[i] && *vs[i] == '"';
            const char *s = vs[i] + quoted;
            rc = in_format_expected(err, quoted ? "\"" : i + 1 < f->nfile ? c->field : c->row_after,
                                    s + in_format_number_prefix(f->types[k], s, (size_t)(ve[i] - s)), row_end);
        } else if (rc) {
            rc = err_prefix(err, "Column %d, name: %s, type: %s: ", k, f->names[k], f->types[k]->name);
        } else {
            f->seen[k] = true;
        }
    }
    if (!rc && n != f->nfile)
        rc = in_format_expected(err, n < f->nfile ? c->field : c->row_after, n < f->nfile ? e : vs[f->nfile] - strlen(c->field), row_end);
    return in_format_end_row(f, rc);
}

/* A header value (a name or a type) as text. */
static void header_text(const Custom *c, const char *s, const char *e, Buf *out)
{
    if ((c->style == TS_CSV || c->style == TS_JSON) && e - s >= 2 && *s == '"' && e[-1] == '"') {
        for (const char *p = s + 1; p < e - 1; p++) {
            if ((*p == '"' && c->style == TS_CSV) || (*p == '\\' && c->style == TS_JSON)) p++;
            if (p < e - 1) buf_putc(out, *p);
        }
    } else if (c->style == TS_QUOTED && e - s >= 2 && *s == '\'' && e[-1] == '\'') {
        text_unescape_tsv(s + 1, (size_t)(e - s - 2), out);
    } else if (c->style == TS_ESCAPED) {
        text_unescape_tsv(s, (size_t)(e - s), out);
    } else {
        buf_put(out, s, (size_t)(e - s));
    }
}

typedef struct CustomFields {
    const Custom *c;
    const char *vs[1024], *ve[1024];
} CustomFields;

static void custom_header_field(void *ctx, int i, Buf *out)
{
    CustomFields *h = ctx;
    header_text(h->c, h->vs[i], h->ve[i], out);
}

static int custom_begin_in(InFormat *f, Err *err)
{
    Custom *c = custom_of(f->q);
    f->state = c;
    InSource *s = f->src;
    size_t bl = strlen(c->result_before);
    if (bl && s->len - s->pos >= bl && !memcmp(s->buf + s->pos, c->result_before, bl)) s->pos += bl;
    for (int line = 0; line < ((f->def->variant & V_TYPES) ? 2 : (f->def->variant & V_NAMES) ? 1 : 0); line++) {
        const char *p = s->buf + s->pos, *end = s->buf + s->len;
        const char *re = custom_row_end(f, p, end, true);
        if (!re || re == p) return 0;
        CustomFields h = {.c = c};
        int n = split_row(c, p, re, h.vs, h.ve, 1024);
        int rc = in_format_header_line(f, line, n, custom_header_field, &h, err);
        if (rc) return rc;
        s->pos = (size_t)(re - s->buf);
    }
    return 0;
}

static const InVt CUSTOM_IN = {custom_begin_in, custom_row_end, custom_parse_row};

const FormatDef FORMATS_custom[] = {
    {"CustomSeparated", "text/plain; charset=UTF-8", &CUSTOM_OUT, &CUSTOM_IN, 0},
    {"CustomSeparatedWithNames", "text/plain; charset=UTF-8", &CUSTOM_OUT, &CUSTOM_IN, V_NAMES},
    {"CustomSeparatedWithNamesAndTypes", "text/plain; charset=UTF-8", &CUSTOM_OUT, &CUSTOM_IN, V_NAMES | V_TYPES},
    {0},
};
