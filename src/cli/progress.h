/* progress.h — what `basalt client` and `basalt local` show on the terminal
 * around a query: the live progress line on stderr while it runs (rows and
 * bytes read, their rates, elapsed time, and a bar with the percentage
 * when the total is known), and clickhouse-client's footer after it
 * ("N rows in set. Elapsed: ... Processed ..."). */
#ifndef BASALT_PROGRESS_H
#define BASALT_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Progress {
    bool enabled;              /* draw on stderr (a terminal) */
    bool drawn;                /* a progress line is on screen */
    int64_t t0_ns, last_ns;
    uint64_t rows, bytes, total_rows;
    uint64_t written_rows, written_bytes;
} Progress;

int64_t progress_now_ns(void);
void progress_start(Progress *p, bool enabled);
/* Adds a Progress increment and redraws (at most every 100 ms, from 0.5 s on). */
void progress_add(Progress *p, uint64_t rows, uint64_t bytes, uint64_t total_rows, uint64_t wrows, uint64_t wbytes);
/* Sets the totals so far (in-process queries: read, and to read) and redraws likewise. */
void progress_set(Progress *p, uint64_t rows, uint64_t bytes, uint64_t total_rows);
/* Erases the progress line (before results are printed, and at the end). */
void progress_clear(Progress *p);
/* The footer: "Ok." when there was no result, then rows, elapsed, processed. */
void progress_footer(Progress *p, bool had_result, uint64_t result_rows);
/* ClickHouse's readable forms: "1.50 million", "12.30 MB". */
void progress_quantity(double v, char *out, size_t cap);
void progress_size(double v, char *out, size_t cap);

#endif
