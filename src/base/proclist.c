/* proclist.c — running queries and the query log; see proclist.h.
 * Both under one mutex: a list of running queries (a few hundred at most)
 * and a ring of log rows. Untracked memory: this outlives every query. */
#include "proclist.h"

#include <pthread.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static ProcInfo *running;
static int nrunning;
static QueryLogRow *ring;
static size_t ring_head, ring_len;

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

int proc_begin(ProcInfo *p, const char *query, const char *database, int max_concurrent, Err *err)
{
    pthread_mutex_lock(&lock);
    for (ProcInfo *r = running; r; r = r->next)
        if (p->query_id[0] && !strcmp(r->query_id, p->query_id)) {
            pthread_mutex_unlock(&lock);
            return err_set(err, ERR_QUERY_WITH_SAME_ID_IS_ALREADY_RUNNING, "Query with id = %s is already running.", p->query_id);
        }
    if (max_concurrent > 0 && nrunning >= max_concurrent) {
        pthread_mutex_unlock(&lock);
        return err_set(err, ERR_TOO_MANY_SIMULTANEOUS_QUERIES, "Too many simultaneous queries. Maximum: %d", max_concurrent);
    }
    MemTracker *saved = mem_current;
    mem_current = NULL;
    p->query = dup_or_null(query ? query : "");
    p->database = dup_or_null(database ? database : "");
    mem_current = saved;
    p->next = running;
    running = p;
    nrunning++;
    pthread_mutex_unlock(&lock);
    return 0;
}

void proc_end(ProcInfo *p)
{
    pthread_mutex_lock(&lock);
    for (ProcInfo **pp = &running; *pp; pp = &(*pp)->next)
        if (*pp == p) {
            *pp = p->next;
            nrunning--;
            break;
        }
    pthread_mutex_unlock(&lock);
    MemTracker *saved = mem_current;
    mem_current = NULL;
    free(p->query);
    free(p->database);
    mem_current = saved;
    p->query = p->database = NULL;
}

bool proc_cancel(const char *query_id)
{
    bool found = false;
    pthread_mutex_lock(&lock);
    for (ProcInfo *r = running; r; r = r->next)
        if (!strcmp(r->query_id, query_id)) {
            r->cancel = 1;
            found = true;
        }
    pthread_mutex_unlock(&lock);
    return found;
}

bool proc_running(const char *query_id)
{
    bool found = false;
    pthread_mutex_lock(&lock);
    for (ProcInfo *r = running; r && !found; r = r->next) found = !strcmp(r->query_id, query_id);
    pthread_mutex_unlock(&lock);
    return found;
}

void proc_each(void (*fn)(void *ctx, const ProcInfo *p), void *ctx)
{
    pthread_mutex_lock(&lock);
    for (ProcInfo *r = running; r; r = r->next) fn(ctx, r);
    pthread_mutex_unlock(&lock);
}

static void row_free(QueryLogRow *r)
{
    free(r->query), free(r->query_id), free(r->user), free(r->database), free(r->exception), free(r->address);
}

