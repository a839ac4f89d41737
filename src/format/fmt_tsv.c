/* fmt_tsv.c — TabSeparated family: TSV/TabSeparated, TSVRaw/TabSeparatedRaw,
 * ...WithNames, ...WithNamesAndTypes (output and input).
 * Values are escaped with \t \n \\ \' \0 \b \f \r; NULL is \N; composite
 * values are written in their quoted form ([1,2], ('a',1)). On input a field
 * runs to the next unescaped TAB; string fields are unescaped, others parsed
 * from their text.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "../base/mem.h"
#include "format.h"

enum { V_NAMES = 1, V_TYPES = 2, V_RAW = 4 };

static void write_escaped_name(Buf *b, const char *s, bool raw)
{
    if (raw) buf_puts(b, s);
    else text_escape_tsv(b, s, strlen(s));
}

static void line_end(OutFormat *f) { buf_puts(f->out, f->fs.tsv_crlf ? "\r\n" : "\n"); }

static int tsv_begin(OutFormat *f, Err *err)
{
    int v = f->def->variant;
    bool raw = v & V_RAW;
    if (v & V_NAMES) {
        for (int i = 0; i < f->ncols; i++) {
            if (i) buf_putc(f->out, '\t');
            write_escaped_name(f->out, f->names[i], raw);
        }
        line_end(f);
    }
    if (v & V_TYPES) {
        for (int i = 0; i < f->ncols; i++) {
            if (i) buf_putc(f->out, '\t');
            write_escaped_name(f->out, f->types[i]->name, raw);
        }
        line_end(f);
    }
    return 0;
}

static void tsv_rows(OutFormat *f, Chunk *ch)
{
    TextStyle st = (f->def->variant & V_RAW) ? TS_PLAIN : TS_ESCAPED;
    for (size_t r = 0; r < ch->rows; r++) {
        for (int i = 0; i < ch->ncols; i++) {
            if (i) buf_putc(f->out, '\t');
            text_write(f->out, ch->cols[i], r, st, &f->fs);
        }
        line_end(f);
    }
}

static int tsv_chunk(OutFormat *f, Chunk *ch, Err *err)
{
    tsv_rows(f, ch);
    f->rows += ch->rows;
    return 0;
}

static int tsv_end(OutFormat *f, const OutStats *st, Err *err)
{
    if (st && st->totals) {
        line_end(f);
        tsv_rows(f, st->totals);
    }
    return 0;
}

static const OutVt TSV_OUT = {tsv_begin, tsv_chunk, tsv_end};

/* ---- input ---- */

static const char *tsv_row_end(InFormat *f, const char *p, const char *end, bool eof)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (nl) return nl + 1;
    return eof ? end : NULL;
}

/* Maps header names to target columns (input_format_with_names_use_header). */
/* Bit 7 of each byte of v set where that byte equals b (SWAR, exact). */
static inline uint64_t bytes_eq(uint64_t v, uint64_t b)
{
    uint64_t x = v ^ (0x0101010101010101ull * b);
    return (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull;
}

/* The first tab or backslash in [c, e), or e; eight bytes at a time. */
static inline const char *next_special(const char *c, const char *e)
{
    while (e - c >= 8) {
        uint64_t v;
        memcpy(&v, c, 8);
        uint64_t m = bytes_eq(v, '\t') | bytes_eq(v, '\\');
        if (m) return c + (__builtin_ctzll(m) >> 3);
        c += 8;
    }
    while (c < e && *c != '\t' && *c != '\\') c++;
    return c;
}

/* The fields found so far while splitting a line. */
typedef struct Fields {
    const char **fs, **fe;
    bool *esc;
    int n, max;
} Fields;

/* Records field [s, x) (its escapes: esc) as the next one. */
static inline void put_field(Fields *f, const char *s, const char *x, bool esc)
{
    if (f->n < f->max) {
        f->fs[f->n] = s;
        f->fe[f->n] = x;
        if (f->esc) f->esc[f->n] = esc;
    }
    f->n++;
}

/* Splits one line into fields (raw, not unescaped); esc[i]: field i holds a
 * backslash (may be NULL). The tabs and backslashes of 16 bytes at a time
 * come from one SSE2 compare (every x86-64 has it), so a short field costs
 * a bit scan, not a search of its own. */
static int split_line(const char *p, const char *e, const char **fs, const char **fe, bool *esc, int max)
{
    Fields f = {fs, fe, esc, 0, max};
    const char *s = p;
    bool has_esc = false;
    const char *c = p;
#ifdef __SSE2__
    const __m128i tab = _mm_set1_epi8('\t'), bsl = _mm_set1_epi8('\\');
    while (e - c >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)c);
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, bsl)));
        const char *next = c + 16;
        while (m) {
            const char *x = c + __builtin_ctz(m);
            m &= m - 1;
            if (*x == '\\') {   /* an escape: the byte after it is not special */
                has_esc = true;
                if (x + 1 >= next) {
                    next = x + 2;   /* it is in the next 16: resume after it */
                    break;
                }
                m &= ~(1u << (x + 1 - c));
                continue;
            }
            put_field(&f, s, x, has_esc);
            s = x + 1;
            has_esc = false;
        }
        c = next;
    }
    if (c > e) c = e;
