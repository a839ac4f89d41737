/* fmt_json.c — the JSON family.
 * Documents: JSON, JSONCompact, JSONStrings, JSONCompactStrings (meta, data,
 * totals, rows, rows_before_limit_at_least, statistics; TAB indentation;
 * composite values spread over lines in JSON/JSONStrings, as ClickHouse's
 * output_format_json_pretty_print does).
 * Streams: JSONEachRow (JSONLines, NDJSON), JSONStringsEachRow,
 * JSONCompactEachRow[WithNames[AndTypes]], JSONCompactStringsEachRow[...],
 * JSONObjectEachRow, the ...EachRowWithProgress four ({"meta":...}, then
 * {"row":...} lines, then progress and rows_before_limit_at_least).
 * Input: JSONEachRow and JSONCompactEachRow families, JSON documents,
 * JSONObjectEachRow.
 */
#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/numfmt.h"
#include "format.h"

enum { J_DOC = 1, J_COMPACT = 2, J_STRINGS = 4, J_NAMES = 8, J_TYPES = 16, J_OBJECT = 32, J_PROGRESS = 64 };

static void indent(Buf *b, int n)
{
    for (int i = 0; i < n; i++) buf_putc(b, '\t');
}

static void json_key(OutFormat *f, const char *name)
{
    text_quote_json(f->out, name, strlen(name), &f->fs);
}

/* Value in "Strings" mode: the TSV text as a JSON string. */
static void json_string_value(OutFormat *f, Column *c, size_t r)
{
    if (col_is_null(c, r)) {
        buf_puts(f->out, "null");
        return;
    }
    Buf tmp = {0};
    text_write(&tmp, c, r, TS_PLAIN, &f->fs);
    text_quote_json(f->out, tmp.data ? tmp.data : "", tmp.len, &f->fs);
    buf_free(&tmp);
}

static bool is_composite(const DataType *t)
{
    t = type_strip(t);
    return t->kind == TYPE_ARRAY || t->kind == TYPE_TUPLE || t->kind == TYPE_MAP;
}

/* Pretty (multi-line) JSON for composites, as in ClickHouse's JSON documents. */
static void json_pretty(OutFormat *f, Column *c, size_t r, int ind)
{
    if (c->type->kind == TYPE_LOWCARDINALITY) {
        json_pretty(f, c->sub[0], col_phys(c, r), ind);
        return;
    }
    if (c->type->kind == TYPE_NULLABLE) {
        size_t k = col_phys(c, r);
        if (COL_NULLS(c)[k]) buf_puts(f->out, "null");
        else json_pretty(f, c->sub[0], k, ind);
        return;
    }
    const DataType *t = c->type;
    size_t k = col_phys(c, r);
    Buf *b = f->out;
    if (t->kind == TYPE_ARRAY && is_composite(t->sub[0])) {
        uint64_t s = col_off_begin(c, k), e = COL_OFFS(c)[k];
        if (s == e) {
            buf_puts(b, "[]");
            return;
        }
        buf_puts(b, "[\n");
        for (uint64_t i = s; i < e; i++) {
            indent(b, ind + 1);
            json_pretty(f, c->sub[0], (size_t)i, ind + 1);
            buf_puts(b, i + 1 < e ? ",\n" : "\n");
        }
        indent(b, ind);
        buf_putc(b, ']');
        return;
    }
    if (t->kind == TYPE_TUPLE) {
        bool obj = t->names && f->fs.json_named_tuples_as_objects;
        buf_puts(b, obj ? "{\n" : "[\n");
        for (int i = 0; i < c->nsub; i++) {
            indent(b, ind + 1);
            if (obj) {
                json_key(f, t->names[i]);
                buf_puts(b, ": ");
            }
            json_pretty(f, c->sub[i], k, ind + 1);
            buf_puts(b, i + 1 < c->nsub ? ",\n" : "\n");
        }
        indent(b, ind);
        buf_putc(b, obj ? '}' : ']');
        return;
    }
    if (t->kind == TYPE_MAP) {
        uint64_t s = col_off_begin(c, k), e = COL_OFFS(c)[k];
        if (s == e) {
            buf_puts(b, "{}");
            return;
        }
        buf_puts(b, "{\n");
        for (uint64_t i = s; i < e; i++) {
            indent(b, ind + 1);
            Buf key = {0};
            text_write(&key, c->sub[0], (size_t)i, TS_PLAIN, &f->fs);
            text_quote_json(b, key.data ? key.data : "", key.len, &f->fs);
            buf_free(&key);
            buf_puts(b, ": ");
            json_pretty(f, c->sub[1], (size_t)i, ind + 1);
            buf_puts(b, i + 1 < e ? ",\n" : "\n");
        }
        indent(b, ind);
        buf_putc(b, '}');
        return;
    }
    text_write(b, c, r, TS_JSON, &f->fs);
}

