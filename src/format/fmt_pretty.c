/* fmt_pretty.c — Pretty, PrettyCompact, PrettySpace (and their NoEscapes /
 * MonoBlock spellings), Vertical and Markdown: formats for people.
 *
 * Rows are buffered (up to output_format_pretty_max_rows) and drawn at the
 * end, so column widths fit every row, as ClickHouse does after squashing
 * blocks. Numbers are right-aligned, everything else left-aligned; NULL is
 * ᴺᵁᴸᴸ; rows are numbered; 50 or more rows repeat the column names in the
 * bottom border; a single large number gets a "-- 1.23 million" hint.
 * Colours (terminals) are not drawn yet.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "format.h"

enum { P_GRID = 1, P_COMPACT = 2, P_SPACE = 3, P_VERTICAL = 4, P_MARKDOWN = 5 };

typedef struct PrettyState {
    Chunk **chunks;
    int n, cap;
    uint64_t rows;      /* buffered rows */
    uint64_t total;     /* rows seen */
} PrettyState;

static const char *NULL_TEXT = "ᴺᵁᴸᴸ";

/* Display width of UTF-8 text: code points, wide East Asian ones count 2. */
static size_t disp_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + (size_t)len > n) len = 1;
        if (len == 1) cp = c;
        else if (len == 2) cp = (uint32_t)(c & 0x1F) << 6 | (s[i + 1] & 0x3F);
        else if (len == 3) cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
        else cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(s[i + 1] & 0x3F) << 12 | (uint32_t)(s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F);
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x20000 && cp <= 0x3FFFD);
        bool zero = (cp >= 0x300 && cp <= 0x36F) || cp == 0x200B;
        w += zero ? 0 : wide ? 2 : 1;
        i += (size_t)len;
    }
    return w;
}

static bool align_right(const DataType *t)
{
    t = type_strip(t);
    return type_is_number(t) || type_is_decimal(t) || t->kind == TYPE_BOOL;
}

/* The rows kept for the table are released when the query ends, also when
 * it fails before end() (qctx_defer). */
static void pretty_release(void *arg)
{
    PrettyState *s = arg;
    for (int i = 0; i < s->n; i++) chunk_free(s->chunks[i]);
    if (s->chunks) mem_free(s->chunks, sizeof *s->chunks * (size_t)s->cap);
    mem_free(s, sizeof *s);
}

static int pretty_begin(OutFormat *f, Err *err)
{
    f->state = mem_calloc(sizeof(PrettyState));
    qctx_defer(f->q, pretty_release, f->state);
    return 0;
}

static uint64_t max_rows(OutFormat *f)
{
    int64_t m = settings_int(&f->q->settings, SET_output_format_pretty_max_rows);
    return m > 0 ? (uint64_t)m : UINT64_MAX;
}

static int pretty_chunk(OutFormat *f, Chunk *ch, Err *err)
{
    PrettyState *s = f->state;
    s->total += ch->rows;
    uint64_t room = max_rows(f) - s->rows;
    if (room == 0 || ch->rows == 0) return 0;
    Chunk *c;
    if (ch->rows > room) {
        c = chunk_new(ch->ncols, (size_t)room);
        for (int i = 0; i < ch->ncols; i++) c->cols[i] = col_slice(ch->cols[i], 0, (size_t)room);
    } else {
        c = chunk_new(ch->ncols, ch->rows);
        for (int i = 0; i < ch->ncols; i++) c->cols[i] = col_ref(ch->cols[i]);
    }
    if (s->n == s->cap) {
        size_t old = sizeof *s->chunks * (size_t)s->cap;
        s->cap = s->cap ? s->cap * 2 : 8;
        s->chunks = mem_realloc(s->chunks, old, sizeof *s->chunks * (size_t)s->cap);
    }
    s->chunks[s->n++] = c;
    s->rows += c->rows;
    f->rows += c->rows;
    return 0;
}

/* Cell texts of all buffered rows: cells[row * ncols + col]. */
typedef struct Cell { char *s; size_t len, width; int nlines; } Cell;

