/* progress.c — the live progress line and the footer (progress.h). */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

int64_t progress_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void progress_start(Progress *p, bool enabled)
{
    memset(p, 0, sizeof *p);
    p->enabled = enabled;
    p->t0_ns = p->last_ns = progress_now_ns();
}

void progress_quantity(double v, char *out, size_t cap)
{
    static const char *const unit[] = {"", " thousand", " million", " billion", " trillion", " quadrillion"};
    int i = 0;
    while (v >= 1000 && i < 5) v /= 1000, i++;
    if (i == 0) snprintf(out, cap, "%.0f", v);
    else snprintf(out, cap, "%.2f%s", v, unit[i]);
}

void progress_size(double v, char *out, size_t cap)
{
    static const char *const unit[] = {"B", "KB", "MB", "GB", "TB", "PB"};
    int i = 0;
    while (v >= 1000 && i < 5) v /= 1000, i++;
    if (i == 0) snprintf(out, cap, "%.0f %s", v, unit[i]);
    else snprintf(out, cap, "%.2f %s", v, unit[i]);
}

static int term_width(void)
{
    struct winsize ws;
    if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
    return 80;
}

static void draw(Progress *p, int64_t now)
{
    double secs = (double)(now - p->t0_ns) / 1e9;
    char rows[48], bytes[48], rrate[48], brate[48], line[512];
    progress_quantity((double)p->rows, rows, sizeof rows);
    progress_size((double)p->bytes, bytes, sizeof bytes);
    progress_quantity(secs > 0 ? (double)p->rows / secs : 0, rrate, sizeof rrate);
    progress_size(secs > 0 ? (double)p->bytes / secs : 0, brate, sizeof brate);
    int n = snprintf(line, sizeof line, "Progress: %s rows, %s (%s rows/s., %s/s.) %.1fs", rows, bytes, rrate, brate, secs);
    if (n < 0) return;
    int width = term_width();
    if (p->total_rows && p->rows <= p->total_rows && n + 10 < width) {
        /* a bar over the rest of the line, and the percentage */
        int pct = (int)(100.0 * (double)p->rows / (double)p->total_rows);
        int bar = width - n - 8;
        int fill = (int)((double)bar * (double)p->rows / (double)p->total_rows);
        n += snprintf(line + n, sizeof line - (size_t)n, " ");
        for (int i = 0; i < bar && n < (int)sizeof line - 8; i++) line[n++] = i < fill ? '#' : ' ';
        n += snprintf(line + n, sizeof line - (size_t)n, " %3d%%", pct);
    }
    fprintf(stderr, "\r\033[K%s", line);
    fflush(stderr);
    p->drawn = true;
}

static void maybe_draw(Progress *p)
{
    if (!p->enabled) return;
    int64_t now = progress_now_ns();
    if (now - p->t0_ns < 500000000 || now - p->last_ns < 100000000) return;
    p->last_ns = now;
    draw(p, now);
}

void progress_add(Progress *p, uint64_t rows, uint64_t bytes, uint64_t total_rows, uint64_t wrows, uint64_t wbytes)
{
    p->rows += rows, p->bytes += bytes, p->total_rows += total_rows;
    p->written_rows += wrows, p->written_bytes += wbytes;
    maybe_draw(p);
}

void progress_set(Progress *p, uint64_t rows, uint64_t bytes, uint64_t total_rows)
{
    p->rows = rows, p->bytes = bytes, p->total_rows = total_rows;
    maybe_draw(p);
}

void progress_clear(Progress *p)
{
    if (!p->drawn) return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->drawn = false;
}

void progress_footer(Progress *p, bool had_result, uint64_t result_rows)
{
    progress_clear(p);
    double secs = (double)(progress_now_ns() - p->t0_ns) / 1e9;
    if (!had_result) fputs("Ok.\n", stderr);
    fprintf(stderr, "\n%llu row%s in set. Elapsed: %.3f sec. ", (unsigned long long)result_rows, result_rows == 1 ? "" : "s", secs);
    if (p->rows) {
        char rows[48], bytes[48], rrate[48], brate[48];
        progress_quantity((double)p->rows, rows, sizeof rows);
        progress_size((double)p->bytes, bytes, sizeof bytes);
        progress_quantity(secs > 0 ? (double)p->rows / secs : 0, rrate, sizeof rrate);
        progress_size(secs > 0 ? (double)p->bytes / secs : 0, brate, sizeof brate);
        fprintf(stderr, "Processed %s rows, %s (%s rows/s., %s/s.)", rows, bytes, rrate, brate);
    }
    fputs("\n\n", stderr);
    fflush(stderr);
}