static void json_value(OutFormat *f, Column *c, size_t r, int pretty_indent)
{
    if (f->def->variant & J_STRINGS) json_string_value(f, c, r);
    else if (pretty_indent >= 0 && is_composite(c->type)) json_pretty(f, c, r, pretty_indent);
    else text_write(f->out, c, r, TS_JSON, &f->fs);
}

/* ---- documents ---- */

static int doc_begin(OutFormat *f, Err *err)
{
    Buf *b = f->out;
    buf_puts(b, "{\n\t\"meta\":\n\t[\n");
    for (int i = 0; i < f->ncols; i++) {
        buf_puts(b, "\t\t{\n\t\t\t\"name\": ");
        json_key(f, f->names[i]);
        buf_puts(b, ",\n\t\t\t\"type\": ");
        json_key(f, f->types[i]->name);
        buf_puts(b, i + 1 < f->ncols ? "\n\t\t},\n" : "\n\t\t}\n");
    }
    buf_puts(b, "\t],\n\n\t\"data\":\n\t[\n");
    return 0;
}

static void doc_row(OutFormat *f, Chunk *ch, size_t r, int ind)
{
    Buf *b = f->out;
    bool compact = f->def->variant & J_COMPACT;
    if (compact) {
        buf_putc(b, '[');
        for (int i = 0; i < ch->ncols; i++) {
            if (i) buf_puts(b, ", ");
            json_value(f, ch->cols[i], r, -1);
        }
        buf_putc(b, ']');
        return;
    }
    buf_puts(b, "{\n");
    for (int i = 0; i < ch->ncols; i++) {
        indent(b, ind + 1);
        json_key(f, f->names[i]);
        buf_puts(b, ": ");
        json_value(f, ch->cols[i], r, ind + 1);
        buf_puts(b, i + 1 < ch->ncols ? ",\n" : "\n");
    }
    indent(b, ind);
    buf_putc(b, '}');
}

static int doc_chunk(OutFormat *f, Chunk *ch, Err *err)
{
    for (size_t r = 0; r < ch->rows; r++) {
        if (f->rows > 0) buf_puts(f->out, ",\n");
        buf_puts(f->out, "\t\t");
        doc_row(f, ch, r, 2);
        f->rows++;
    }
    return 0;
}

static int doc_end(OutFormat *f, const OutStats *st, Err *err)
{
    Buf *b = f->out;
    buf_puts(b, f->rows ? "\n\t],\n\n" : "\n\t],\n\n");
    if (st && st->totals) {
        buf_puts(b, "\t\"totals\":");
        if (f->def->variant & J_COMPACT) {
            buf_putc(b, ' ');
            doc_row(f, st->totals, 0, 1);
        } else {
            buf_puts(b, "\n\t");
            doc_row(f, st->totals, 0, 1);
        }
        buf_puts(b, ",\n\n");
    }
    bool stats = settings_bool(&f->q->settings, SET_output_format_write_statistics);
    buf_printf(b, "\t\"rows\": %llu", (unsigned long long)f->rows);
    if (st && st->has_limit) buf_printf(b, ",\n\n\t\"rows_before_limit_at_least\": %llu", (unsigned long long)st->rows_before_limit);
    if (stats && st) {
        buf_puts(b, ",\n\n\t\"statistics\":\n\t{\n\t\t\"elapsed\": ");
        fmt_double(b, st->elapsed_s);
        buf_printf(b, ",\n\t\t\"rows_read\": %llu,\n\t\t\"bytes_read\": %llu\n\t}", (unsigned long long)st->rows_read,
                   (unsigned long long)st->bytes_read);
    }
    buf_puts(b, "\n}\n");
    return 0;
}