/* A cell's text split at newlines: line j (0-based) of c, and whether a
 * newline follows it. A newline at the very end adds no empty line. */
static bool cell_line(const Cell *c, int j, const char **s, size_t *n, bool *more)
{
    const char *p = c->s, *end = c->s + c->len;
    for (int k = 0; k < j; k++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return false;
        p = nl + 1;
        if (p == end) return false;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *s = p;
    *n = (size_t)((nl ? nl : end) - p);
    *more = nl != NULL;
    return true;
}

static void measure_cell(Cell *c)
{
    c->nlines = 0;
    c->width = 0;
    const char *s;
    size_t n;
    bool more;
    while (cell_line(c, c->nlines, &s, &n, &more)) {
        size_t w = disp_width(s, n);
        if (w > c->width) c->width = w;
        c->nlines++;
    }
    if (c->nlines == 0) c->nlines = 1;
}

static Cell *render_cells_null(OutFormat *f, Chunk **chunks, int n, uint64_t rows, const char *null_text)
{
    Cell *cells = mem_calloc(sizeof *cells * (size_t)(rows * (uint64_t)f->ncols + 1));
    uint64_t r = 0;
    for (int ci = 0; ci < n; ci++) {
        Chunk *ch = chunks[ci];
        for (size_t i = 0; i < ch->rows; i++, r++)
            for (int c = 0; c < f->ncols; c++) {
                Buf b = {0};
                if (col_is_null(ch->cols[c], i)) buf_puts(&b, null_text);
                else text_write(&b, ch->cols[c], i, TS_PLAIN, &f->fs);
                Cell *cell = &cells[r * (uint64_t)f->ncols + (uint64_t)c];
                cell->len = b.len;
                cell->s = mem_alloc(b.len + 1);
                if (b.len) memcpy(cell->s, b.data, b.len);
                if (memchr(cell->s, '\n', cell->len)) {
                    measure_cell(cell);
                } else {
                    cell->width = disp_width(cell->s, cell->len);
                    cell->nlines = 1;
                }
                buf_free(&b);
            }
    }
    return cells;
}

static Cell *render_cells(OutFormat *f, Chunk **chunks, int n, uint64_t rows)
{
    return render_cells_null(f, chunks, n, rows, NULL_TEXT);
}

static void free_cells(Cell *cells, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++) mem_free(cells[i].s, cells[i].len + 1);
    mem_free(cells, sizeof *cells * (size_t)(n + 1));
}

static void repeat(Buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) buf_puts(b, s);
}

static void pad_cell(Buf *b, const Cell *c, size_t width, bool right)
{
    if (right) repeat(b, " ", width - c->width);
    buf_put(b, c->s, c->len);
    if (!right) repeat(b, " ", width - c->width);
}

static int digits(uint64_t v)
{
    int d = 1;
    while (v >= 10) v /= 10, d++;
    return d;
}

/* "-- 1.23 million" for a single big number */
static void large_number_tip(OutFormat *f, Chunk *ch, Buf *b)
{
    int64_t thr = settings_int(&f->q->settings, SET_output_format_pretty_single_large_number_tip_threshold);
    if (thr <= 0 || !type_is_number(type_strip(ch->cols[0]->type)) || col_is_null(ch->cols[0], 0)) return;
    Column *c = ch->cols[0];
    if (c->type->kind == TYPE_NULLABLE) c = c->sub[0];
    double v = col_get_f64(c, 0);
    if (!(fabs(v) >= (double)thr) || isinf(v)) return;
    static const char *UNITS[] = {"thousand", "million", "billion", "trillion", "quadrillion", "quintillion", "sextillion",
                                  "septillion", "octillion", "nonillion", "decillion"};
    int u = -1;
    double scaled = fabs(v);
    while (scaled >= 1000 && u < 10) {
        scaled /= 1000;
        u++;
    }
    if (u < 0) return;
    buf_printf(b, " -- %s%.2f %s", v < 0 ? "-" : "", scaled, UNITS[u]);
}

