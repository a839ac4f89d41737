/* fmt_pretty.c — Pretty, PrettyCompact, PrettySpace (and their NoEscapes /
 * MonoBlock spellings), Vertical and Markdown: formats for people.
 *
 * Rows are buffered (up to output_format_pretty_max_rows) and drawn at the
 * end, so column widths fit every row, as ClickHouse does after squashing
 * blocks. Numbers are right-aligned, everything else left-aligned; NULL is
 * ᴺᵁᴸᴸ; rows are numbered; 50 or more rows repeat the column names in the
 * bottom border; a single large number gets a "-- 1.23 million" hint.
 * On a terminal (output_format_pretty_color auto, or 1) the names are bold,
 * row numbers grey, and values highlighted (pretty_color.c); the NoEscapes
 * spellings never colour.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "format.h"
#include "pretty_color.h"

enum { P_GRID = 1, P_COMPACT = 2, P_SPACE = 3, P_VERTICAL = 4, P_MARKDOWN = 5, P_MODE = 7, P_NOESC = 8 };

/* What the colours of one table are. */
typedef struct Paint {
    bool on, groups, trailing;
} Paint;

static Paint paint_of(OutFormat *f)
{
    Paint p = {0};
    const char *v = settings_str(&f->q->settings, SET_output_format_pretty_color);
    int64_t n = settings_int(&f->q->settings, SET_output_format_pretty_color);
    p.on = !(f->def->variant & P_NOESC) && (strcasecmp(v, "auto") == 0 || n == 2 ? f->tty : n == 1);
    p.groups = settings_bool(&f->q->settings, SET_output_format_pretty_highlight_digit_groups);
    p.trailing = settings_bool(&f->q->settings, SET_output_format_pretty_highlight_trailing_spaces);
    return p;
}

/* Rows kept in order; a list of chunks. */
typedef struct Rows {
    Chunk **v;
    int n, cap;
    uint64_t rows;
} Rows;

/* Tables keep their first (max_rows + 1) / 2 rows and their last
 * max_rows / 2, and draw "─ ─ ─" between when rows were left out, as
 * ClickHouse does; Vertical and Markdown keep the first max_rows. */
typedef struct PrettyState {
    Rows head, tail;
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
    return type_is_number(t) || type_is_decimal(t);   /* Bool is text: left */
}

/* The rows kept for the table are released when the query ends, also when
 * it fails before end() (qctx_defer). */
static void rows_free(Rows *r)
{
    for (int i = 0; i < r->n; i++) chunk_free(r->v[i]);
    if (r->v) mem_free(r->v, sizeof *r->v * (size_t)r->cap);
    *r = (Rows){0};
}

static void pretty_release(void *arg)
{
    PrettyState *s = arg;
    rows_free(&s->head);
    rows_free(&s->tail);
    mem_free(s, sizeof *s);
}

/* Appends rows [from, from + n) of ch (n > 0). */
static void rows_add(Rows *r, Chunk *ch, size_t from, size_t n)
{
    Chunk *c = chunk_new(ch->ncols, n);
    for (int i = 0; i < ch->ncols; i++) c->cols[i] = from == 0 && n == ch->rows ? col_ref(ch->cols[i]) : col_slice(ch->cols[i], from, n);
    if (r->n == r->cap) {
        size_t old = sizeof *r->v * (size_t)r->cap;
        r->cap = r->cap ? r->cap * 2 : 8;
        r->v = mem_realloc(r->v, old, sizeof *r->v * (size_t)r->cap);
    }
    r->v[r->n++] = c;
    r->rows += n;
}