#endif
    for (;;) {
        c = next_special(c, e);
        if (c < e && *c == '\\') {
            has_esc = true;
            c += c + 1 < e ? 2 : 1;
            continue;
        }
        put_field(&f, s, c, has_esc);
        if (c == e) break;
        s = ++c;
        has_esc = false;
    }
    return f.n;
}

static void trim_eol(const char **e, const char *p)
{
    if (*e > p && (*e)[-1] == '\n') (*e)--;
    if (*e > p && (*e)[-1] == '\r') (*e)--;
}

typedef struct TsvFields {
    const char *fs[1024], *fe[1024];
} TsvFields;

static void tsv_header_field(void *ctx, int i, Buf *out)
{
    TsvFields *t = ctx;
    text_unescape_tsv(t->fs[i], (size_t)(t->fe[i] - t->fs[i]), out);
}

static int tsv_begin_in(InFormat *f, Err *err)
{
    int v = f->def->variant;
    if (!(v & (V_NAMES | V_TYPES))) return 0;
    InSource *s = f->src;
    for (int line = 0; line < ((v & V_TYPES) ? 2 : 1); line++) {
        const char *p = s->buf + s->pos, *end = s->buf + s->len;
        const char *re = tsv_row_end(f, p, end, true);
        if (re == p) return 0;
        const char *e = re;
        trim_eol(&e, p);
        TsvFields t;
        int n = split_line(p, e, t.fs, t.fe, NULL, 1024);
        int rc = in_format_header_line(f, line, n, tsv_header_field, &t, err);
        if (rc) return rc;
        s->pos = (size_t)(re - s->buf);
    }
    return 0;
}

/* Parses one TSV field into column c. */
int tsv_parse_field(InFormat *f, Column *c, const char *s, const char *e, bool raw, Err *err)
{
    size_t n = (size_t)(e - s);
    bool nullable = type_strip_lc(c->type)->kind == TYPE_NULLABLE;
    if (n == 2 && s[0] == '\\' && s[1] == 'N') {
        if (nullable) {
            if (c->type->kind == TYPE_LOWCARDINALITY) {
                col_push_null(c->sub[0]);
                c->rows++;
            } else {
                col_push_null(c);
            }
            return 0;
        }
        if (f->fs.null_as_default) {
            in_format_push_default(f, c);
            return 0;
        }
    }
    if (!raw && text_is_string_like(c->type) && memchr(s, '\\', n)) {
        Buf b = {0};
        text_unescape_tsv(s, n, &b);
        if (c->type->kind == TYPE_NULLABLE && b.len == 2 && !memcmp(b.data, "\\N", 2)) {
            /* an escaped "\\N" is the two-character string, not NULL */
            col_push_str(c->sub[0], b.data, b.len);
            col_nullable_commit(c, false);
            buf_free(&b);
            return 0;
        }
        int rc = text_read_whole(b.data ? b.data : "", b.len, c, &f->fs, err);
        buf_free(&b);
        return rc;
    }
    return text_read_whole(s, n, c, &f->fs, err);
}

/* The common cases without the general reader: a String without escapes,
 * an integer of plain digits. False: use tsv_parse_field. */