void querylog_query(int type, const ProcInfo *pi, const QueryCtx *qc, const char *text, const char *db, int code, const Err *err,
                    uint64_t duration_ms)
{
    QueryLogRow r = {.type = type, .start_us = qc->now_us, .query = (char *)text, .query_id = (char *)pi->query_id,
                     .user = (char *)pi->user, .database = (char *)db, .address = (char *)pi->address, .exception_code = code};
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    r.event_us = type == QLOG_START ? qc->now_us : (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
    if (type != QLOG_START) {
        r.duration_ms = duration_ms;
        r.read_rows = qc->rows_read, r.read_bytes = qc->bytes_read;
        r.written_rows = qc->rows_written, r.written_bytes = qc->bytes_written;
        r.result_rows = qc->result_rows, r.result_bytes = qc->result_bytes;
        r.memory_usage = qc->mem.peak;
    }
    char msg[ERR_MSG_MAX + 256];
    if (err) {
        err_format(err, msg, sizeof msg);
        r.exception = msg;
    }
    querylog_add(&r);
}

void proc_new_query_id(char *out, size_t cap)
{
    uint8_t b[16];
    if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        uint64_t t = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
        memcpy(b, &t, 8);
        memcpy(b + 8, &t, 8);
    }
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
    snprintf(out, cap, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
             b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

void querylog_add(const QueryLogRow *r)
{
    MemTracker *saved = mem_current;
    mem_current = NULL;
    QueryLogRow c = *r;
    c.query = dup_or_null(r->query), c.query_id = dup_or_null(r->query_id), c.user = dup_or_null(r->user);
    c.database = dup_or_null(r->database), c.exception = dup_or_null(r->exception), c.address = dup_or_null(r->address);
    pthread_mutex_lock(&lock);
    if (!ring) ring = xcalloc(QUERY_LOG_ROWS, sizeof *ring);
    size_t at = (ring_head + ring_len) % QUERY_LOG_ROWS;
    if (ring_len == QUERY_LOG_ROWS) {   /* full: the oldest row goes */
        row_free(&ring[ring_head]);
        ring_head = (ring_head + 1) % QUERY_LOG_ROWS;
        at = (ring_head + ring_len - 1) % QUERY_LOG_ROWS;
    } else {
        ring_len++;
    }
    ring[at] = c;
    pthread_mutex_unlock(&lock);
    mem_current = saved;
}

void querylog_each(void (*fn)(void *ctx, const QueryLogRow *r), void *ctx)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < ring_len; i++) fn(ctx, &ring[(ring_head + i) % QUERY_LOG_ROWS]);
    pthread_mutex_unlock(&lock);
}

/* ---- events and metrics ---- */

static const char *const EVENTS[EV_COUNT][2] = {
    {"Query", "Number of queries to be interpreted and potentially executed."},
    {"SelectQuery", "Same as Query, but only for SELECT queries."},
    {"InsertQuery", "Same as Query, but only for INSERT queries."},
    {"FailedQuery", "Number of failed queries."},
    {"FailedSelectQuery", "Same as FailedQuery, but only for SELECT queries."},
    {"FailedInsertQuery", "Same as FailedQuery, but only for INSERT queries."},
    {"SelectedRows", "Number of rows SELECTed from all tables."},
    {"SelectedBytes", "Number of bytes (uncompressed) SELECTed from all tables."},
    {"InsertedRows", "Number of rows INSERTed to all tables."},
    {"InsertedBytes", "Number of bytes (uncompressed) INSERTed to all tables."},
    {"HTTPConnection", "Number of HTTP connections accepted."},
};
static const char *const METRICS[MET_COUNT][2] = {
    {"Query", "Number of executing queries"},
    {"HTTPConnection", "Number of connections to HTTP server"},
    {"MemoryTracking", "Total amount of memory (bytes) allocated by the server."},
};
static uint64_t events[EV_COUNT];
static int64_t metrics[MET_COUNT];

void event_add(EventId e, uint64_t n) { __atomic_add_fetch(&events[e], n, __ATOMIC_RELAXED); }
uint64_t event_get(EventId e) { return __atomic_load_n(&events[e], __ATOMIC_RELAXED); }
const char *event_name(EventId e) { return EVENTS[e][0]; }
const char *event_description(EventId e) { return EVENTS[e][1]; }
void metric_add(MetricId m, int64_t n) { __atomic_add_fetch(&metrics[m], n, __ATOMIC_RELAXED); }
void metric_set(MetricId m, int64_t v) { __atomic_store_n(&metrics[m], v, __ATOMIC_RELAXED); }
int64_t metric_get(MetricId m)
{
    if (m == MET_QUERY) {
        pthread_mutex_lock(&lock);
        int n = nrunning;
        pthread_mutex_unlock(&lock);
        return n;
    }
    return __atomic_load_n(&metrics[m], __ATOMIC_RELAXED);
}
const char *metric_name(MetricId m) { return METRICS[m][0]; }
const char *metric_description(MetricId m) { return METRICS[m][1]; }