static void draw_table(OutFormat *f, Chunk **chunks, int nch, uint64_t rows, const char *title_prefix, bool is_totals)
{
    Buf *b = f->out;
    int mode = f->def->variant;
    int nc = f->ncols;
    Cell *cells = render_cells(f, chunks, nch, rows);
    size_t *w = mem_calloc(sizeof *w * (size_t)(nc ? nc : 1));
    bool *right = mem_calloc(sizeof *right * (size_t)(nc ? nc : 1));
    for (int c = 0; c < nc; c++) {
        right[c] = align_right(f->types[c]);
        w[c] = disp_width(f->names[c], strlen(f->names[c]));
        for (uint64_t r = 0; r < rows; r++)
            if (cells[r * (uint64_t)nc + (uint64_t)c].width > w[c]) w[c] = cells[r * (uint64_t)nc + (uint64_t)c].width;
    }
    bool numbers = settings_bool(&f->q->settings, SET_output_format_pretty_row_numbers);
    int pw = numbers ? digits(rows) + 2 : 0;
    if (title_prefix) buf_puts(b, title_prefix);
    const char *v = "│", *h = "─";
    /* top border / header */
    if (mode == P_SPACE) {
        repeat(b, " ", (size_t)pw);
        for (int c = 0; c < nc; c++) {
            buf_puts(b, c ? "   " : " ");
            Cell name = {f->names[c], strlen(f->names[c]), disp_width(f->names[c], strlen(f->names[c])), 1};
            pad_cell(b, &name, w[c], right[c]);
        }
        buf_puts(b, "\n\n");
    } else if (mode == P_COMPACT) {
        repeat(b, " ", (size_t)pw);
        buf_puts(b, "┌");
        for (int c = 0; c < nc; c++) {
            if (c) buf_puts(b, "┬");
            buf_puts(b, h);
            size_t nw = disp_width(f->names[c], strlen(f->names[c]));
            if (right[c]) repeat(b, h, w[c] - nw);
            buf_puts(b, f->names[c]);
            if (!right[c]) repeat(b, h, w[c] - nw);
            buf_puts(b, h);
        }
        buf_puts(b, "┐\n");
    } else {
        repeat(b, " ", (size_t)pw);
        buf_puts(b, "┏");
        for (int c = 0; c < nc; c++) {
            if (c) buf_puts(b, "┳");
            repeat(b, "━", w[c] + 2);
        }
        buf_puts(b, "┓\n");
        repeat(b, " ", (size_t)pw);
        for (int c = 0; c < nc; c++) {
            buf_puts(b, "┃ ");
            Cell name = {f->names[c], strlen(f->names[c]), disp_width(f->names[c], strlen(f->names[c])), 1};
            pad_cell(b, &name, w[c], right[c]);
            buf_putc(b, ' ');
        }
        buf_puts(b, "┃\n");
        repeat(b, " ", (size_t)pw);
        buf_puts(b, "┡");
        for (int c = 0; c < nc; c++) {
            if (c) buf_puts(b, "╇");
            repeat(b, "━", w[c] + 2);
        }
        buf_puts(b, "┩\n");
    }
    /* rows: a cell with newlines spans several lines, marked ↴ where a line
     * continues and ↳ where it resumes (as ClickHouse draws them) */
    for (uint64_t r = 0; r < rows; r++) {
        int nlines = 1;
        for (int c = 0; c < nc; c++) {
            int k = cells[r * (uint64_t)nc + (uint64_t)c].nlines;
            if (k > nlines) nlines = k;
        }
        for (int j = 0; j < nlines; j++) {
            if (numbers && j == 0) {
                char num[32];
                int l = snprintf(num, sizeof num, "%llu.", (unsigned long long)r + 1);
                repeat(b, " ", (size_t)(pw - 1 - l));
                buf_put(b, num, (size_t)l);
                buf_putc(b, ' ');
            } else if (numbers) {
                repeat(b, " ", (size_t)pw);
            }
            for (int c = 0; c < nc; c++) {
                Cell *cell = &cells[r * (uint64_t)nc + (uint64_t)c];
                Cell part = *cell;
                bool has = true, more = false;
                if (nlines > 1 || memchr(cell->s, '\n', cell->len)) {
                    const char *s = "";
                    size_t n = 0;
                    has = cell_line(cell, j, &s, &n, &more);
                    part.s = (char *)s;
                    part.len = has ? n : 0;
                    part.width = has ? disp_width(s, n) : 0;
                }
                const char *lead = j > 0 && has ? "↳" : " ", *trail = more ? "↴" : " ";
                if (mode == P_SPACE) {
                    if (c) buf_putc(b, ' ');
                    buf_puts(b, lead);
                    pad_cell(b, &part, w[c], right[c] && part.s == cell->s && !more);
                    buf_puts(b, trail);
                } else {
                    buf_puts(b, v);
                    buf_puts(b, lead);
                    pad_cell(b, &part, w[c], right[c] && part.s == cell->s && !more);
                    buf_puts(b, trail);
                }
            }
            if (mode != P_SPACE) buf_puts(b, v);
            if (rows == 1 && nc == 1 && !is_totals && j == 0) large_number_tip(f, chunks[0], b);
            buf_putc(b, '\n');
        }
        if (mode == P_GRID && r + 1 < rows) {
            repeat(b, " ", (size_t)pw);
            buf_puts(b, "├");
            for (int c = 0; c < nc; c++) {
                if (c) buf_puts(b, "┼");
                repeat(b, h, w[c] + 2);
            }
            buf_puts(b, "┤\n");
        }
    }
    /* bottom border, with the names again for long tables */
    if (mode != P_SPACE) {
        int64_t min_rows = settings_int(&f->q->settings, SET_output_format_pretty_display_footer_column_names_min_rows);
        bool footer = settings_bool(&f->q->settings, SET_output_format_pretty_display_footer_column_names) &&
                      rows >= (uint64_t)min_rows;
        repeat(b, " ", (size_t)pw);
        buf_puts(b, "└");
        for (int c = 0; c < nc; c++) {
            if (c) buf_puts(b, "┴");
            buf_puts(b, h);
            if (footer) {
                size_t nw = disp_width(f->names[c], strlen(f->names[c]));
                if (right[c]) repeat(b, h, w[c] - nw);
                buf_puts(b, f->names[c]);
                if (!right[c]) repeat(b, h, w[c] - nw);
            } else {
                repeat(b, h, w[c]);
            }
            buf_puts(b, h);
        }
        buf_puts(b, "┘\n");
    }
    free_cells(cells, rows * (uint64_t)nc);
    mem_free(w, sizeof *w * (size_t)(nc ? nc : 1));
    mem_free(right, sizeof *right * (size_t)(nc ? nc : 1));
}

