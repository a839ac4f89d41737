/* tcp.c — the native TCP protocol (see tcp.h and
 * ../shared/spec/native-protocol.md): Hello with revision negotiation
 * (basalt announces 54453 and speaks min(client, 54453)), authentication
 * with the HTTP users (users.c, access.c), then a loop of packets: Ping,
 * TablesStatusRequest, Query. A Query carries ClientInfo and settings
 * (strings, or the typed binary form of clients below 54429), then the
 * external-tables stream up to an empty block; its result goes out as
 * Native blocks (header first, then data, ProfileInfo, Progress, an empty
 * block, EndOfStream), an INSERT without inline data sends its header and
 * takes the client's blocks, any failure is an Exception packet. Blocks may
 * be compressed both ways (LZ4 or ZSTD frames with CityHash128 checksums,
 * checked before anything is decompressed; compress/frame.c). During a
 * query the socket is polled every 100 ms for Cancel or a closed client.
 */
#include "tcp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../base/pool.h"
#include "../base/proclist.h"
#include "../base/version.h"
#include "../compress/codec.h"
#include "../sql/parser.h"
#include "access.h"
#include "native.h"
#include "query.h"
#include "users.h"
#include "wire.h"

#define REVISION 54453
#define MAX_STRING_FIELD (1u << 20)
#define MAX_QUERY_TEXT (64u << 20)

enum { C_HELLO = 0, C_QUERY = 1, C_DATA = 2, C_CANCEL = 3, C_PING = 4, C_TABLES_STATUS = 5 };
enum { S_HELLO = 0, S_DATA = 1, S_EXCEPTION = 2, S_PROGRESS = 3, S_PONG = 4, S_EOS = 5, S_PROFILE = 6, S_TOTALS = 7, S_TABLES_STATUS = 9 };

typedef struct Conn {
    Wire w;                    /* the socket, buffered (wire.c) */
    const TcpServerConf *conf;
    uint64_t rev;              /* negotiated: min(client, REVISION) */
    Session *s;
    /* the running query (w.compress: its Data packets are compressed) */
    volatile int *cancel;      /* the running query's flag (its ProcInfo's: KILL QUERY sets it too) */
    bool cancelled;            /* by the client (Cancel, or it went away) */
    const QueryCtx *q;         /* the running query, for Progress */
    uint64_t sent_rows, sent_bytes;   /* read rows and bytes Progress packets told so far */
    uint64_t sent_total;              /* and rows to read in all */
    int64_t progress_ns;              /* when the last Progress packet went out */
    char peer[64];
    bool insert_done;          /* the client's blocks ended (empty block read) */
    bool sent_header, is_insert;
    uint64_t blocks, result_bytes;
    Arena blk_arena;           /* names and types of the client block being inserted */
} Conn;

/* ---- reading and writing (wire.c) ---- */

static int rd(Conn *c, void *dst, size_t n, Err *err) { return wire_read(&c->w, dst, n, err); }
static int rd_varint(Conn *c, uint64_t *v, Err *err) { return wire_varint(&c->w, v, err); }
static int rd_str(Conn *c, Arena *a, size_t max, char **out, size_t *len, Err *err) { return wire_str(&c->w, a, max, out, len, err); }
static void put_str(Buf *b, const char *s) { wire_put_str(b, s); }
static int flush_out(Conn *c, Err *err) { return wire_flush(&c->w, err); }

static void put_exception(Conn *c, const Err *e)
{
    buf_put_varint(&c->w.out, S_EXCEPTION);
    int32_t code = e->code;
    buf_put(&c->w.out, &code, 4);
    put_str(&c->w.out, "DB::Exception");
    Buf m = {0};
    buf_printf(&m, "DB::Exception: %s", e->msg);
    put_str(&c->w.out, buf_cstr(&m));
    buf_free(&m);
    put_str(&c->w.out, "");
    buf_putc(&c->w.out, 0);
}

static int put_packet_block(Conn *c, int type, int ncols, char **names, const DataType **types, const Chunk *ch, Err *err)
{
    return wire_put_block(&c->w, type, ncols, names, types, ch, err);
}

