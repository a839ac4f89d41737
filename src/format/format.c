/* format.c — format registry, opening writers/readers, InSource refills, and
 * the row loop shared by every input format; see format.h. */
#include "format.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../base/mem.h"

static const FormatDef *const FAMILIES[] = {
#define FORMAT_FAMILY(name) FORMATS_##name,
#include "formats.def"
#undef FORMAT_FAMILY
};

const FormatDef *format_find(const char *name)
{
    for (size_t f = 0; f < sizeof FAMILIES / sizeof FAMILIES[0]; f++)
        for (const FormatDef *d = FAMILIES[f]; d->name; d++)
            if (strcmp(d->name, name) == 0) return d;
    return NULL;
}

const FormatDef *format_at(size_t i)
{
    for (size_t f = 0; f < sizeof FAMILIES / sizeof FAMILIES[0]; f++)
        for (const FormatDef *d = FAMILIES[f]; d->name; d++)
            if (i-- == 0) return d;
    return NULL;
}

void format_settings_from_query(QueryCtx *q, FormatSettings *fs)
{
    format_settings_default(fs);
    if (!q) return;
    const Settings *s = &q->settings;
    fs->tz = q->tz;
    fs->json_quote_64bit = settings_bool(s, SET_output_format_json_quote_64bit_integers);
    fs->json_quote_denormals = settings_bool(s, SET_output_format_json_quote_denormals);
    fs->json_quote_decimals = settings_bool(s, SET_output_format_json_quote_decimals);
    fs->json_escape_slash = settings_bool(s, SET_output_format_json_escape_forward_slashes);
    fs->json_named_tuples_as_objects = settings_bool(s, SET_output_format_json_named_tuples_as_objects);
    fs->decimal_trailing_zeros = settings_bool(s, SET_output_format_decimal_trailing_zeros);
    const char *dtf = settings_str(s, SET_date_time_output_format);
    fs->dt_format = !strcasecmp(dtf, "iso") ? DTF_ISO : !strcasecmp(dtf, "unix_timestamp") ? DTF_UNIX : DTF_SIMPLE;
    const char *d = settings_str(s, SET_format_csv_delimiter);
    fs->csv_delim = d[0] ? d[0] : ',';
    fs->csv_crlf = settings_bool(s, SET_output_format_csv_crlf_end_of_line);
    fs->tsv_crlf = settings_bool(s, SET_output_format_tsv_crlf_end_of_line);
    fs->null_as_default = settings_bool(s, SET_input_format_null_as_default);
    fs->skip_unknown_fields = settings_bool(s, SET_input_format_skip_unknown_fields);
    fs->csv_empty_as_default = settings_bool(s, SET_input_format_csv_empty_as_default);
}

int out_format_open(OutFormat *f, const FormatDef *def, QueryCtx *q, Buf *out, int ncols, char **names,
                    const DataType **types, Err *err)
{
    memset(f, 0, sizeof *f);
    if (!def->write) return err_set(err, ERR_FORMAT_IS_NOT_SUITABLE_FOR_OUTPUT, "Format %s is not suitable for output", def->name);
    f->def = def;
    f->q = q;
    f->out = out;
    f->ncols = ncols;
    f->names = names;
    f->types = types;
    format_settings_from_query(q, &f->fs);
    return 0;
}

/* ---- input ---- */

void insource_init_mem(InSource *s, const char *data, size_t len)
{
    memset(s, 0, sizeof *s);
    s->buf = (char *)data;
    s->len = len;
    s->eof = true;
}

static ssize_t fd_read(void *ctx, char *dst, size_t cap)
{
    int fd = (int)(intptr_t)ctx;
    for (;;) {
        ssize_t n = read(fd, dst, cap);
        if (n < 0 && errno == EINTR) continue;
        return n;
    }
}

void insource_init_fd(InSource *s, int fd)
{
    memset(s, 0, sizeof *s);
    s->read = fd_read;
    s->ctx = (void *)(intptr_t)fd;
    s->cap = 1 << 20;
    s->buf = xmalloc(s->cap);
}

void insource_free(InSource *s)
{
    if (s->read) free(s->buf);
    s->buf = NULL;
}

