/* lineedit.c — the interactive shells' line editor (see lineedit.h). */
#include "lineedit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../base/mem.h"

void le_init(LineEdit *le)
{
    memset(le, 0, sizeof *le);
    const char *term = getenv("TERM");
    le->raw_ok = isatty(0) && isatty(2) && term && *term && strcmp(term, "dumb") != 0;
}

void le_free(LineEdit *le)
{
    for (int i = 0; i < le->nhist; i++) free(le->hist[i]);
    free(le->hist);
    memset(le, 0, sizeof *le);
}

void le_history_add(LineEdit *le, const char *line)
{
    if (!*line || (le->nhist && !strcmp(le->hist[le->nhist - 1], line))) return;
    if (le->nhist == 1000) {   /* bounded: the oldest goes */
        free(le->hist[0]);
        memmove(le->hist, le->hist + 1, sizeof *le->hist * (size_t)--le->nhist);
    }
    if (le->nhist == le->caphist) le->hist = xrealloc(le->hist, sizeof *le->hist * (size_t)(le->caphist = le->caphist ? le->caphist * 2 : 64));
    le->hist[le->nhist++] = xstrdup(line);
}

void le_history_load(LineEdit *le, const char *path)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f) return;
    char line[65536];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        le_history_add(le, line);
    }
    fclose(f);
}

void le_history_append(const char *path, const char *line)
{
    FILE *f = path ? fopen(path, "a") : NULL;
    if (!f) return;
    fprintf(f, "%s\n", line);
    fclose(f);
}

/* ---- plain mode ---- */

static int read_plain(const char *prompt, Buf *out)
{
    fputs(prompt, stderr);
    fflush(stderr);
    out->len = 0;
    for (;;) {
        int ch = getchar();
        if (ch == EOF) return out->len ? LE_LINE : LE_EOF;
        if (ch == '\n') return LE_LINE;
        buf_putc(out, (char)ch);
    }
}

/* ---- raw mode ---- */

typedef struct Ed {
    Buf *b;
    size_t pos;
    const char *prompt;
} Ed;

static size_t cp_width(const char *s, size_t n)   /* code points in s[0, n) */
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

static void refresh(Ed *e)
{
    Buf o = {0};
    buf_printf(&o, "\r\033[K%s", e->prompt);
    buf_put(&o, e->b->data ? e->b->data : "", e->b->len);
    size_t back = cp_width(e->b->data ? e->b->data + e->pos : "", e->b->len - e->pos);
    if (back) buf_printf(&o, "\033[%zuD", back);
    if (write(2, o.data, o.len) < 0) { /* nothing to do about a broken terminal */ }
    buf_free(&o);
}

static void set_line(Ed *e, const char *s)
{
    e->b->len = 0;
    buf_puts(e->b, s);
    e->pos = e->b->len;
}

static size_t prev_cp(const Ed *e, size_t i)
{
    while (i > 0 && ((unsigned char)e->b->data[--i] & 0xC0) == 0x80) {}
    return i;
}

static size_t next_cp(const Ed *e, size_t i)
{
    if (i < e->b->len) i++;
    while (i < e->b->len && ((unsigned char)e->b->data[i] & 0xC0) == 0x80) i++;
    return i;
}

static void erase(Ed *e, size_t from, size_t to)
{
    memmove(e->b->data + from, e->b->data + to, e->b->len - to);
    e->b->len -= to - from;
    e->pos = from;
}

static int read_byte(void)
{
    unsigned char c;
    for (;;) {
        ssize_t k = read(0, &c, 1);
        if (k == 1) return c;
        if (k < 0 && errno == EINTR) return -2;   /* a signal (Ctrl-C is read as a byte: this is another) */
        if (k <= 0) return -1;
    }
}

/* An escape sequence after ESC: arrows, Home/End, Delete. */
static int escape_key(void)
{
    int a = read_byte();
    if (a != '[' && a != 'O') return 0;
    int b = read_byte();
    if (b >= '0' && b <= '9') {
        int t = read_byte();
        if (t != '~') return 0;
        return b == '3' ? 'D' + 256 : b == '1' || b == '7' ? 'H' : b == '4' || b == '8' ? 'F' : 0;
    }
    return b;
}

static int edit_loop(LineEdit *le, Ed *e)
{
    int hidx = le->nhist;
    char *saved = NULL;   /* the line being typed while browsing the history */
    refresh(e);
    for (;;) {
        int c = read_byte();
        if (c == -2) continue;
        if (c < 0) return free(saved), e->b->len ? LE_LINE : LE_EOF;
        if (c == '\r' || c == '\n') break;
        if (c == 3) return free(saved), LE_INTERRUPT;   /* Ctrl-C */
        if (c == 4) {                                       /* Ctrl-D: end, or delete */
            if (!e->b->len) return free(saved), LE_EOF;
            if (e->pos < e->b->len) erase(e, e->pos, next_cp(e, e->pos));
        } else if (c == 127 || c == 8) {
            if (e->pos) erase(e, prev_cp(e, e->pos), e->pos);
        } else if (c == 1) {
            e->pos = 0;
        } else if (c == 5) {
            e->pos = e->b->len;
        } else if (c == 11) {
            e->b->len = e->pos;
        } else if (c == 21) {
            erase(e, 0, e->pos);
        } else if (c == 23) {   /* Ctrl-W: the word before the cursor */
            size_t i = e->pos;
            while (i && e->b->data[i - 1] == ' ') i--;
            while (i && e->b->data[i - 1] != ' ') i--;
            erase(e, i, e->pos);
        } else if (c == 27) {
            int k = escape_key();
            if (k == 'C') e->pos = next_cp(e, e->pos);
            else if (k == 'D') e->pos = e->pos ? prev_cp(e, e->pos) : 0;
            else if (k == 'H') e->pos = 0;
            else if (k == 'F') e->pos = e->b->len;
            else if (k == 'D' + 256 && e->pos < e->b->len) erase(e, e->pos, next_cp(e, e->pos));
            else if ((k == 'A' && hidx > 0) || (k == 'B' && hidx < le->nhist)) {
                if (hidx == le->nhist) {
                    free(saved);
                    saved = xstrndup(e->b->data ? e->b->data : "", e->b->len);
                }
                hidx += k == 'A' ? -1 : 1;
                set_line(e, hidx < le->nhist ? le->hist[hidx] : saved ? saved : "");
            }
        } else if (c >= 32 || c == '\t') {
            buf_reserve(e->b, 1);
            memmove(e->b->data + e->pos + 1, e->b->data + e->pos, e->b->len - e->pos);
            e->b->data[e->pos++] = (char)c;
            e->b->len++;
        }
        refresh(e);
    }
    free(saved);
    return LE_LINE;
}

int le_readline(LineEdit *le, const char *prompt, Buf *out)
{
    out->len = 0;
    if (!le->raw_ok) return read_plain(prompt, out);
    struct termios old, raw;
    if (tcgetattr(0, &old) != 0) return read_plain(prompt, out);
    raw = old;
    raw.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    raw.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(0, TCSANOW, &raw) != 0) return read_plain(prompt, out);
    Ed e = {out, 0, prompt};
    int rc = edit_loop(le, &e);
    tcsetattr(0, TCSANOW, &old);
    if (write(2, "\r\n", 2) < 0) { /* ignore */ }
    return rc;
}