static int put_block(Conn *c, int ncols, char **names, const DataType **types, const Chunk *ch, Err *err)
{
    return put_packet_block(c, S_DATA, ncols, names, types, ch, err);
}

/* The block of a Data packet (its type already read). */
static int read_data_packet(Conn *c, Arena *a, char **table, Chunk **out, char ***names, const DataType ***types, Err *err)
{
    return wire_read_block(&c->w, c->w.compress, a, table, out, names, types, err);
}

/* ---- the sink of a query ---- */

static int on_header(void *ctx, int ncols, char **names, const DataType **types, Err *err)
{
    Conn *c = ctx;
    c->sent_header = true;
    Chunk empty = {.ncols = ncols, .rows = 0};
    return put_block(c, ncols, names, types, &empty, err);
}

typedef struct Result { Conn *c; int ncols; char **names; const DataType **types; } Result;
static __thread Result cur;   /* the columns of the result being sent */

static int on_header_result(void *ctx, int ncols, char **names, const DataType **types, Err *err)
{
    cur = (Result){ctx, ncols, names, types};
    return on_header(ctx, ncols, names, types, err);
}

static int on_chunk(void *ctx, const Chunk *ch, Err *err)
{
    Conn *c = ctx;
    if (!ch->rows) return 0;
    c->blocks++;
    c->result_bytes += chunk_bytes(ch);
    return put_block(c, cur.ncols, cur.names, cur.types, ch, err);
}

static int on_totals(void *ctx, const Chunk *totals, Err *err)
{
    Conn *c = ctx;
    return put_packet_block(c, S_TOTALS, cur.ncols, cur.names, cur.types, totals, err);
}

static int next_block(void *ctx, Chunk **out, char ***names, const DataType ***types, Err *err)
{
    Conn *c = ctx;
    *out = NULL;
    if (c->insert_done) return 0;
    uint64_t type;
    int rc = rd_varint(c, &type, err);
    if (rc) return rc;
    if (type != C_DATA) return err_set(err, ERR_UNEXPECTED_PACKET_FROM_CLIENT, "Unexpected packet from client (expected Data, got %llu)", (unsigned long long)type);
    char *table;
    arena_free(&c->blk_arena);   /* the last block's names are done with */
    arena_init(&c->blk_arena);
    rc = read_data_packet(c, &c->blk_arena, &table, out, names, types, err);
    if (!rc && !*out) c->insert_done = true;
    return rc;
}

static void put_progress_rows(Conn *c, uint64_t rows, uint64_t bytes, uint64_t total, uint64_t wrows, uint64_t wbytes)
{
    buf_put_varint(&c->w.out, S_PROGRESS);
    buf_put_varint(&c->w.out, rows);
    buf_put_varint(&c->w.out, bytes);
    buf_put_varint(&c->w.out, total);   /* what the scans planned to read, as it became known */
    if (c->rev >= 54420) {
        buf_put_varint(&c->w.out, wrows);
        buf_put_varint(&c->w.out, wbytes);
    }
}

/* What was read since the last Progress (increments, as clients add them up). */
static void progress_increment(Conn *c)
{
    uint64_t r = __atomic_load_n(&c->q->rows_read, __ATOMIC_RELAXED), b = __atomic_load_n(&c->q->bytes_read, __ATOMIC_RELAXED);
    uint64_t t = __atomic_load_n(&c->q->total_rows_to_read, __ATOMIC_RELAXED);
    put_progress_rows(c, r > c->sent_rows ? r - c->sent_rows : 0, b > c->sent_bytes ? b - c->sent_bytes : 0,
                      t > c->sent_total ? t - c->sent_total : 0, 0, 0);
    c->sent_total = t > c->sent_total ? t : c->sent_total;
    c->sent_rows = r > c->sent_rows ? r : c->sent_rows;
    c->sent_bytes = b > c->sent_bytes ? b : c->sent_bytes;
}

static int64_t mono_ns(void);

#define HELLO_TIMEOUT_S 30     /* as the HTTP port's request head */
#define IDLE_TIMEOUT_S 300

#define CANCEL_POLL_NS (20 * 1000000LL)      /* how often a running query looks for Cancel */
#define PROGRESS_EVERY_NS (100 * 1000000LL)  /* and sends Progress */