/* Drops rows from the front until at most keep remain. */
static void rows_keep_last(Rows *r, uint64_t keep)
{
    int drop = 0;
    while (drop < r->n && r->rows - r->v[drop]->rows >= keep) {
        r->rows -= r->v[drop]->rows;
        chunk_free(r->v[drop++]);
    }
    memmove(r->v, r->v + drop, sizeof *r->v * (size_t)(r->n - drop));
    r->n -= drop;
    if (r->n && r->rows > keep) {
        Chunk *c = r->v[0];
        size_t cut = (size_t)(r->rows - keep);
        Chunk *t = chunk_new(c->ncols, c->rows - cut);
        for (int i = 0; i < c->ncols; i++) t->cols[i] = col_slice(c->cols[i], cut, c->rows - cut);
        chunk_free(c);
        r->v[0] = t;
        r->rows = keep;
    }
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

static bool is_table(OutFormat *f)
{
    int mode = f->def->variant & P_MODE;
    return mode == P_GRID || mode == P_COMPACT || mode == P_SPACE;
}

static int pretty_chunk(OutFormat *f, Chunk *ch, Err *err)
{
    PrettyState *s = f->state;
    uint64_t max = (f->def->variant & P_MODE) == P_MARKDOWN ? UINT64_MAX : max_rows(f);   /* Markdown: every row */
    uint64_t hmax = is_table(f) && max != UINT64_MAX ? (max + 1) / 2 : max, tmax = is_table(f) ? max - hmax : 0;
    s->total += ch->rows;
    size_t from = 0;
    if (s->head.rows < hmax && ch->rows) {
        uint64_t take = hmax - s->head.rows < ch->rows ? hmax - s->head.rows : ch->rows;
        rows_add(&s->head, ch, 0, (size_t)take);
        from = (size_t)take;
    }
    if (from < ch->rows && tmax) {
        rows_add(&s->tail, ch, from, ch->rows - from);
        rows_keep_last(&s->tail, tmax);
    }
    f->rows = s->head.rows + s->tail.rows;
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

/* A value padded to width, with its highlights when colours are on. */
static void paint_cell(Buf *b, const Paint *p, const Cell *c, size_t width, bool right, bool number)
{
    if (!p->on) {
        pad_cell(b, c, width, right);
        return;
    }
    if (right) repeat(b, " ", width - c->width);
    pc_value(b, c->s, c->len, number, p->groups, p->trailing);
    if (!right) repeat(b, " ", width - c->width);
}

/* A column name (bold when colours are on) padded with fill to width. */
static void paint_name(Buf *b, const Paint *p, const char *name, size_t width, bool right, const char *fill)
{
    size_t nw = disp_width(name, strlen(name));
    if (right) repeat(b, fill, width - nw);
    pc_wrap(b, PC_BOLD, name, strlen(name), p->on);
    if (!right) repeat(b, fill, width - nw);
}

/* Numbers (integers, floats, decimals; also Nullable) get digit groups. */
static bool is_numeric(const DataType *t)
{
    t = type_strip(t);
    return type_is_number(t) || type_is_decimal(t);
}

static int digits(uint64_t v)
{
    int d = 1;
    while (v >= 10) v /= 10, d++;
    return d;
}

/* "-- 1.23 million" for a single big number */
static void large_number_tip(OutFormat *f, Column *c, size_t row, Buf *b, const Paint *p)
{
    int64_t thr = settings_int(&f->q->settings, SET_output_format_pretty_single_large_number_tip_threshold);
    if (thr <= 0 || !type_is_number(type_strip(c->type)) || col_is_null(c, row)) return;
    if (c->type->kind == TYPE_NULLABLE) c = c->sub[0];
    double v = col_get_f64(c, row);
    /* most 64-bit hashes are in (1e17, 1.844675e19): no tip for them */
    if (!(fabs(v) > (double)thr) || isinf(v) || (fabs(v) > 1e17 && fabs(v) < 1.844675e19)) return;
    static const char *UNITS[] = {"thousand", "million", "billion", "trillion", "quadrillion", "quintillion", "sextillion",
                                  "septillion", "octillion", "nonillion", "decillion"};
    int u = -1;
    double scaled = fabs(v);
    while (scaled >= 1000 && u < 10) {
        scaled /= 1000;
        u++;
    }
    if (u < 0) return;
    if (p->on) buf_puts(b, PC_GREY);
    buf_printf(b, " -- %s%.2f %s", v < 0 ? "-" : "", scaled, UNITS[u]);
    if (p->on) buf_puts(b, PC_RESET);
}

/* The parts of a table drawn around its rows. */
typedef struct Frame {
    Buf *b;
    int pw, nc;               /* row-number width, columns */
    const size_t *w;
    const bool *right;
    char **names;
    const Paint *pt;
    int mode;
} Frame;

/* A border line: left, fill over each column (and its two spaces), mid between, end. */
static void frame_border(const Frame *fr, const char *left, const char *fill, const char *mid, const char *end)
{
    repeat(fr->b, " ", (size_t)fr->pw);
    buf_puts(fr->b, left);
    for (int c = 0; c < fr->nc; c++) {
        if (c) buf_puts(fr->b, mid);
        repeat(fr->b, fill, fr->w[c] + 2);
    }
    buf_puts(fr->b, end);
    buf_putc(fr->b, '\n');
}

/* The line of column names: ┃ a ┃ b ┃ (Pretty), ┌─a─┬─b─┐ or └─a─┴─b─┘
 * (PrettyCompact, top or bottom), or the names alone (PrettySpace). */
static void frame_names(const Frame *fr, bool top)
{
    Buf *b = fr->b;
    const char *h = "─";
    repeat(b, " ", (size_t)fr->pw);
    buf_puts(b, fr->mode == P_GRID ? "┃ " : fr->mode == P_SPACE ? " " : top ? "┌─" : "└─");
    for (int c = 0; c < fr->nc; c++) {
        if (c) buf_puts(b, fr->mode == P_GRID ? " ┃ " : fr->mode == P_SPACE ? "   " : top ? "─┬─" : "─┴─");
        paint_name(b, fr->pt, fr->names[c], fr->w[c], fr->right[c], fr->mode == P_COMPACT ? h : " ");
    }
    buf_puts(b, fr->mode == P_GRID ? " ┃" : fr->mode == P_SPACE ? "" : top ? "─┐" : "─┘");
    buf_putc(b, '\n');
}

/* "─ ─ ─ " across the table where rows were left out */
static void frame_filler(const Frame *fr)
{
    size_t n = 0;
    for (int c = 0; c < fr->nc; c++) n += fr->w[c] + 3;
    n = fr->mode == P_SPACE ? n - 2 : n + 1;
    repeat(fr->b, " ", (size_t)fr->pw);
    for (size_t i = 0; i < n; i++) buf_puts(fr->b, i % 2 ? " " : "─");
    buf_putc(fr->b, '\n');
}

/* The kept rows (head, then tail) of total rows as one table. */
static void draw_table(OutFormat *f, const Rows *head, const Rows *tail, uint64_t total, const char *title_prefix, bool is_totals)
{
    Buf *b = f->out;
    int mode = f->def->variant & P_MODE;
    int nc = f->ncols;
    Paint pt = paint_of(f);
    uint64_t rows = head->rows + tail->rows, cut = total > rows && tail->rows ? head->rows : UINT64_MAX;
    int nch = head->n + tail->n;
    Chunk **chunks = mem_alloc(sizeof *chunks * (size_t)(nch + 1));
    memcpy(chunks, head->v, sizeof *chunks * (size_t)head->n);
    if (tail->n) memcpy(chunks + head->n, tail->v, sizeof *chunks * (size_t)tail->n);
    Cell *cells = render_cells(f, chunks, nch, rows);
    size_t *w = mem_calloc(sizeof *w * (size_t)(nc ? nc : 1));
    bool *right = mem_calloc(sizeof *right * (size_t)(nc ? nc : 1));
    bool *num = mem_calloc(sizeof *num * (size_t)(nc ? nc : 1));
    for (int c = 0; c < nc; c++) {
        right[c] = align_right(f->types[c]);
        num[c] = is_numeric(f->types[c]);
        w[c] = disp_width(f->names[c], strlen(f->names[c]));
        for (uint64_t r = 0; r < rows; r++)
            if (cells[r * (uint64_t)nc + (uint64_t)c].width > w[c]) w[c] = cells[r * (uint64_t)nc + (uint64_t)c].width;
    }
    bool numbers = settings_bool(&f->q->settings, SET_output_format_pretty_row_numbers);
    int pw = numbers ? digits(total) + 2 : 0;
    const char *v = "│";
    Frame fr = {b, pw, nc, w, right, f->names, &pt, mode};
    if (title_prefix) buf_puts(b, title_prefix);
    /* top border / header */
    if (mode == P_GRID) frame_border(&fr, "┏", "━", "┳", "┓");
    frame_names(&fr, true);
    if (mode == P_GRID) frame_border(&fr, "┡", "━", "╇", "┩");
    else if (mode == P_SPACE) buf_putc(b, '\n');
    /* rows: a cell with newlines spans several lines, marked ↴ where a line
     * continues and ↳ where it resumes (as ClickHouse draws them) */
    for (uint64_t r = 0; r < rows; r++) {
        int nlines = 1;
        for (int c = 0; c < nc; c++) {
            int k = cells[r * (uint64_t)nc + (uint64_t)c].nlines;
            if (k > nlines) nlines = k;
        }
        if (r == cut) {
            if (mode == P_GRID) frame_border(&fr, "├", "─", "┼", "┤");
            frame_filler(&fr);
        }
        if (mode == P_GRID && r > 0) frame_border(&fr, "├", "─", "┼", "┤");
        for (int j = 0; j < nlines; j++) {
            if (numbers && j == 0) {
                char no[32];
                uint64_t at = r < head->rows ? r + 1 : total - tail->rows + (r - head->rows) + 1;
                int l = snprintf(no, sizeof no, "%llu. ", (unsigned long long)at);
                repeat(b, " ", (size_t)(pw - l));
                pc_wrap(b, PC_GREY, no, (size_t)l, pt.on);
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
                if (mode == P_SPACE) {
                    if (c) buf_putc(b, ' ');
                } else {
                    buf_puts(b, v);
                }
                if (j > 0 && has) pc_wrap(b, PC_GREY, "↳", strlen("↳"), pt.on);
                else buf_putc(b, ' ');
                paint_cell(b, &pt, &part, w[c], right[c] && part.s == cell->s && !more, num[c]);
                if (more) pc_wrap(b, PC_GREY, "↴", strlen("↴"), pt.on);
                else buf_putc(b, ' ');
            }
            if (mode != P_SPACE) buf_puts(b, v);
            if (total == 1 && nc == 1 && !is_totals && j == 0) large_number_tip(f, chunks[0]->cols[0], 0, b, &pt);
            buf_putc(b, '\n');
        }
    }
    /* bottom border, with the names again for long tables */
    int64_t min_rows = settings_int(&f->q->settings, SET_output_format_pretty_display_footer_column_names_min_rows);
    bool footer = settings_bool(&f->q->settings, SET_output_format_pretty_display_footer_column_names) && total >= (uint64_t)min_rows;
    if (footer) {
        if (mode == P_GRID) frame_border(&fr, "┢", "━", "╈", "┪");
        else if (mode == P_SPACE) buf_putc(b, '\n');
        frame_names(&fr, false);
        if (mode == P_GRID) frame_border(&fr, "┗", "━", "┻", "┛");
        else if (mode == P_SPACE) buf_putc(b, '\n');
    } else if (mode != P_SPACE) {
        frame_border(&fr, "└", "─", "┴", "┘");
    }
    free_cells(cells, rows * (uint64_t)nc);
    mem_free(w, sizeof *w * (size_t)(nc ? nc : 1));
    mem_free(right, sizeof *right * (size_t)(nc ? nc : 1));
    mem_free(num, sizeof *num * (size_t)(nc ? nc : 1));
    mem_free(chunks, sizeof *chunks * (size_t)(nch + 1));
}

static void draw_vertical(OutFormat *f, Chunk **chunks, int nch, uint64_t rows, const char *title)
{
    Buf *b = f->out;
    int nc = f->ncols;
    Paint pt = paint_of(f);
    Cell *cells = render_cells(f, chunks, nch, rows);
    size_t nw = 0;
    for (int c = 0; c < nc; c++) {
        size_t w = disp_width(f->names[c], strlen(f->names[c]));
        if (w > nw) nw = w;
    }
    int ci = 0;
    size_t cr = 0;                 /* row r is row cr of chunks[ci] */
    for (uint64_t r = 0; r < rows; r++, cr++) {
        while (cr >= chunks[ci]->rows) ci++, cr = 0;
        if (r || title) buf_putc(b, '\n');
        char head[64];
        int l = title ? snprintf(head, sizeof head, "%s", title) : snprintf(head, sizeof head, "Row %llu:", (unsigned long long)r + 1);
        buf_put(b, head, (size_t)l);
        buf_putc(b, '\n');
        repeat(b, "─", (size_t)l);
        buf_putc(b, '\n');
        for (int c = 0; c < nc; c++) {
            size_t w = disp_width(f->names[c], strlen(f->names[c]));
            if (pt.on) buf_puts(b, PC_BOLD);
            buf_puts(b, f->names[c]);
            buf_putc(b, ':');
            if (pt.on) buf_puts(b, PC_RESET);
            repeat(b, " ", nw - w + 1);
            Cell *cell = &cells[r * (uint64_t)nc + (uint64_t)c];
            if (pt.on) pc_value(b, cell->s, cell->len, is_numeric(f->types[c]), pt.groups, pt.trailing);
            else buf_put(b, cell->s, cell->len);
            large_number_tip(f, chunks[ci]->cols[c], cr, b, &pt);   /* every number gets its tip here */
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
    int mode = f->def->variant & P_MODE;
    uint64_t kept = s->head.rows + s->tail.rows;
    if (mode == P_VERTICAL) {
        draw_vertical(f, s->head.v, s->head.n, s->head.rows, NULL);
        if (st && st->totals) {
            Chunk *t = st->totals;
            draw_vertical(f, &t, 1, 1, "Totals:");
        }
    } else if (mode == P_MARKDOWN) {
        draw_markdown(f, s->head.v, s->head.n, s->head.rows);
    } else if (kept > 0) {
        draw_table(f, &s->head, &s->tail, s->total, NULL, false);
        if (st && st->totals) {
            Chunk *tc = st->totals;
            Rows t = {&tc, 1, 1, tc->rows}, none = {0};
            draw_table(f, &t, &none, t.rows, "\nTotals:\n", true);
        }
    }
    uint64_t max = max_rows(f);
    if (is_table(f) && max != UINT64_MAX && s->total >= max)
        buf_printf(f->out, "%sShowed %llu out of %llu rows.\n", mode == P_SPACE ? "\n" : "", (unsigned long long)kept,
                   (unsigned long long)s->total);
    else if (mode == P_VERTICAL && s->total > kept)
        buf_printf(f->out, "\nShowed first %llu.\n", (unsigned long long)kept);
    f->state = NULL;   /* pretty_release frees it with the query */
    return 0;
}

static const OutVt PRETTY_OUT = {pretty_begin, pretty_chunk, pretty_end};

#define CT "text/plain; charset=UTF-8"

const FormatDef FORMATS_pretty[] = {
    {"Pretty", CT, &PRETTY_OUT, NULL, P_GRID},
    {"PrettyNoEscapes", CT, &PRETTY_OUT, NULL, P_GRID | P_NOESC},
    {"PrettyMonoBlock", CT, &PRETTY_OUT, NULL, P_GRID},
    {"PrettyNoEscapesMonoBlock", CT, &PRETTY_OUT, NULL, P_GRID | P_NOESC},
    {"PrettyCompact", CT, &PRETTY_OUT, NULL, P_COMPACT},
    {"PrettyCompactNoEscapes", CT, &PRETTY_OUT, NULL, P_COMPACT | P_NOESC},
    {"PrettyCompactMonoBlock", CT, &PRETTY_OUT, NULL, P_COMPACT},
    {"PrettyCompactNoEscapesMonoBlock", CT, &PRETTY_OUT, NULL, P_COMPACT | P_NOESC},
    {"PrettySpace", CT, &PRETTY_OUT, NULL, P_SPACE},
    {"PrettySpaceNoEscapes", CT, &PRETTY_OUT, NULL, P_SPACE | P_NOESC},
    {"PrettySpaceMonoBlock", CT, &PRETTY_OUT, NULL, P_SPACE},
    {"PrettySpaceNoEscapesMonoBlock", CT, &PRETTY_OUT, NULL, P_SPACE | P_NOESC},
    {"Vertical", CT, &PRETTY_OUT, NULL, P_VERTICAL},
    {"Markdown", CT, &PRETTY_OUT, NULL, P_MARKDOWN},
    {"MD", CT, &PRETTY_OUT, NULL, P_MARKDOWN},
    {0},
};