static void draw_vertical(OutFormat *f, Chunk **chunks, int nch, uint64_t rows, const char *title)
{
    Buf *b = f->out;
    int nc = f->ncols;
    Cell *cells = render_cells(f, chunks, nch, rows);
    size_t nw = 0;
    for (int c = 0; c < nc; c++) {
        size_t w = disp_width(f->names[c], strlen(f->names[c]));
        if (w > nw) nw = w;
    }
    for (uint64_t r = 0; r < rows; r++) {
        if (r || title) buf_putc(b, '\n');
        char head[64];
        int l = title ? snprintf(head, sizeof head, "%s", title) : snprintf(head, sizeof head, "Row %llu:", (unsigned long long)r + 1);
        buf_put(b, head, (size_t)l);
        buf_putc(b, '\n');
        repeat(b, "─", (size_t)l);
        buf_putc(b, '\n');
        for (int c = 0; c < nc; c++) {
            size_t w = disp_width(f->names[c], strlen(f->names[c]));
            buf_puts(b, f->names[c]);
            buf_putc(b, ':');
            repeat(b, " ", nw - w + 1);
            Cell *cell = &cells[r * (uint64_t)nc + (uint64_t)c];
            buf_put(b, cell->s, cell->len);
            buf_putc(b, '\n');
        }
    }
    free_cells(cells, rows * (uint64_t)nc);
}

