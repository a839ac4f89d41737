/* proclist.h — the queries the server is running (system.processes, KILL
 * QUERY, max_concurrent_queries, a query_id in use twice) and the log of
 * the ones it ran (system.query_log: a start row and a finish or exception
 * row per query, kept in memory, the newest QUERY_LOG_ROWS of them).
 * server/http.c registers each query; storage/system.c reads both.
 */
#ifndef BASALT_PROCLIST_H
#define BASALT_PROCLIST_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "qctx.h"

#define QUERY_LOG_ROWS 20000

typedef struct ProcInfo {
    char query_id[64], user[64], address[64];
    char *query, *database;     /* owned copies */
    int64_t start_us;           /* wall clock */
    QueryCtx *q;                /* live statistics */
    volatile int cancel;        /* set by KILL QUERY; the query's q->cancel points here */
    struct ProcInfo *next;
} ProcInfo;

/* Registers a running query (p filled by the caller; query and database
 * are copied). QUERY_WITH_SAME_ID_IS_ALREADY_RUNNING if its id runs,
 * TOO_MANY_SIMULTANEOUS_QUERIES past max_concurrent (0: no limit). */
int proc_begin(ProcInfo *p, const char *query, const char *database, int max_concurrent, Err *err);
void proc_end(ProcInfo *p);
/* Asks the running query with this id to stop; false if none runs. */
bool proc_cancel(const char *query_id);
bool proc_running(const char *query_id);
/* fn(ctx, p) for each running query, under the registry's lock. */
void proc_each(void (*fn)(void *ctx, const ProcInfo *p), void *ctx);

enum { QLOG_START = 1, QLOG_FINISH = 2, QLOG_EXCEPTION_BEFORE_START = 3, QLOG_EXCEPTION_WHILE_PROCESSING = 4 };

typedef struct QueryLogRow {
    int type;
    int64_t event_us, start_us;
    uint64_t duration_ms, read_rows, read_bytes, written_rows, written_bytes, result_rows, result_bytes;
    int64_t memory_usage;
    int exception_code;
    char *query, *query_id, *user, *database, *exception, *address;
} QueryLogRow;

/* Appends a copy of r (its strings copied). */
void querylog_add(const QueryLogRow *r);
/* One row of system.query_log for a query of the registry (type QLOG_*;
 * code and err for a failure; its duration so far). */
void querylog_query(int type, const ProcInfo *pi, const QueryCtx *qc, const char *text, const char *db, int code, const Err *err,
                    uint64_t duration_ms);
/* A random UUIDv4 text, for a query without an id. */
void proc_new_query_id(char *out, size_t cap);
void querylog_each(void (*fn)(void *ctx, const QueryLogRow *r), void *ctx);

/* system.events (counters since start) and system.metrics (current values),
 * also served as Prometheus text at /metrics. */
typedef enum {
    EV_QUERY, EV_SELECT_QUERY, EV_INSERT_QUERY, EV_FAILED_QUERY, EV_FAILED_SELECT_QUERY, EV_FAILED_INSERT_QUERY,
    EV_SELECTED_ROWS, EV_SELECTED_BYTES, EV_INSERTED_ROWS, EV_INSERTED_BYTES, EV_HTTP_CONNECTION, EV_COUNT
} EventId;
typedef enum { MET_QUERY, MET_HTTP_CONNECTION, MET_MEMORY_TRACKING, MET_COUNT } MetricId;

void event_add(EventId e, uint64_t n);
uint64_t event_get(EventId e);
const char *event_name(EventId e);
const char *event_description(EventId e);
void metric_add(MetricId m, int64_t n);
void metric_set(MetricId m, int64_t v);
int64_t metric_get(MetricId m);
const char *metric_name(MetricId m);
const char *metric_description(MetricId m);

#endif