static bool fast_field(Column *c, const char *s, const char *e, bool esc)
{
    size_t n = (size_t)(e - s);
    TypeKind k = c->type->kind;
    if (esc) return false;
    if (k == TYPE_STRING) {
        col_push_str(c, s, n);
        return true;
    }
    if (!(k >= TYPE_UINT8 && k <= TYPE_UINT64) && !(k >= TYPE_INT8 && k <= TYPE_INT64)) return false;
    bool neg = k >= TYPE_INT8 && n && *s == '-';
    if (neg) s++, n--;
    if (!n || n > 18) return false;   /* 18 digits cannot overflow */
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned)(unsigned char)s[i] - '0';
        if (d > 9) return false;
        v = v * 10 + d;
    }
    if (neg) v = 0 - v;
    switch (c->type->size) {
    case 1: COL_PUSH(c, uint8_t, (uint8_t)v); break;
    case 2: COL_PUSH(c, uint16_t, (uint16_t)v); break;
    case 4: COL_PUSH(c, uint32_t, (uint32_t)v); break;
    default: COL_PUSH(c, uint64_t, v); break;
    }
    return true;
}

/* A field that did not parse: a number is reported as ClickHouse does, a
 * missing delimiter after the digits it could read. */
static int field_error(InFormat *f, int k, const char *s, const char *fe, const char *delim, const char *row_end, Err *err)
{
    if (in_format_is_number(f->types[k]) && err->code != ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED)
        return in_format_expected(err, delim, s + in_format_number_prefix(f->types[k], s, (size_t)(fe - s)), row_end);
    return err_prefix(err, "Column %d, name: %s, type: %s: ", k, f->names[k], f->types[k]->name);
}

static int tsv_parse_row(InFormat *f, const char *p, const char *e, Err *err)
{
    const char *row_end = e;
    trim_eol(&e, p);
    if (e == p && f->ncols > 1) return 0;   /* empty line */
    const char *fs[1024], *fe[1024];
    bool esc[1024];
    int n = split_line(p, e, fs, fe, esc, 1024);
    bool raw = f->def->variant & V_RAW;
    for (int k = 0; k < f->ncols; k++) f->seen[k] = false;
    int rc = 0;
    for (int i = 0; i < n && i < f->nfile && i < 1024 && !rc; i++) {
        int k = f->map[i];
        if (k < 0) continue;
        if (!raw && fast_field(f->cols[k], fs[i], fe[i], esc[i])) {
            f->seen[k] = true;
            continue;
        }
        rc = tsv_parse_field(f, f->cols[k], fs[i], fe[i], raw, err);
        if (rc) rc = field_error(f, k, fs[i], fe[i], i + 1 < f->nfile ? "\t" : "\n", row_end, err);
        else f->seen[k] = true;
    }
    /* too few fields: a delimiter is missing at the row's end; too many: the row's end is */
    if (!rc && n != f->nfile)
        rc = in_format_expected(err, n < f->nfile ? "\t" : "\n", n < f->nfile ? e : fe[f->nfile - 1], row_end);
    return in_format_end_row(f, rc);
}

static const InVt TSV_IN = {tsv_begin_in, tsv_row_end, tsv_parse_row};

#define CT "text/tab-separated-values; charset=UTF-8"

const FormatDef FORMATS_tsv[] = {
    {"TabSeparated", CT, &TSV_OUT, &TSV_IN, 0},
    {"TSV", CT, &TSV_OUT, &TSV_IN, 0},
    {"TabSeparatedWithNames", CT, &TSV_OUT, &TSV_IN, V_NAMES},
    {"TSVWithNames", CT, &TSV_OUT, &TSV_IN, V_NAMES},
    {"TabSeparatedWithNamesAndTypes", CT, &TSV_OUT, &TSV_IN, V_NAMES | V_TYPES},
    {"TSVWithNamesAndTypes", CT, &TSV_OUT, &TSV_IN, V_NAMES | V_TYPES},
    {"TabSeparatedRaw", CT, &TSV_OUT, &TSV_IN, V_RAW},
    {"TSVRaw", CT, &TSV_OUT, &TSV_IN, V_RAW},
    {"Raw", CT, &TSV_OUT, &TSV_IN, V_RAW},
    {"TabSeparatedRawWithNames", CT, &TSV_OUT, &TSV_IN, V_RAW | V_NAMES},
    {"TSVRawWithNames", CT, &TSV_OUT, &TSV_IN, V_RAW | V_NAMES},
    {"RawWithNames", CT, &TSV_OUT, &TSV_IN, V_RAW | V_NAMES},
    {"TabSeparatedRawWithNamesAndTypes", CT, &TSV_OUT, &TSV_IN, V_RAW | V_NAMES | V_TYPES},
    {"TSVRawWithNamesAndTypes", CT, &TSV_OUT, &TSV_IN, V_RAW | V_NAMES | V_TYPES},
    {"RawWithNamesAndTypes", CT, &TSV_OUT, &TSV_IN, V_RAW | V_NAMES | V_TYPES},
    {0},
};