static const OutVt DOC_OUT = {doc_begin, doc_chunk, doc_end};

/* ---- row streams ---- */

static int each_begin(OutFormat *f, Err *err)
{
    int v = f->def->variant;
    if (v & J_PROGRESS) {   /* JSONEachRowWithProgress: {"meta":[...]} first */
        buf_puts(f->out, "{\"meta\":[");
        for (int i = 0; i < f->ncols; i++) {
            buf_puts(f->out, i ? ",{\"name\":" : "{\"name\":");
            json_key(f, f->names[i]);
            buf_puts(f->out, ",\"type\":");
            json_key(f, f->types[i]->name);
            buf_putc(f->out, '}');
        }
        buf_puts(f->out, "]}\n");
        return 0;
    }
    if (v & J_OBJECT) {
        buf_puts(f->out, "{\n");
        return 0;
    }
    for (int line = 0; line < 2; line++) {
        if (!(v & (line ? J_TYPES : J_NAMES))) continue;
        buf_putc(f->out, '[');
        for (int i = 0; i < f->ncols; i++) {
            if (i) buf_puts(f->out, ", ");
            const char *s = line ? f->types[i]->name : f->names[i];
            json_key(f, s);
        }
        buf_puts(f->out, "]\n");
    }
    return 0;
}

static void each_row(OutFormat *f, Chunk *ch, size_t r)
{
    Buf *b = f->out;
    if (f->def->variant & J_COMPACT) {
        buf_putc(b, '[');
        for (int i = 0; i < ch->ncols; i++) {
            if (i) buf_puts(b, ", ");
            json_value(f, ch->cols[i], r, -1);
        }
        buf_putc(b, ']');
        return;
    }
    buf_putc(b, '{');
    for (int i = 0; i < ch->ncols; i++) {
        if (i) buf_putc(b, ',');
        json_key(f, f->names[i]);
        buf_putc(b, ':');
        json_value(f, ch->cols[i], r, -1);
    }
    buf_putc(b, '}');
}

static int each_chunk(OutFormat *f, Chunk *ch, Err *err)
{
    for (size_t r = 0; r < ch->rows; r++) {
        if (f->def->variant & J_OBJECT) {
            if (f->rows) buf_puts(f->out, ",\n");
            buf_printf(f->out, "\t\"row_%llu\": ", (unsigned long long)f->rows + 1);
            each_row(f, ch, r);
        } else if (f->def->variant & J_PROGRESS) {
            buf_puts(f->out, "{\"row\":");
            each_row(f, ch, r);
            buf_puts(f->out, "}\n");
        } else {
            each_row(f, ch, r);
            buf_putc(f->out, '\n');
        }
        f->rows++;
    }
    return 0;
}

static int each_end(OutFormat *f, const OutStats *st, Err *err)
{
    if (f->def->variant & J_OBJECT) buf_puts(f->out, f->rows ? "\n}\n" : "}\n");
    if ((f->def->variant & J_PROGRESS) && st) {
        /* the rows read (when any), then the LIMIT's count, as ClickHouse ends it */
        if (st->rows_read)
            buf_printf(f->out, "{\"progress\":{\"read_rows\":\"%llu\",\"read_bytes\":\"%llu\",\"total_rows_to_read\":\"%llu\",\"elapsed_ns\":\"%llu\"}}\n",
                       (unsigned long long)st->rows_read, (unsigned long long)st->bytes_read, (unsigned long long)st->rows_read,
                       (unsigned long long)(st->elapsed_s * 1e9));
        if (st->has_limit) buf_printf(f->out, "{\"rows_before_limit_at_least\":%llu}\n", (unsigned long long)st->rows_before_limit);
    }
    return 0;
}

static const OutVt EACH_OUT = {each_begin, each_chunk, each_end};

/* ---- input ---- */