/* Every 20 ms while a query runs: a Cancel packet, or a closed socket,
 * cancels it (so it stops well within 100 ms); every 100 ms a SELECT whose
 * header is out gets a Progress packet. */
static void tick(void *ctx)
{
    Conn *c = ctx;
    struct pollfd p = {.fd = c->w.fd, .events = POLLIN};
    if (c->is_insert && !c->insert_done) {
        /* the client's blocks are still coming: the next byte may be inside one */
    } else if (wire_buffered(&c->w)) {
        if ((unsigned char)c->w.rbuf[c->w.rpos] == C_CANCEL) {
            c->w.rpos++;
            c->cancelled = true;
            *c->cancel = 1;
            return;
        }
    } else if (poll(&p, 1, 0) > 0) {
        unsigned char b;
        ssize_t k = recv(c->w.fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
        if (k == 0 || (k == 1 && b == C_CANCEL)) {
            if (k == 1) recv(c->w.fd, &b, 1, MSG_DONTWAIT);
            c->cancelled = true;
            *c->cancel = 1;
            return;
        }
    }
    int64_t now = mono_ns();
    if (c->sent_header && !c->is_insert && c->q && now - c->progress_ns >= PROGRESS_EVERY_NS) {
        Err e;
        c->progress_ns = now;
        progress_increment(c);
        flush_out(c, &e);
    }
}

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- Query ---- */

/* Settings the 18.16 client sends as String or as ZigZag Int64 in the
 * binary form (spec §5.3); every other setting is a VarUInt. */
static const char *const BIN_STRING[] = {
    "load_balancing", "totals_mode", "totals_auto_threshold", "max_streams_to_max_threads_ratio", "network_compression_method",
    "distributed_product_mode", "memory_tracker_fault_probability", "count_distinct_implementation",
    "input_format_allow_errors_ratio", "join_default_strictness", "format_schema", "read_overflow_mode", "group_by_overflow_mode",
    "sort_overflow_mode", "result_overflow_mode", "timeout_overflow_mode", "set_overflow_mode", "join_overflow_mode",
    "transfer_overflow_mode", "distinct_overflow_mode", "format_csv_delimiter", "date_time_input_format", "send_logs_level", NULL};
static const char *const BIN_ZIGZAG[] = {"network_zstd_compression_level", "http_zlib_compression_level", "distributed_ddl_task_timeout", NULL};

static bool in_list(const char *const *l, const char *n)
{
    for (; *l; l++)
        if (!strcmp(*l, n)) return true;
    return false;
}

/* Reads the settings list into set (names basalt does not know are skipped). */
static int read_settings(Conn *c, Arena *a, Settings *set, Err *err)
{
    for (int guard = 0; guard < 100000; guard++) {
        char *name, *value;
        int rc = rd_str(c, a, 4096, &name, NULL, err);
        if (rc) return rc;
        if (!*name) return 0;
        char num[32];
        if (c->rev >= 54429) {
            uint64_t flags;
            if ((rc = rd_varint(c, &flags, err)) || (rc = rd_str(c, a, MAX_STRING_FIELD, &value, NULL, err))) return rc;
        } else if (in_list(BIN_STRING, name)) {
            if ((rc = rd_str(c, a, MAX_STRING_FIELD, &value, NULL, err))) return rc;
        } else {
            uint64_t v;
            if ((rc = rd_varint(c, &v, err))) return rc;
            if (in_list(BIN_ZIGZAG, name)) snprintf(num, sizeof num, "%lld", (long long)((v >> 1) ^ (~(v & 1) + 1)));
            else snprintf(num, sizeof num, "%llu", (unsigned long long)v);
            value = num;
        }
        if (settings_find(name) < 0) continue;   /* a client-side or newer setting: not ours */
        if ((rc = settings_set(set, name, value, err))) return rc;
    }
    return err_set(err, ERR_INCORRECT_DATA, "Too many settings");
}

static int skip_client_info(Conn *c, Arena *a, Err *err)
{
    uint8_t kind, iface;
    char *t;
    uint64_t v;
    int rc = rd(c, &kind, 1, err);
    if (rc || kind == 0) return rc;
    for (int i = 0; i < 3 && !rc; i++) rc = rd_str(c, a, MAX_STRING_FIELD, &t, NULL, err);   /* initial user, query id, address */
    uint64_t start;
    if (!rc && c->rev >= 54449) rc = rd(c, &start, 8, err);
    if (!rc) rc = rd(c, &iface, 1, err);
    if (rc) return rc;
    if (iface == 1) {
        for (int i = 0; i < 3 && !rc; i++) rc = rd_str(c, a, MAX_STRING_FIELD, &t, NULL, err);   /* os user, host, client name */
        for (int i = 0; i < 3 && !rc; i++) rc = rd_varint(c, &v, err);                           /* major, minor, revision */
    } else if (iface == 2) {
        uint8_t m;
        rc = rd(c, &m, 1, err);
        if (!rc) rc = rd_str(c, a, MAX_STRING_FIELD, &t, NULL, err);
        if (!rc && c->rev >= 54443) rc = rd_str(c, a, MAX_STRING_FIELD, &t, NULL, err);
        if (!rc && c->rev >= 54447) rc = rd_str(c, a, MAX_STRING_FIELD, &t, NULL, err);
    } else {
        return err_set(err, ERR_INCORRECT_DATA, "Unknown client interface %u", iface);
    }
    if (!rc && c->rev >= 54060) rc = rd_str(c, a, MAX_STRING_FIELD, &t, NULL, err);   /* quota key */
    if (!rc && c->rev >= 54448) rc = rd_varint(c, &v, err);                            /* distributed depth */
    if (!rc && c->rev >= 54401 && iface == 1) rc = rd_varint(c, &v, err);              /* version patch */
    if (!rc && c->rev >= 54442) {
        uint8_t trace;
        rc = rd(c, &trace, 1, err);
        if (!rc && trace) {
            char ids[24];
            uint8_t flags;
            rc = rd(c, ids, sizeof ids, err);
            if (!rc) rc = rd_str(c, a, MAX_STRING_FIELD, &t, NULL, err);
            if (!rc) rc = rd(c, &flags, 1, err);
        }
    }
    for (int i = 0; i < 3 && !rc && c->rev >= 54453; i++) rc = rd_varint(c, &v, err);   /* parallel replicas */
    return rc;
}

/* The external-tables stream up to its empty block (external tables are not supported). */
static int read_external_tables(Conn *c, Arena *a, Err *err)
{
    bool unsupported = false;
    for (int guard = 0; guard < 1000000; guard++) {
        uint64_t type;
        int rc = rd_varint(c, &type, err);
        if (rc) return rc;
        if (type != C_DATA) return err_set(err, ERR_UNEXPECTED_PACKET_FROM_CLIENT, "Unexpected packet from client (expected Data, got %llu)", (unsigned long long)type);
        char *table, **names;
        const DataType **types;
        Chunk *ch;
        if ((rc = read_data_packet(c, a, &table, &ch, &names, &types, err))) return rc;
        if (!ch && !*table) break;
        chunk_free(ch);
        unsupported = true;
    }
    return unsupported ? err_set(err, ERR_NOT_IMPLEMENTED, "External tables are not supported") : 0;
}

static void put_profile(Conn *c, const QueryCtx *q)
{
    buf_put_varint(&c->w.out, S_PROFILE);
    buf_put_varint(&c->w.out, q->result_rows);
    buf_put_varint(&c->w.out, c->blocks);
    buf_put_varint(&c->w.out, c->result_bytes);
    buf_putc(&c->w.out, q->has_limit);
    buf_put_varint(&c->w.out, q->has_limit ? q->rows_before_limit : 0);
    buf_putc(&c->w.out, 1);   /* calculated_rows_before_limit: the 18.16 client aborts on 0 */
}

static int compression_chain(Conn *c, const Settings *set, Err *err)
{
    codec_chain_default(&c->w.chain);   /* LZ4 */
    const char *m = settings_str(set, SET_network_compression_method);
    int rc = 0;
    if (m && !strcasecmp(m, "zstd")) {
        c->w.chain.steps[0].method = CM_ZSTD;
        c->w.chain.steps[0].level = (int)settings_int(set, SET_network_zstd_compression_level);
    } else if (m && strcasecmp(m, "lz4") && strcasecmp(m, "lz4hc")) {
        rc = err_set(err, ERR_UNKNOWN_COMPRESSION_METHOD, "Unknown compression method: %s", m);
    }
    return rc;
}

/* A Query packet and what follows it, to the last packet of the answer. */
static int run_query(Conn *c)
{
    QueryCtx q;
    qctx_init(&q);
    q.tz = tz_default();
    Err err = {0};
    char *qid, *secret, *text;
    size_t tlen;
    uint64_t stage, compress;
    Settings saved;
    settings_copy(&saved, &c->s->settings);
    c->insert_done = c->sent_header = c->is_insert = c->cancelled = false;
    c->blocks = c->result_bytes = c->sent_rows = c->sent_bytes = c->sent_total = 0;
    c->q = NULL;
    ProcInfo pi = {0};
    bool registered = false;
    int64_t t0 = mono_ns();
    bool drain = false, lost = false;   /* lost: the client's packets are out of step */
    int rc = rd_str(c, &q.arena, MAX_STRING_FIELD, &qid, NULL, &err);
    if (!rc && c->rev >= 54032) rc = skip_client_info(c, &q.arena, &err);
    if (!rc) rc = read_settings(c, &q.arena, &c->s->settings, &err);
    if (!rc && c->rev >= 54441) rc = rd_str(c, &q.arena, MAX_STRING_FIELD, &secret, NULL, &err);
    if (!rc) rc = rd_varint(c, &stage, &err);
    if (!rc) rc = rd_varint(c, &compress, &err);
    if (!rc) rc = rd_str(c, &q.arena, MAX_QUERY_TEXT, &text, &tlen, &err);
    if (rc) goto fatal;
    c->w.compress = compress != 0;
    if ((rc = read_external_tables(c, &q.arena, &err))) {
        lost = true;   /* its bytes could not be read: the stream is out of step */
        goto answer;
    }
    if ((rc = compression_chain(c, &c->s->settings, &err))) goto answer;
    if (*qid) snprintf(q.query_id, sizeof q.query_id, "%s", qid);
    else proc_new_query_id(q.query_id, sizeof q.query_id);
    /* {name:Identifier} parameters (SET param_x) are replaced first */
    Buf subst = {0};
    bool changed;
    rc = sql_substitute_identifiers(text, tlen, c->s->params, c->s->nparams, &subst, &changed, &err);
    if (!rc && changed) text = arena_strndup(&q.arena, subst.data, subst.len), tlen = subst.len;
    buf_free(&subst);
    if (rc) goto answer;
    Ast *st = NULL;
    size_t off = 0;
    ParseLimits lim = {.max_query_size = (size_t)settings_int(&c->s->settings, SET_max_query_size),
                       .max_parser_depth = (int)settings_int(&c->s->settings, SET_max_parser_depth),
                       .max_ast_elements = settings_int(&c->s->settings, SET_max_ast_elements)};
    if ((rc = parse_next_statement(&q.arena, text, tlen, &off, &lim, &st, &err))) goto answer;
    if (!st) {
        rc = err_set(&err, ERR_SYNTAX_ERROR, "Empty query");
        goto answer;
    }
    QuerySink sink = {.flush = NULL, .ctx = c, .default_format = "Native", .on_header = on_header_result, .on_chunk = on_chunk,
                      .next_block = next_block, .on_totals = on_totals};
    if (st->kind == AST_INSERT) sink.on_header = on_header;   /* the columns it expects */
    drain = c->is_insert = st->kind == AST_INSERT;
    /* the running query (system.processes, KILL QUERY) and its log rows */
    snprintf(pi.query_id, sizeof pi.query_id, "%s", q.query_id);
    snprintf(pi.user, sizeof pi.user, "%.63s", c->s->user);
    snprintf(pi.address, sizeof pi.address, "%s", c->peer);
    pi.start_us = q.now_us;
    pi.q = &q;
    if ((rc = proc_begin(&pi, text, c->s->database, c->conf->max_queries, &err))) goto answer;
    registered = true;
    querylog_query(QLOG_START, &pi, &q, text, c->s->database, 0, NULL, 0);
    c->cancel = &pi.cancel;
    c->q = &q;
    q.cancel = &pi.cancel;
    q.tick = tick;
    q.tick_ctx = c;
    q.tick_every_ns = CANCEL_POLL_NS;
    c->progress_ns = mono_ns();
    q.tick_next_ns = mono_ns() + q.tick_every_ns;
    q.tick_thread = (unsigned long)pthread_self();
    rc = query_run_statement(c->s, st, &q, &sink, &err);
    buf_free(&sink.out);
    if (st->kind != AST_SET && !(st->kind == AST_ACCESS && ((StmtAccess *)st->stmt)->op == ACC_SET_ROLE)) {
        settings_free(&c->s->settings);   /* the packet's settings were for this query */
        settings_copy(&c->s->settings, &saved);
    }
answer:
    if (registered) {
        proc_end(&pi);
        querylog_query(rc ? QLOG_EXCEPTION_WHILE_PROCESSING : QLOG_FINISH, &pi, &q, text, c->s->database, rc, rc ? &err : NULL,
                       (uint64_t)((mono_ns() - t0) / 1000000));
    }
    c->q = NULL;
    if (rc && c->cancelled) {   /* cancelled by the client: the end of data, then EndOfStream */
        Err e2;
        rc = put_block(c, 0, NULL, NULL, NULL, &e2);
        buf_put_varint(&c->w.out, S_EOS);
        rc = flush_out(c, &e2) ? -1 : 0;
    } else if (rc) {
        bool in_step = !lost;
        if (drain && c->sent_header && !c->insert_done) {   /* the client is still sending blocks: take them first */
            Chunk *ch;
            char **n;
            const DataType **t;
            Err e2;
            for (int guard = 0; guard < 1000000 && !c->insert_done; guard++) {
                if (next_block(c, &ch, &n, &t, &e2)) break;
                chunk_free(ch);
            }
            in_step = c->insert_done;
        }
        put_exception(c, &err);
        Err e2;
        rc = flush_out(c, &e2) || !in_step ? -1 : 0;   /* blocks that cannot be read: the stream is lost, close */
    } else {
        Err e2;
        if (c->sent_header && st->kind != AST_INSERT) {
            put_profile(c, &q);
            c->q = &q;
            progress_increment(c);   /* the last increment */
            c->q = NULL;
            rc = put_block(c, 0, NULL, NULL, NULL, &e2);
        }
        buf_put_varint(&c->w.out, S_EOS);
        if (!rc) rc = flush_out(c, &e2) ? -1 : 0;
    }
    settings_free(&saved);
    qctx_finish(&q);
    return rc;
fatal:
    settings_free(&c->s->settings);
    c->s->settings = saved;
    qctx_finish(&q);
    return -1;
}

/* ---- the connection ---- */

static int tables_status(Conn *c, Err *err)
{
    Arena a;
    arena_init(&a);
    uint64_t n;
    int rc = rd_varint(c, &n, err);
    if (!rc && n > 100000) rc = err_set(err, ERR_INCORRECT_DATA, "Too many tables");
    Buf body = {0};
    uint64_t found = 0;
    for (uint64_t i = 0; i < n && !rc; i++) {
        char *db, *tbl;
        if ((rc = rd_str(c, &a, MAX_STRING_FIELD, &db, NULL, err)) || (rc = rd_str(c, &a, MAX_STRING_FIELD, &tbl, NULL, err))) break;
        Table *t;
        Err e2;
        if (catalog_get_table(c->conf->catalog, db, tbl, &t, &e2) == 0) {
            table_unref(t);
            put_str(&body, db);
            put_str(&body, tbl);
            buf_putc(&body, 0);   /* not replicated */
            found++;
        }
    }
    if (!rc) {
        buf_put_varint(&c->w.out, S_TABLES_STATUS);
        buf_put_varint(&c->w.out, found);
        buf_put(&c->w.out, body.data, body.len);
        rc = flush_out(c, err);
    }
    buf_free(&body);
    arena_free(&a);
    return rc;
}

static int hello(Conn *c, Err *err)
{
    Arena a;
    arena_init(&a);
    uint64_t type, major, minor, rev;
    char *client, *db, *user, *pass;
    int rc = rd_varint(c, &type, err);
    if (!rc && (type == 'G' || type == 'P')) {   /* an HTTP client on the native port */
        static const char msg[] = "HTTP/1.0 400 Bad Request\r\n\r\nPort 9000 is for clickhouse-client program\n"
                                  "You must use port 8123 for HTTP.\n";
        buf_put(&c->w.out, msg, sizeof msg - 1);
        flush_out(c, err);
        arena_free(&a);
        return -1;
    }
    if (!rc && type != C_HELLO) rc = err_set(err, ERR_UNEXPECTED_PACKET_FROM_CLIENT, "Unexpected packet from client (expected Hello)");
    if (!rc) rc = rd_str(c, &a, 1024, &client, NULL, err);
    if (!rc) rc = rd_varint(c, &major, err);
    if (!rc) rc = rd_varint(c, &minor, err);
    if (!rc) rc = rd_varint(c, &rev, err);
    if (!rc) rc = rd_str(c, &a, 1024, &db, NULL, err);
    if (!rc) rc = rd_str(c, &a, 1024, &user, NULL, err);
    if (!rc) rc = rd_str(c, &a, 1024, &pass, NULL, err);
    if (rc) goto done;
    c->rev = rev < REVISION ? rev : REVISION;
    if (!*user) user = "default";
    int ro = 0;
    if (!users_check(user, pass, &ro) && !access_authenticate(user, pass, &ro)) {
        rc = err_set(err, ERR_AUTHENTICATION_FAILED, "%.200s: Authentication failed: password is incorrect, or there is no user with such name", user);
        goto done;
    }
    free(c->s->user);
    c->s->user = xstrdup(user);
    if ((rc = access_apply_profile(c->s, *db != 0, err))) goto done;
    if (ro) {
        char lvl[4] = {(char)('0' + ro), 0};
        if ((rc = settings_set(&c->s->settings, "readonly", lvl, err))) goto done;
    }
    if (*db) {
        if (!catalog_has_database(c->conf->catalog, db)) {
            rc = err_set(err, ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
            goto done;
        }
        free(c->s->database);
        c->s->database = xstrdup(db);
    }
    buf_put_varint(&c->w.out, S_HELLO);
    put_str(&c->w.out, "ClickHouse");
    unsigned vmaj = 0, vmin = 0, vpatch = 0;
    sscanf(BASALT_CH_VERSION, "%u.%u.%u", &vmaj, &vmin, &vpatch);
    buf_put_varint(&c->w.out, vmaj);
    buf_put_varint(&c->w.out, vmin);
    buf_put_varint(&c->w.out, REVISION);
    if (c->rev >= 54058) put_str(&c->w.out, tz_name(tz_default()));
    if (c->rev >= 54372) put_str(&c->w.out, c->conf->display_name);
    if (c->rev >= 54401) buf_put_varint(&c->w.out, vpatch);
    rc = flush_out(c, err);
done:
    arena_free(&a);
    return rc;
}

static void serve(Conn *c)
{
    Err err;
    if (hello(c, &err)) {
        if (err.code && err.code != ERR_NETWORK_ERROR) {
            put_exception(c, &err);
            flush_out(c, &err);
        }
        return;
    }
    if (c->w.fd >= 0) {   /* past Hello: an idle client may wait between queries, or pause reading a result */
        struct timeval tv = {.tv_sec = IDLE_TIMEOUT_S};
        setsockopt(c->w.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(c->w.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    }
    while (!*c->conf->stopping) {
        uint64_t type;
        if (rd_varint(c, &type, &err)) return;
        int rc = 0;
        switch (type) {
        case C_PING:
            buf_put_varint(&c->w.out, S_PONG);
            rc = flush_out(c, &err);
            break;
        case C_QUERY: rc = run_query(c); break;
        case C_TABLES_STATUS: rc = tables_status(c, &err); break;
        case C_CANCEL: break;
        default:
            err_set(&err, ERR_UNKNOWN_PACKET_FROM_CLIENT, "Unknown packet %llu from client", (unsigned long long)type);
            put_exception(c, &err);
            flush_out(c, &err);
            return;
        }
        if (rc) return;
    }
}

/* One connection's packets from memory instead of a socket, answers
 * dropped: the fuzz target (tests/fuzz/fuzz_tcp.c) drives the packet
 * decoder from Hello on through this. */
static ssize_t mem_recv(void *ctx, void *dst, size_t cap)
{
    const char **p = ctx;   /* p[0]: next byte, p[1]: end */
    size_t k = (size_t)(p[1] - p[0]) < cap ? (size_t)(p[1] - p[0]) : cap;
    memcpy(dst, p[0], k);
    p[0] += k;
    return (ssize_t)k;
}

void tcp_serve_memory(const TcpServerConf *conf, const char *data, size_t n)
{
    Conn *c = xcalloc(1, sizeof *c);
    const char *range[2] = {data, data + n};
    wire_init(&c->w, -1);
    c->w.recv = mem_recv;
    c->w.recv_ctx = range;
    c->conf = conf;
    snprintf(c->peer, sizeof c->peer, "fuzz");
    c->s = session_new(conf->catalog);
    c->s->mem.parent = conf->mem;
    arena_init(&c->blk_arena);
    serve(c);
    arena_free(&c->blk_arena);
    session_free(c->s);
    wire_free(&c->w);
    free(c);
}

/* ---- accepting ---- */

static TcpServerConf conf_copy;
static pthread_t acceptor;
static int active;
static volatile bool stop_accepting;

static void *conn_main(void *arg)
{
    Conn *c = arg;
    mem_current = NULL;
    struct timeval tv = {.tv_sec = HELLO_TIMEOUT_S};   /* Hello must come soon; later, an idle client is dropped */
    setsockopt(c->w.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(c->w.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char ip[INET6_ADDRSTRLEN] = "";
    if (getpeername(c->w.fd, (struct sockaddr *)&ss, &sl) == 0) {
        if (ss.ss_family == AF_INET) {
            struct sockaddr_in *a = (struct sockaddr_in *)&ss;
            inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
            snprintf(c->peer, sizeof c->peer, "%s:%u", ip, ntohs(a->sin_port));
        } else if (ss.ss_family == AF_INET6) {
            struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
            inet_ntop(AF_INET6, &a->sin6_addr, ip, sizeof ip);
            snprintf(c->peer, sizeof c->peer, "[%s]:%u", ip, ntohs(a->sin6_port));
        }
    }
    c->s = session_new(c->conf->catalog);
    c->s->mem.parent = c->conf->mem;
    arena_init(&c->blk_arena);
    serve(c);
    arena_free(&c->blk_arena);
    session_free(c->s);
    close(c->w.fd);
    wire_free(&c->w);
    free(c);
    __atomic_sub_fetch(&active, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void *accept_main(void *arg)
{
    const TcpServerConf *conf = arg;
    while (!stop_accepting && !*conf->stopping) {
        struct pollfd p = {.fd = conf->listen_fd, .events = POLLIN};
        if (poll(&p, 1, 200) <= 0) continue;
        int fd = accept4(conf->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) continue;
        if (__atomic_add_fetch(&active, 1, __ATOMIC_SEQ_CST) > conf->max_connections) {
            __atomic_sub_fetch(&active, 1, __ATOMIC_SEQ_CST);
            close(fd);
            continue;
        }
        Conn *c = xcalloc(1, sizeof *c);
        wire_init(&c->w, fd);
        c->conf = conf;
        pthread_t th;
        if (thread_start(&th, conn_main, c, true) != 0) {
            close(fd);
            free(c);
            __atomic_sub_fetch(&active, 1, __ATOMIC_SEQ_CST);
        }
    }
    return NULL;
}

int tcp_server_start(const TcpServerConf *conf)
{
    conf_copy = *conf;
    if (conf_copy.max_connections <= 0) conf_copy.max_connections = 1024;
    return thread_start(&acceptor, accept_main, &conf_copy, false) == 0 ? 0 : -1;
}

void tcp_server_stop(void)
{
    stop_accepting = true;
    pthread_join(acceptor, NULL);
    for (int i = 0; i < 100 && __atomic_load_n(&active, __ATOMIC_SEQ_CST) > 0; i++) usleep(50000);   /* running queries finish */
}