/* Moves unread bytes to the front and reads more; grows the window if full. */
static int refill(InSource *s, Err *err)
{
    if (s->eof || !s->read) {
        s->eof = true;
        return 0;
    }
    if (s->pos > 0) {
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->consumed += s->pos;
        s->len -= s->pos;
        s->pos = 0;
    }
    if (s->len == s->cap) {
        if (s->cap >= ((size_t)1 << 30)) return err_set(err, ERR_TOO_LARGE_STRING_SIZE, "Input row is too large");
        s->cap *= 2;
        s->buf = xrealloc(s->buf, s->cap);
    }
    ssize_t n = s->read(s->ctx, s->buf + s->len, s->cap - s->len);
    if (n < 0) return err_set(err, ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read input data");
    if (n == 0) s->eof = true;
    s->len += (size_t)n;
    return 0;
}

int in_format_open(InFormat *f, const FormatDef *def, QueryCtx *q, InSource *src, int ncols, char **names,
                   const DataType **types, Err *err)
{
    memset(f, 0, sizeof *f);
    if (!def->read) return err_set(err, ERR_FORMAT_IS_NOT_SUITABLE_FOR_INPUT, "Format %s is not suitable for input", def->name);
    f->def = def;
    f->q = q;
    f->src = src;
    f->ncols = ncols;
    f->names = names;
    f->types = types;
    format_settings_from_query(q, &f->fs);
    f->nfile = ncols;
    f->map = arena_alloc(&q->arena, sizeof *f->map * (size_t)(ncols ? ncols : 1));
    for (int i = 0; i < ncols; i++) f->map[i] = i;
    f->seen = arena_alloc(&q->arena, sizeof *f->seen * (size_t)(ncols ? ncols : 1));
    f->cols = arena_alloc(&q->arena, sizeof *f->cols * (size_t)(ncols ? ncols : 1));
    f->dflt = arena_alloc(&q->arena, sizeof *f->dflt * (size_t)(ncols ? ncols : 1));
    f->out_dflt = arena_alloc(&q->arena, sizeof *f->out_dflt * (size_t)(ncols ? ncols : 1));
    if (def->read->begin) {
        /* Headers need whole lines: make sure some data is there. */
        while (!src->eof && src->len - src->pos < 65536) {
            size_t before = src->len;
            int rc = refill(src, err);
            if (rc) return rc;
            if (src->len == before && src->eof) break;
        }
        return def->read->begin(f, err);
    }
    return 0;
}

static void discard_builders(InFormat *f)
{
    for (int i = 0; i < f->ncols; i++) {
        col_unref(f->cols[i]);
        f->cols[i] = NULL;
        f->dflt[i].len = 0;
    }
}

void in_format_push_default(InFormat *f, Column *c)
{
    col_push_default(c);
    for (int k = 0; k < f->ncols; k++)
        if (f->cols[k] == c) {
            uint32_t row = (uint32_t)(c->rows - 1);
            buf_put(&f->dflt[k], &row, sizeof row);
            return;
        }
}

const uint32_t *in_format_defaults(const InFormat *f, int k, size_t *n)
{
    *n = f->out_dflt[k].len / sizeof(uint32_t);
    return (const uint32_t *)(const void *)f->out_dflt[k].data;
}

int in_format_read(InFormat *f, size_t max_rows, Chunk **out, Err *err)
{
    *out = NULL;
    for (int i = 0; i < f->ncols; i++) {
        f->cols[i] = col_new(f->types[i]);
        f->dflt[i].len = 0;
        f->out_dflt[i].len = 0;
    }
    InSource *s = f->src;
    size_t rows = 0;
    int rc = 0;
    while (rows < max_rows) {
        if (s->pos >= s->len) {
            if (s->eof) break;
            if ((rc = refill(s, err))) goto fail;
            continue;
        }
        const char *p = s->buf + s->pos, *end = s->buf + s->len;
        const char *re = f->def->read->row_end(f, p, end, s->eof);
        if (!re) {
            if (s->eof) {
                rc = err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse input: unexpected end of data at row %llu",
                             (unsigned long long)f->row_no + 1);
                goto fail;
            }
            if ((rc = refill(s, err))) goto fail;
            continue;
        }
        if (re == p) {   /* blank row skipped by the format */
            s->pos = s->len;
            continue;
        }
        size_t before = f->ncols ? f->cols[0]->rows : rows;
        rc = f->def->read->parse_row(f, p, re, err);
        s->pos = (size_t)(re - s->buf);
        if (rc) {
            char tail[64];
            snprintf(tail, sizeof tail, ": (at row %llu)", (unsigned long long)f->row_no + 1);
            size_t l = strlen(err->msg);
            if (l + strlen(tail) < sizeof err->msg) strcat(err->msg, tail);
            goto fail;
        }
        if (f->ncols && f->cols[0]->rows == before) continue;   /* row produced nothing (empty line) */
        f->row_no++;
        rows++;
    }
    if (rows == 0) {
        discard_builders(f);
        return 0;
    }
    Chunk *ch = chunk_new(f->ncols, rows);
    for (int i = 0; i < f->ncols; i++) {
        ch->cols[i] = f->cols[i];
        f->cols[i] = NULL;
        Buf t = f->out_dflt[i];
        f->out_dflt[i] = f->dflt[i];
        f->dflt[i] = t;
        f->dflt[i].len = 0;
    }
    *out = ch;
    return mem_check(err);
fail:
    discard_builders(f);
    return rc;
}