/* End of one JSON value (object or array) at the start of p, skipping leading
 * whitespace, commas and blank lines between rows. */
static const char *json_row_end(InFormat *f, const char *p, const char *end, bool eof)
{
    const char *c = p;
    while (c < end && (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n' || *c == ',' || (*c == '[' && f->state) || (*c == ']' && f->state))) c++;
    if (c == end) return eof ? end : NULL;
    if (*c != '{' && *c != '[') {
        /* malformed: hand the rest of the line to the parser to report */
        const char *nl = memchr(c, '\n', (size_t)(end - c));
        return nl ? nl + 1 : (eof ? end : NULL);
    }
    int depth = 0;
    bool str = false;
    for (; c < end; c++) {
        if (str) {
            if (*c == '\\') c++;
            else if (*c == '"') str = false;
            continue;
        }
        if (*c == '"') str = true;
        else if (*c == '{' || *c == '[') depth++;
        else if (*c == '}' || *c == ']') {
            if (--depth == 0) return c + 1;
        }
    }
    return NULL;
}

static bool only_ws(const char *p, const char *e)
{
    for (; p < e; p++)
        if (!(*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == ',' || *p == '[' || *p == ']')) return false;
    return true;
}

static int read_value(InFormat *f, TextIn *in, Column *c, Err *err)
{
    text_skip_ws(in);
    if (in->end - in->p >= 4 && !memcmp(in->p, "null", 4) && type_strip_lc(c->type)->kind != TYPE_NULLABLE &&
        f->fs.null_as_default) {
        /* null for a non-Nullable column: the column's DEFAULT */
        in->p += 4;
        in_format_push_default(f, c);
        return 0;
    }
    if (f->def->variant & J_STRINGS) {
        text_skip_ws(in);
        if (in->p < in->end && *in->p == '"') {
            Buf s = {0};
            int rc = text_read_json_string(in, &s, err);
            if (!rc) rc = text_read_whole(s.data ? s.data : "", s.len, c, &f->fs, err);
            buf_free(&s);
            return rc;
        }
    }
    return text_read_json(in, c, &f->fs, err);
}

/* A value that did not parse, as ClickHouse reports it for a number given
 * as a JSON string: the closing quote is missing after the digits. */
static int value_error(InFormat *f, int k, const char *v, const char *e, const char *key, size_t klen, int rc, Err *err)
{
    if (!in_format_is_number(f->types[k]) || v >= e || *v != '"' || rc == ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED) return rc;
    const char *close = memchr(v + 1, '"', (size_t)(e - v - 1));
    size_t n = close ? (size_t)(close - v - 1) : (size_t)(e - v - 1);
    in_format_expected(err, "\"", v + 1 + in_format_number_prefix(f->types[k], v + 1, n), e);
    char msg[ERR_MSG_MAX + 256];
    snprintf(msg, sizeof msg, "%.1800s: (while reading the value of key %.*s)", err->msg, (int)(klen > 200 ? 200 : klen), key);
    return err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "%s", msg);
}

static int each_parse_row(InFormat *f, const char *p, const char *e, Err *err)
{
    if (only_ws(p, e)) return 0;
    TextIn in = {p, e};
    while (in.p < in.end && (*in.p == ',' || *in.p == ' ' || *in.p == '\n' || *in.p == '\r' || *in.p == '\t')) in.p++;
    for (int k = 0; k < f->ncols; k++) f->seen[k] = false;
    int rc = 0;
    if (f->def->variant & J_COMPACT) {
        if (in.p >= in.end || *in.p != '[') return err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSONCompactEachRow row: expected '['");
        in.p++;
        for (int i = 0; i < f->nfile; i++) {
            text_skip_ws(&in);
            if (i) {
                if (in.p >= in.end || *in.p != ',') {
                    rc = err_set(err, ERR_INCORRECT_DATA, "Expected %d values in row", f->nfile);
                    goto fail;
                }
                in.p++;
            }
            int k = f->map[i];
            if (k < 0) {
                if ((rc = text_skip_json(&in, err))) goto fail;
                continue;
            }
            if ((rc = read_value(f, &in, f->cols[k], err))) goto fail;
            f->seen[k] = true;
        }
        text_skip_ws(&in);
        if (in.p >= in.end || *in.p != ']') {
            rc = err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSONCompactEachRow row: expected ']'");
            goto fail;
        }
    } else {
        if (in.p >= in.end || *in.p != '{') return err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSON object here: %.*s", (int)(e - p > 40 ? 40 : e - p), p);
        in.p++;
        text_skip_ws(&in);
        if (in.p < in.end && *in.p == '}') goto done;
        for (;;) {
            Buf key = {0};
            if ((rc = text_read_json_string(&in, &key, err))) {
                buf_free(&key);
                goto fail;
            }
            text_skip_ws(&in);
            if (in.p >= in.end || *in.p != ':') {
                buf_free(&key);
                rc = err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSON object: expected ':'");
                goto fail;
            }
            in.p++;
            int k = -1;
            for (int i = 0; i < f->ncols; i++)
                if (strlen(f->names[i]) == key.len && memcmp(f->names[i], key.data ? key.data : "", key.len) == 0) k = i;
            if (k < 0 || f->seen[k]) {
                if (k < 0 && !f->fs.skip_unknown_fields) {
                    rc = err_set(err, ERR_INCORRECT_DATA, "Unknown field found while parsing JSONEachRow format: %.*s", (int)key.len,
                                 key.data ? key.data : "");
                    buf_free(&key);
                    goto fail;
                }
                buf_free(&key);
                if ((rc = text_skip_json(&in, err))) goto fail;
            } else {
                text_skip_ws(&in);
                const char *vstart = in.p;
                if ((rc = read_value(f, &in, f->cols[k], err))) {
                    rc = value_error(f, k, vstart, e, key.data ? key.data : "", key.len, rc, err);
                    buf_free(&key);
                    goto fail;
                }
                buf_free(&key);
                f->seen[k] = true;
            }
            text_skip_ws(&in);
            if (in.p < in.end && *in.p == ',') {
                in.p++;
                continue;
            }
            if (in.p < in.end && *in.p == '}') break;
            rc = err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSON object: expected ',' or '}'");
            goto fail;
        }
    }
done:
    for (int k = 0; k < f->ncols; k++)
        if (!f->seen[k]) in_format_push_default(f, f->cols[k]);
    return 0;
fail:
    for (int k = 0; k < f->ncols; k++)
        if (f->seen[k]) col_pop(f->cols[k]);
    return rc;
}

static int compact_begin_in(InFormat *f, Err *err)
{
    int v = f->def->variant;
    InSource *s = f->src;
    for (int line = 0; line < ((v & J_TYPES) ? 2 : (v & J_NAMES) ? 1 : 0); line++) {
        const char *p = s->buf + s->pos, *end = s->buf + s->len;
        const char *re = json_row_end(f, p, end, true);
        if (!re || re == p) return 0;
        if (line == 0 && settings_bool(&f->q->settings, SET_input_format_with_names_use_header)) {
            TextIn in = {p, re};
            text_skip_ws(&in);
            if (in.p < in.end && *in.p == '[') in.p++;
            int n = 0;
            const char **names = arena_alloc(&f->q->arena, sizeof *names * 1024);
            size_t *lens = arena_alloc(&f->q->arena, sizeof *lens * 1024);
            for (;;) {
                text_skip_ws(&in);
                if (in.p >= in.end || *in.p == ']') break;
                Buf name = {0};
                if (text_read_json_string(&in, &name, err)) {
                    buf_free(&name);
                    return ERR_INCORRECT_DATA;
                }
                if (n < 1024) {
                    names[n] = arena_strndup(&f->q->arena, name.data ? name.data : "", name.len);
                    lens[n++] = name.len;
                }
                buf_free(&name);
                text_skip_ws(&in);
                if (in.p < in.end && *in.p == ',') in.p++;
            }
            int rc = in_format_map_header(f, names, lens, n, err);
            if (rc) return rc;
        }
        if (line == 1) {   /* the types line */
            TextIn in = {p, re};
            text_skip_ws(&in);
            if (in.p < in.end && *in.p == '[') in.p++;
            for (int i = 0; i < f->nfile; i++) {
                text_skip_ws(&in);
                if (in.p >= in.end || *in.p == ']') break;
                Buf name = {0};
                int rc = text_read_json_string(&in, &name, err);
                if (!rc) rc = in_format_check_type(f, f->map[i], name.data ? name.data : "", name.len, err);
                buf_free(&name);
                if (rc) return rc;
                text_skip_ws(&in);
                if (in.p < in.end && *in.p == ',') in.p++;
            }
        }
        s->pos = (size_t)(re - s->buf);
    }
    return 0;
}

/* JSONEachRow also accepts one JSON array of objects: [{...}, {...}] */
static int each_begin_in(InFormat *f, Err *err)
{
    InSource *s = f->src;
    const char *p = s->buf + s->pos, *end = s->buf + s->len;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
    if (p < end && *p == '[') {
        f->state = (void *)1;
        s->pos = (size_t)(p + 1 - s->buf);
    }
    return 0;
}

/* ---- JSON (one document) and JSONObjectEachRow as input ---- */

enum { DOC_ROWS = 2, DOC_DONE = 3 };

/* p past whitespace (and commas when commas). */
static const char *skip_ws(const char *p, const char *end, bool commas)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || (commas && *p == ','))) p++;
    return p;
}