static void draw_markdown(OutFormat *f, Chunk **chunks, int nch, uint64_t rows)
{
    Buf *b = f->out;
    int nc = f->ncols;
    Cell *cells = render_cells_null(f, chunks, nch, rows, "\\N");   /* Markdown shows NULL as \N */
    buf_putc(b, '|');
    for (int c = 0; c < nc; c++) buf_printf(b, " %s |", f->names[c]);
    buf_puts(b, "\n|");
    for (int c = 0; c < nc; c++) buf_puts(b, align_right(f->types[c]) ? "-:|" : ":-|");
    buf_putc(b, '\n');
    for (uint64_t r = 0; r < rows; r++) {
        buf_putc(b, '|');
        for (int c = 0; c < nc; c++) {
            Cell *cell = &cells[r * (uint64_t)nc + (uint64_t)c];
            buf_putc(b, ' ');
            buf_put(b, cell->s, cell->len);
            buf_puts(b, " |");
        }
        buf_putc(b, '\n');
    }
    free_cells(cells, rows * (uint64_t)nc);
}

static int pretty_end(OutFormat *f, const OutStats *st, Err *err)
{
    PrettyState *s = f->state;
    int mode = f->def->variant;
    if (mode == P_VERTICAL) {
        draw_vertical(f, s->chunks, s->n, s->rows, NULL);
        if (st && st->totals) {
            Chunk *t = st->totals;
            draw_vertical(f, &t, 1, 1, "Totals:");
        }
    } else if (mode == P_MARKDOWN) {
        draw_markdown(f, s->chunks, s->n, s->rows);
    } else if (s->rows > 0) {
        draw_table(f, s->chunks, s->n, s->rows, NULL, false);
        if (st && st->totals) {
            Chunk *t = st->totals;
            draw_table(f, &t, 1, 1, "\nTotals:\n", true);
        }
    }
    if (s->total > s->rows && mode != P_MARKDOWN)
        buf_printf(f->out, "  Showed first %llu.\n", (unsigned long long)s->rows);
    f->state = NULL;   /* pretty_release frees it with the query */
    return 0;
}

static const OutVt PRETTY_OUT = {pretty_begin, pretty_chunk, pretty_end};

#define CT "text/plain; charset=UTF-8"

const FormatDef FORMATS_pretty[] = {
    {"Pretty", CT, &PRETTY_OUT, NULL, P_GRID},
    {"PrettyNoEscapes", CT, &PRETTY_OUT, NULL, P_GRID},
    {"PrettyMonoBlock", CT, &PRETTY_OUT, NULL, P_GRID},
    {"PrettyNoEscapesMonoBlock", CT, &PRETTY_OUT, NULL, P_GRID},
    {"PrettyCompact", CT, &PRETTY_OUT, NULL, P_COMPACT},
    {"PrettyCompactNoEscapes", CT, &PRETTY_OUT, NULL, P_COMPACT},
    {"PrettyCompactMonoBlock", CT, &PRETTY_OUT, NULL, P_COMPACT},
    {"PrettyCompactNoEscapesMonoBlock", CT, &PRETTY_OUT, NULL, P_COMPACT},
    {"PrettySpace", CT, &PRETTY_OUT, NULL, P_SPACE},
    {"PrettySpaceNoEscapes", CT, &PRETTY_OUT, NULL, P_SPACE},
    {"PrettySpaceMonoBlock", CT, &PRETTY_OUT, NULL, P_SPACE},
    {"PrettySpaceNoEscapesMonoBlock", CT, &PRETTY_OUT, NULL, P_SPACE},
    {"Vertical", CT, &PRETTY_OUT, NULL, P_VERTICAL},
    {"Markdown", CT, &PRETTY_OUT, NULL, P_MARKDOWN},
    {"MD", CT, &PRETTY_OUT, NULL, P_MARKDOWN},
    {0},
};