static void escaped_char(Buf *b, char c)
{
    switch (c) {
    case '\t': buf_puts(b, "\\t"); break;
    case '\n': buf_puts(b, "\\n"); break;
    case '\r': buf_puts(b, "\\r"); break;
    case '\\': buf_puts(b, "\\\\"); break;
    default: buf_putc(b, c); break;
    }
}

int in_format_expected(Err *err, const char *expected, const char *at, const char *end)
{
    Buf b = {0};
    buf_puts(&b, "Cannot parse input: expected '");
    for (const char *c = expected; *c; c++) escaped_char(&b, *c);
    buf_puts(&b, "' before: '");
    for (const char *c = at; c < end && c < at + 80; c++) escaped_char(&b, *c);
    buf_putc(&b, '\'');
    int rc = err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "%s", buf_cstr(&b));
    buf_free(&b);
    return rc;
}

bool in_format_is_number(const DataType *t)
{
    t = type_strip(t);
    return type_is_number(t) || type_is_decimal(t);
}

size_t in_format_number_prefix(const DataType *t, const char *s, size_t n)
{
    t = type_strip(t);
    bool real = type_is_float(t) || type_is_decimal(t);
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+')) i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (real && i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (real && i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < n && (s[j] == '-' || s[j] == '+')) j++;
        if (j < n && s[j] >= '0' && s[j] <= '9') {
            while (j < n && s[j] >= '0' && s[j] <= '9') j++;
            i = j;
        }
    }
    return i;
}

int in_format_map_header(InFormat *f, const char *const *names, const size_t *lens, int n, Err *err)
{
    f->nfile = n;
    f->map = arena_alloc(&f->q->arena, sizeof *f->map * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        f->map[i] = -1;
        for (int k = 0; k < f->ncols; k++)
            if (strlen(f->names[k]) == lens[i] && !memcmp(f->names[k], names[i], lens[i])) f->map[i] = k;
        if (f->map[i] < 0 && !f->fs.skip_unknown_fields)
            return err_set(err, ERR_INCORRECT_DATA, "Unknown field found in header: '%.*s'", (int)(lens[i] > 200 ? 200 : lens[i]), names[i]);
        for (int j = 0; j < i; j++)
            if (f->map[i] >= 0 && f->map[i] == f->map[j])
                return err_set(err, ERR_INCORRECT_DATA, "Duplicate field found while parsing header: %s", f->names[f->map[i]]);
    }
    return 0;
}

int in_format_header_line(InFormat *f, int line, int n, void (*field)(void *ctx, int i, Buf *out), void *ctx, Err *err)
{
    if (n > 1024) n = 1024;
    if (line == 0) {
        if (!settings_bool(&f->q->settings, SET_input_format_with_names_use_header)) return 0;
        const char **names = arena_alloc(&f->q->arena, sizeof *names * (size_t)(n ? n : 1));
        size_t *lens = arena_alloc(&f->q->arena, sizeof *lens * (size_t)(n ? n : 1));
        for (int i = 0; i < n; i++) {
            Buf b = {0};
            field(ctx, i, &b);
            names[i] = arena_strndup(&f->q->arena, b.data ? b.data : "", b.len);
            lens[i] = b.len;
            buf_free(&b);
        }
        return in_format_map_header(f, names, lens, n, err);
    }
    for (int i = 0; i < n && i < f->nfile; i++) {
        Buf b = {0};
        field(ctx, i, &b);
        int rc = in_format_check_type(f, f->map[i], b.data ? b.data : "", b.len, err);
        buf_free(&b);
        if (rc) return rc;
    }
    return 0;
}

int in_format_end_row(InFormat *f, int rc)
{
    for (int k = 0; k < f->ncols; k++) {
        if (rc && f->seen[k]) col_pop(f->cols[k]);
        else if (!rc && !f->seen[k]) in_format_push_default(f, f->cols[k]);
    }
    return rc;
}

int in_format_check_type(InFormat *f, int k, const char *text, size_t n, Err *err)
{
    if (k < 0 || !settings_bool(&f->q->settings, SET_input_format_with_types_use_header)) return 0;
    const DataType *t;
    Err ignored;
    if (type_parse_n(text, n, &t, &ignored) == 0 && t == f->types[k]) return 0;
    return err_set(err, ERR_INCORRECT_DATA, "Type of '%s' must be %s, not %.*s: (while reading header)", f->names[k], f->types[k]->name,
                   (int)(n > 200 ? 200 : n), text);
}

void in_format_close(InFormat *f)
{
    discard_builders(f);
    for (int i = 0; i < f->ncols; i++) {
        buf_free(&f->dflt[i]);
        buf_free(&f->out_dflt[i]);
    }
}