/* p past a JSON string at p (NULL if it does not end before end). */
static const char *skip_string(const char *p, const char *end)
{
    if (p >= end || *p != '"') return NULL;
    for (p++; p < end; p++) {
        if (*p == '\\') p++;
        else if (*p == '"') return p + 1;
    }
    return NULL;
}

/* JSON: the rows are the objects of the document's "data" array; "meta"
 * and the keys after "data" (rows, statistics) are skipped. */
static int doc_begin_in(InFormat *f, Err *err)
{
    InSource *s = f->src;
    TextIn in = {s->buf + s->pos, s->buf + s->len};
    text_skip_ws(&in);
    if (in.p >= in.end) return 0;
    if (*in.p != '{') return err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSON: expected '{' at the start of the document");
    in.p++;
    for (;;) {
        text_skip_ws(&in);
        if (in.p < in.end && *in.p == ',') in.p++;
        text_skip_ws(&in);
        Buf key = {0};
        int rc = text_read_json_string(&in, &key, err);
        bool data = !rc && key.len == 4 && !memcmp(key.data, "data", 4);
        buf_free(&key);
        if (rc) return rc;
        text_skip_ws(&in);
        if (in.p >= in.end || *in.p != ':') return err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSON: expected ':'");
        in.p++;
        text_skip_ws(&in);
        if (data) {
            if (in.p >= in.end || *in.p != '[') return err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSON: \"data\" must be an array");
            s->pos = (size_t)(in.p + 1 - s->buf);
            f->state = (void *)(intptr_t)DOC_ROWS;
            return 0;
        }
        if ((rc = text_skip_json(&in, err))) return rc;
    }
}

static const char *doc_row_end(InFormat *f, const char *p, const char *end, bool eof)
{
    if ((intptr_t)f->state == DOC_DONE) return p;   /* the rest of the document */
    const char *c = skip_ws(p, end, true);
    if (c == end) return eof ? end : NULL;
    if (*c == ']') {
        f->state = (void *)(intptr_t)DOC_DONE;
        return p;
    }
    return json_row_end(f, c, end, eof);
}

/* JSONObjectEachRow: {"row_1": {...}, "row_2": {...}}, a row per value. */
static int object_begin_in(InFormat *f, Err *err)
{
    InSource *s = f->src;
    const char *p = skip_ws(s->buf + s->pos, s->buf + s->len, false);
    if (p < s->buf + s->len && *p != '{') return err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSONObjectEachRow: expected '{'");
    if (p < s->buf + s->len) s->pos = (size_t)(p + 1 - s->buf);
    f->state = (void *)(intptr_t)DOC_ROWS;
    return 0;
}

static const char *object_row_end(InFormat *f, const char *p, const char *end, bool eof)
{
    if ((intptr_t)f->state == DOC_DONE) return p;
    const char *c = skip_ws(p, end, true);
    if (c == end) return eof ? end : NULL;
    if (*c == '}') {
        f->state = (void *)(intptr_t)DOC_DONE;
        return p;
    }
    const char *k = skip_string(c, end);
    if (!k) return eof ? end : NULL;
    k = skip_ws(k, end, false);
    if (k < end && *k == ':') k = skip_ws(k + 1, end, false);
    if (k >= end) return eof ? end : NULL;
    return json_row_end(f, k, end, eof);
}

static int object_parse_row(InFormat *f, const char *p, const char *e, Err *err)
{
    const char *c = skip_ws(p, e, true);
    const char *k = skip_string(c, e);
    if (!k) return err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSONObjectEachRow: expected the name of a row");
    k = skip_ws(k, e, false);
    if (k >= e || *k != ':') return err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSONObjectEachRow: expected ':'");
    return each_parse_row(f, k + 1, e, err);
}

static const InVt DOC_IN = {doc_begin_in, doc_row_end, each_parse_row};
static const InVt OBJECT_IN = {object_begin_in, object_row_end, object_parse_row};
static const InVt EACH_IN = {each_begin_in, json_row_end, each_parse_row};
static const InVt COMPACT_IN = {compact_begin_in, json_row_end, each_parse_row};

#define CT_JSON "application/json; charset=UTF-8"
#define CT_ND "application/x-ndjson; charset=UTF-8"
#define CT_TXT "text/plain; charset=UTF-8"

const FormatDef FORMATS_json[] = {
    {"JSON", CT_JSON, &DOC_OUT, &DOC_IN, J_DOC},
    {"JSONCompact", CT_JSON, &DOC_OUT, NULL, J_DOC | J_COMPACT},
    {"JSONStrings", CT_JSON, &DOC_OUT, NULL, J_DOC | J_STRINGS},
    {"JSONCompactStrings", CT_JSON, &DOC_OUT, NULL, J_DOC | J_COMPACT | J_STRINGS},
    {"JSONEachRow", CT_ND, &EACH_OUT, &EACH_IN, 0},
    {"JSONLines", CT_ND, &EACH_OUT, &EACH_IN, 0},
    {"NDJSON", CT_ND, &EACH_OUT, &EACH_IN, 0},
    {"JSONL", CT_ND, &EACH_OUT, &EACH_IN, 0},
    {"JSONStringsEachRow", CT_ND, &EACH_OUT, &EACH_IN, J_STRINGS},
    {"JSONCompactEachRow", CT_TXT, &EACH_OUT, &COMPACT_IN, J_COMPACT},
    {"JSONCompactEachRowWithNames", CT_TXT, &EACH_OUT, &COMPACT_IN, J_COMPACT | J_NAMES},
    {"JSONCompactEachRowWithNamesAndTypes", CT_TXT, &EACH_OUT, &COMPACT_IN, J_COMPACT | J_NAMES | J_TYPES},
    {"JSONCompactStringsEachRow", CT_TXT, &EACH_OUT, &COMPACT_IN, J_COMPACT | J_STRINGS},
    {"JSONCompactStringsEachRowWithNames", CT_TXT, &EACH_OUT, &COMPACT_IN, J_COMPACT | J_STRINGS | J_NAMES},
    {"JSONCompactStringsEachRowWithNamesAndTypes", CT_TXT, &EACH_OUT, &COMPACT_IN, J_COMPACT | J_STRINGS | J_NAMES | J_TYPES},
    {"JSONObjectEachRow", CT_JSON, &EACH_OUT, &OBJECT_IN, J_OBJECT},
    {"JSONEachRowWithProgress", CT_ND, &EACH_OUT, NULL, J_PROGRESS},
    {"JSONStringsEachRowWithProgress", CT_ND, &EACH_OUT, NULL, J_PROGRESS | J_STRINGS},
    {"JSONCompactEachRowWithProgress", CT_ND, &EACH_OUT, NULL, J_PROGRESS | J_COMPACT},
    {"JSONCompactStringsEachRowWithProgress", CT_ND, &EACH_OUT, NULL, J_PROGRESS | J_COMPACT | J_STRINGS},
    {0},
};
