/* client.c — `basalt client`: clickhouse-client's flags over the native
 * TCP protocol (../shared/spec/native-protocol.md; wire.c does the bytes).
 *
 * Statements come from -q, stdin or the interactive shell (repl.c) and are
 * split and tested exactly as `basalt local` does (cli_run_script). Each
 * goes to the server as a Query packet; the result comes back as Native
 * blocks and is printed here with the same output formats as local
 * (FORMAT, -f, else TabSeparated, or PrettyCompact on a terminal), with the
 * format settings of SET, the command line and the statement's SETTINGS.
 * An INSERT without inline data takes its rows from stdin, parsed here
 * with the input format and sent as (compressed) blocks. Progress packets
 * drive the progress line (progress.c); Ctrl-C sends Cancel, a second one
 * exits. Server errors print as clickhouse-client prints them and the exit
 * status is the error code modulo 256.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "../base/mem.h"
#include "../base/version.h"
#include "../server/native.h"
#include "../server/stmt.h"
#include "../server/wire.h"
#include "cli.h"
#include "progress.h"
#include "repl.h"

#define REVISION 54453
enum { C_HELLO = 0, C_QUERY = 1, C_DATA = 2, C_CANCEL = 3, C_PING = 4 };
enum {
    S_HELLO = 0, S_DATA = 1, S_EXCEPTION = 2, S_PROGRESS = 3, S_PONG = 4, S_EOS = 5, S_PROFILE = 6, S_TOTALS = 7,
    S_EXTREMES = 8, S_TABLES_STATUS = 9, S_LOG = 10, S_TABLE_COLUMNS = 11, S_PART_UUIDS = 12, S_READ_TASK = 13,
    S_PROFILE_EVENTS = 14
};

typedef struct Opts {
    const char *host, *user, *password, *database, *query, *format, *query_id;
    int port;
    int bad_code;                     /* the error a refused option gave (exit status: code mod 256) */
    bool ask_password, print_time, testmode, echo, compression, progress, no_progress;
    char **set_names, **set_values;   /* --name=value settings, sent with every query */
    int nset;
    char **param_names, **param_values;
    int nparam;
} Opts;

typedef struct Client {
    Wire w;
    bool connected;
    Opts *o;
    uint64_t rev;              /* negotiated */
    char server_name[64], display_name[256], server_tz[64];
    unsigned smaj, smin, spatch;
    Settings settings;         /* the client's view of the settings (for output formats) */
    InSource *input;           /* stdin data for INSERT */
    bool interactive, tty_out;
    Progress prog;
    bool had_result;
    uint64_t result_rows;
} Client;

static volatile sig_atomic_t interrupts;   /* Ctrl-C presses during a query */

static void on_sigint(int sig)
{
    (void)sig;
    interrupts++;
}

/* ---- connection ---- */

#ifdef BASALT_STATIC
/* The first address /etc/hosts gives name. */
static bool hosts_lookup(const char *name, char *ip, size_t cap)
{
    FILE *f = fopen("/etc/hosts", "r");
    if (!f) return false;
    char line[1024];
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        line[strcspn(line, "#\n")] = 0;
        char *save = NULL, *addr = strtok_r(line, " \t", &save), *w;
        while (addr && (w = strtok_r(NULL, " \t", &save)))
            if (!strcasecmp(w, name)) {
                snprintf(ip, cap, "%s", addr);
                found = true;
                break;
            }
    }
    fclose(f);
    return found;
}
#endif

static int resolve(const char *host, int port, struct sockaddr_storage *ss, socklen_t *len, Err *err)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (!strcmp(host, "localhost")) host = "127.0.0.1";
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET, a4->sin_port = htons((uint16_t)port), *len = sizeof *a4;
        return 0;
    }
    if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6, a6->sin6_port = htons((uint16_t)port), *len = sizeof *a6;
        return 0;
    }
#ifdef BASALT_STATIC
    /* the static release binary loads nothing at run time (no NSS): names come from /etc/hosts */
    char ip[64];
    if (hosts_lookup(host, ip, sizeof ip) && strcmp(ip, host)) return resolve(ip, port, ss, len, err);
    return err_set(err, ERR_DNS_ERROR, "Not found address of host: %s (the static build reads only /etc/hosts)", host);
#else
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
    if (getaddrinfo(host, NULL, &hints, &res) != 0 || !res)
        return err_set(err, ERR_DNS_ERROR, "Not found address of host: %s", host);
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    if (ss->ss_family == AF_INET) a4->sin_port = htons((uint16_t)port);
    else a6->sin6_port = htons((uint16_t)port);
    freeaddrinfo(res);
    return 0;
#endif
}

static void client_disconnect(Client *c)
{
    if (!c->connected) return;
    close(c->w.fd);
    wire_free(&c->w);
    c->connected = false;
}

/* "Received from host:port. DB::Exception: msg" as clickhouse-client shows a server error. */
static int read_exception(Client *c, Err *err)
{
    Arena a;
    arena_init(&a);
    int32_t code = 0, first = 0;
    char *name, *msg, *stack;
    uint8_t nested = 1;
    int rc = 0;
    Buf text = {0};
    for (int depth = 0; nested && depth < 32 && !rc; depth++) {
        rc = wire_read(&c->w, &code, 4, err);
        if (!rc) rc = wire_str(&c->w, &a, 1u << 20, &name, NULL, err);
        if (!rc) rc = wire_str(&c->w, &a, 1u << 20, &msg, NULL, err);
        if (!rc) rc = wire_str(&c->w, &a, 1u << 20, &stack, NULL, err);
        if (!rc) rc = wire_read(&c->w, &nested, 1, err);
        if (!rc && depth == 0) {
            first = code;
            const char *m = !strncmp(msg, "DB::Exception: ", 15) ? msg + 15 : msg;
            size_t l = strlen(m);
            while (l && (m[l - 1] == '\n' || m[l - 1] == ' ')) l--;
            /* err_format adds " (NAME)" back */
            char suffix[96];
            int sl = snprintf(suffix, sizeof suffix, ". (%s)", err_name(code));
            if (sl > 0 && l >= (size_t)sl && !memcmp(m + l - (size_t)sl, suffix, (size_t)sl)) l -= (size_t)sl - 1;
            buf_printf(&text, "Received from %s:%d. DB::Exception: %.*s", c->o->host, c->o->port, (int)l, m);
        }
    }
    if (!rc) rc = err_set(err, first ? first : ERR_UNKNOWN_EXCEPTION, "%s", buf_cstr(&text));
    buf_free(&text);
    arena_free(&a);
    return rc;
}

static int client_connect(Client *c, Err *err)
{
    struct sockaddr_storage ss;
    socklen_t sl = 0;
    int rc = resolve(c->o->host, c->o->port, &ss, &sl, err);
    if (rc) return rc;
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&ss, sl) != 0) {
        int e = errno;
        if (fd >= 0) close(fd);
        return err_set(err, ERR_NETWORK_ERROR, "Connection refused (%s:%d): %s", c->o->host, c->o->port, strerror(e));
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    wire_init(&c->w, fd);
    c->w.eof_msg = "Connection closed by the server";
    c->connected = true;
    unsigned maj = 0, min = 0, patch = 0;
    sscanf(BASALT_CH_VERSION, "%u.%u.%u", &maj, &min, &patch);
    Buf *o = &c->w.out;
    buf_put_varint(o, C_HELLO);
    wire_put_str(o, "basalt client");
    buf_put_varint(o, maj);
    buf_put_varint(o, min);
    buf_put_varint(o, REVISION);
    wire_put_str(o, c->o->database ? c->o->database : "");
    wire_put_str(o, c->o->user);
    wire_put_str(o, c->o->password ? c->o->password : "");
    if ((rc = wire_flush(&c->w, err))) goto fail;
    uint64_t type, v;
    if ((rc = wire_varint(&c->w, &type, err))) goto fail;
    if (type == S_EXCEPTION) {
        rc = read_exception(c, err);
        goto fail;
    }
    if (type != S_HELLO) {
        rc = err_set(err, ERR_UNEXPECTED_PACKET_FROM_SERVER, "Unexpected packet from server (expected Hello, got %llu)", (unsigned long long)type);
        goto fail;
    }
    Arena a;
    arena_init(&a);
    char *s;
    uint64_t smaj = 0, smin = 0, srev = 0;
    rc = wire_str(&c->w, &a, 1024, &s, NULL, err);
    if (!rc) snprintf(c->server_name, sizeof c->server_name, "%s", s);
    if (!rc) rc = wire_varint(&c->w, &smaj, err);
    if (!rc) rc = wire_varint(&c->w, &smin, err);
    if (!rc) rc = wire_varint(&c->w, &srev, err);
    c->rev = srev < REVISION ? srev : REVISION;
    if (!rc && c->rev >= 54058 && !(rc = wire_str(&c->w, &a, 1024, &s, NULL, err))) snprintf(c->server_tz, sizeof c->server_tz, "%s", s);
    if (!rc && c->rev >= 54372 && !(rc = wire_str(&c->w, &a, 1024, &s, NULL, err))) snprintf(c->display_name, sizeof c->display_name, "%s", s);
    if (!rc && c->rev >= 54401 && !(rc = wire_varint(&c->w, &v, err))) c->spatch = (unsigned)v;
    c->smaj = (unsigned)smaj, c->smin = (unsigned)smin;
    arena_free(&a);
    if (!rc) return 0;
fail:
    client_disconnect(c);
    return rc;
}

/* ---- a query ---- */

static void put_client_info(Client *c, Buf *o)
{
    unsigned maj = 0, min = 0, patch = 0;
    sscanf(BASALT_CH_VERSION, "%u.%u.%u", &maj, &min, &patch);
    buf_putc(o, 1);   /* initial query */
    wire_put_str(o, "");
    wire_put_str(o, "");
    wire_put_str(o, "0.0.0.0:0");
    if (c->rev >= 54449) {
        uint64_t us = (uint64_t)(progress_now_ns() / 1000);
        buf_put(o, &us, 8);
    }
    buf_putc(o, 1);   /* TCP */
    const char *os_user = getenv("USER");   /* not getpwuid: no NSS */
    wire_put_str(o, os_user ? os_user : "");
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    wire_put_str(o, host);
    wire_put_str(o, "basalt client");
    buf_put_varint(o, maj);
    buf_put_varint(o, min);
    buf_put_varint(o, REVISION);
    if (c->rev >= 54060) wire_put_str(o, "");    /* quota key */
    if (c->rev >= 54448) buf_put_varint(o, 0);   /* distributed depth */
    if (c->rev >= 54401) buf_put_varint(o, patch);
    if (c->rev >= 54442) buf_putc(o, 0);         /* no trace context */
    if (c->rev >= 54453) buf_put_varint(o, 0), buf_put_varint(o, 0), buf_put_varint(o, 0);   /* parallel replicas */
}

static int send_query(Client *c, const char *text, size_t len, Err *err)
{
    Buf *o = &c->w.out;
    buf_put_varint(o, C_QUERY);
    wire_put_str(o, c->o->query_id ? c->o->query_id : "");
    if (c->rev >= 54032) put_client_info(c, o);
    if (c->rev >= 54429)   /* settings as strings; older servers get none */
        for (int i = 0; i < c->o->nset; i++) {
            wire_put_str(o, c->o->set_names[i]);
            buf_put_varint(o, 1);   /* important */
            wire_put_str(o, c->o->set_values[i]);
        }
    wire_put_str(o, "");
    if (c->rev >= 54441) wire_put_str(o, "");   /* interserver secret */
    buf_put_varint(o, 2);                        /* stage: Complete */
    buf_put_varint(o, c->o->compression);
    buf_put_varint(o, len);
    buf_put(o, text, len);
    c->w.compress = c->o->compression;
    return wire_put_block(&c->w, C_DATA, 0, NULL, NULL, NULL, err);   /* no external tables */
}

typedef struct Run {
    Client *c;
    Ast *st;                   /* NULL: did not parse here */
    QueryCtx q;                /* the client side: arena, settings for the formats */
    const FormatDef *fmt;
    OutFormat f;
    Buf out;
    bool header, is_insert, insert_sent;
    OutStats stats;
    Chunk *totals;
} Run;

static int flush_stdout(Run *r, Err *err)
{
    progress_clear(&r->c->prog);
    size_t off = 0;
    while (off < r->out.len) {
        ssize_t k = write(1, r->out.data + off, r->out.len - off);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return err_set(err, ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write to stdout");
        off += (size_t)k;
    }
    r->out.len = 0;
    return 0;
}

/* The rows of an INSERT from stdin, parsed here and sent as blocks, then the empty block. */
static int send_insert_data(Run *r, int ncols, char **names, const DataType **types, Err *err)
{
    Client *c = r->c;
    StmtInsert *ins = r->st && r->st->kind == AST_INSERT ? r->st->stmt : NULL;
    int rc = 0;
    if (c->input && ins && !ins->data_inline) {
        const char *fname = ins->format ? ins->format : ins->values ? "Values" : "TabSeparated";
        const FormatDef *def = format_find(fname);
        if (!def || !def->read) return err_set(err, ERR_UNKNOWN_FORMAT, "Unknown input format %s", fname);
        InFormat inf;
        if ((rc = in_format_open(&inf, def, &r->q, c->input, ncols, names, types, err))) return rc;
        size_t block = (size_t)settings_int(&r->q.settings, SET_max_insert_block_size);
        if (block == 0 || block > 1048576) block = 1048576;
        for (;;) {
            Chunk *ch = NULL;
            if ((rc = in_format_read(&inf, block, &ch, err)) || !ch) break;
            rc = wire_put_block(&c->w, C_DATA, ncols, names, types, ch, err);
            chunk_free(ch);
            if (rc) break;
        }
        in_format_close(&inf);
        c->input = NULL;   /* stdin feeds one INSERT */
        if (rc) {          /* the server must not take a partial stream as complete */
            client_disconnect(c);
            return rc;
        }
    }
    r->insert_sent = true;
    return wire_put_block(&c->w, C_DATA, 0, NULL, NULL, NULL, err);
}

static int on_data(Run *r, int ncols, char **names, const DataType **types, Chunk *ch, Err *err)
{
    if (r->is_insert && !r->insert_sent) return send_insert_data(r, ncols, names, types, err);
    int rc = 0;
    if (!r->header) {
        r->header = true;
        r->c->had_result = true;
        /* the header's names and types live as long as the format */
        char **nn = arena_alloc(&r->q.arena, sizeof *nn * (size_t)(ncols + 1));
        const DataType **tt = arena_alloc(&r->q.arena, sizeof *tt * (size_t)(ncols + 1));
        for (int i = 0; i < ncols; i++) nn[i] = arena_strdup(&r->q.arena, names[i]), tt[i] = types[i];
        if ((rc = out_format_open(&r->f, r->fmt, &r->q, &r->out, ncols, nn, tt, err))) return rc;
        r->f.tty = r->c->tty_out;
        if ((rc = r->fmt->write->begin(&r->f, err))) return rc;
    }
    if (ch && ch->rows) {
        r->c->result_rows += ch->rows;
        rc = r->fmt->write->chunk(&r->f, ch, err);
        if (!rc && r->out.len > (1 << 16)) rc = flush_stdout(r, err);
    }
    return rc;
}

static int read_progress(Client *c, Err *err)
{
    uint64_t v[5] = {0};
    int n = c->rev >= 54420 ? 5 : 3, rc = 0;
    for (int i = 0; i < n && !rc; i++) rc = wire_varint(&c->w, &v[i], err);
    uint64_t elapsed_ns;
    if (!rc && c->rev >= 54460) rc = wire_varint(&c->w, &elapsed_ns, err);   /* newer servers: not shown */
    if (!rc) progress_add(&c->prog, v[0], v[1], v[2], v[3], v[4]);
    return rc;
}

static int read_profile(Run *r, Err *err)
{
    uint64_t rows, blocks, bytes, rbl;
    uint8_t applied, calc;
    Wire *w = &r->c->w;
    int rc = wire_varint(w, &rows, err);
    if (!rc) rc = wire_varint(w, &blocks, err);
    if (!rc) rc = wire_varint(w, &bytes, err);
    if (!rc) rc = wire_read(w, &applied, 1, err);
    if (!rc) rc = wire_varint(w, &rbl, err);
    if (!rc) rc = wire_read(w, &calc, 1, err);
    if (!rc && r->c->rev >= 54469) {
        uint8_t agg;
        uint64_t rba;
        rc = wire_read(w, &agg, 1, err);
        if (!rc) rc = wire_varint(w, &rba, err);
    }
    if (!rc) r->stats.has_limit = applied, r->stats.rows_before_limit = rbl;
    return rc;
}

/* Waits for the next packet, sending Cancel at Ctrl-C and redrawing progress. */
static int wait_packet(Client *c, bool *cancel_sent, Err *err)
{
    for (;;) {
        if (interrupts && !*cancel_sent) {
            *cancel_sent = true;
            progress_clear(&c->prog);
            fputs("Cancelling query.\n", stderr);
            buf_put_varint(&c->w.out, C_CANCEL);
            int rc = wire_flush(&c->w, err);
            if (rc) return rc;
        }
        if (interrupts > 1) {   /* a second Ctrl-C: leave without waiting for the server */
            fputs("Bye.\n", stderr);
            exit(ERR_QUERY_WAS_CANCELLED & 255);
        }
        if (wire_buffered(&c->w)) return 0;
        struct pollfd p = {.fd = c->w.fd, .events = POLLIN};
        int k = poll(&p, 1, 100);
        if (k > 0) return 0;
        if (k < 0 && errno != EINTR) return err_set(err, ERR_NETWORK_ERROR, "poll: %s", strerror(errno));
        progress_add(&c->prog, 0, 0, 0, 0, 0);   /* redraw: elapsed time moves on */
    }
}

static int read_answer(Run *r, Err *err)
{
    Client *c = r->c;
    Arena blk;
    arena_init(&blk);
    bool cancel_sent = false;
    int rc = 0;
    for (;;) {
        if ((rc = wait_packet(c, &cancel_sent, err))) break;
        uint64_t type;
        if ((rc = wire_varint(&c->w, &type, err))) break;
        arena_free(&blk);
        arena_init(&blk);
        char *table, **names, *s1;
        const DataType **types;
        Chunk *ch = NULL;
        switch (type) {
        case S_DATA: case S_TOTALS: case S_EXTREMES:
            if ((rc = wire_read_block(&c->w, c->w.compress, &blk, &table, &ch, &names, &types, err))) break;
            if (type == S_DATA) rc = ch || !r->header ? on_data(r, ch ? ch->ncols : 0, names, types, ch, err) : 0;
            else if (type == S_TOTALS && ch && !r->totals) r->totals = ch, ch = NULL;
            chunk_free(ch);
            break;
        case S_LOG: case S_PROFILE_EVENTS:   /* never compressed; not shown */
            rc = wire_read_block(&c->w, false, &blk, &table, &ch, &names, &types, err);
            chunk_free(ch);
            break;
        case S_EXCEPTION: rc = read_exception(c, err); goto out_err;
        case S_PROGRESS: rc = read_progress(c, err); break;
        case S_PROFILE: rc = read_profile(r, err); break;
        case S_TABLE_COLUMNS:
            rc = wire_str(&c->w, &blk, 1u << 20, &s1, NULL, err);
            if (!rc) rc = wire_str(&c->w, &blk, 64u << 20, &s1, NULL, err);
            break;
        case S_PONG: break;
        case S_EOS: goto done;
        default:
            rc = err_set(err, ERR_UNKNOWN_PACKET_FROM_SERVER, "Unknown packet %llu from server", (unsigned long long)type);
        }
        if (rc) break;
    }
out_err:
    if (rc && (rc == ERR_NETWORK_ERROR || rc == ERR_UNKNOWN_PACKET_FROM_SERVER || interrupts > 1 || !c->connected)) client_disconnect(c);
done:
    arena_free(&blk);
    if (!rc && cancel_sent) rc = err_set(err, ERR_QUERY_WAS_CANCELLED, "Query was cancelled");
    return rc;
}

/* The statement's own SETTINGS, for the formats here (the server applies them for itself). */
static void apply_statement_settings(Run *r)
{
    Ast *st = r->st;
    if (!st) return;
    Ast **items = st->settings;
    int n = st->nsettings;
    Ast *inner = st->kind == AST_EXPLAIN ? ((StmtExplain *)st->stmt)->query : st;
    if (!n && inner && (inner->kind == AST_SELECT_UNION || inner->kind == AST_SELECT)) {
        Ast *u = inner;
        while (u->kind == AST_SELECT_UNION && u->nargs) u = u->args[u->nargs - 1];
        if (u->kind == AST_SELECT) items = u->sel->settings, n = u->sel->nsettings;
    }
    for (int i = 0; i < n; i++) {
        char *v;
        Err e;
        if (!setting_value_text(&r->q, items[i]->a, &v, &e)) settings_set(&r->q.settings, items[i]->name, v, &e);
    }
}

/* After a SET the server accepted: the same values here. */
static void apply_set(Client *c, Ast *st, QueryCtx *q)
{
    for (int i = 0; i < st->nargs; i++) {
        Ast *it = st->args[i];
        char *v;
        Err e;
        if (strncmp(it->name, "param_", 6) && it->a && !setting_value_text(q, it->a, &v, &e)) settings_set(&c->settings, it->name, v, &e);
    }
}

static int run_statement(void *ctx, Ast *st, const char *text, size_t len, Err *err)
{
    Client *c = ctx;
    if (!c->connected) {
        int rc = client_connect(c, err);
        if (rc) return rc;
    }
    Run r = {.c = c, .st = st};
    qctx_init(&r.q);
    r.q.tz = tz_default();
    settings_free(&r.q.settings);
    settings_copy(&r.q.settings, &c->settings);
    apply_statement_settings(&r);
    r.is_insert = st ? st->kind == AST_INSERT : len >= 6 && !strncasecmp(text, "INSERT", 6);
    const char *fname = st && st->format ? st->format : c->o->format ? c->o->format : c->tty_out ? "PrettyCompact" : "TabSeparated";
    int rc = 0;
    r.fmt = format_find(fname);
    if (!r.fmt || !r.fmt->write) rc = err_set(err, ERR_UNKNOWN_FORMAT, "Unknown output format %s", fname);
    c->had_result = false;
    c->result_rows = 0;
    progress_start(&c->prog, c->interactive || c->o->progress);
    interrupts = 0;
    if (!rc) rc = send_query(c, text, len, err);
    if (!rc) rc = read_answer(&r, err);
    if (!rc && r.header) {
        r.stats.elapsed_s = (double)(progress_now_ns() - c->prog.t0_ns) / 1e9;
        r.stats.rows_read = c->prog.rows, r.stats.bytes_read = c->prog.bytes;
        r.stats.totals = r.totals;
        rc = r.fmt->write->end(&r.f, &r.stats, err);
    }
    if (!rc) rc = flush_stdout(&r, err);
    else progress_clear(&c->prog);
    if (rc == ERR_NETWORK_ERROR) client_disconnect(c);
    if (!rc && st && st->kind == AST_SET) apply_set(c, st, &r.q);
    if (!rc && c->interactive) progress_footer(&c->prog, c->had_result, c->result_rows);
    if (!rc && c->o->print_time && !c->interactive)
        fprintf(stderr, "%.3f\n", (double)(progress_now_ns() - c->prog.t0_ns) / 1e9);
    chunk_free(r.totals);
    buf_free(&r.out);
    qctx_finish(&r.q);
    return rc;
}

static void limits(void *ctx, ParseLimits *lim)
{
    Client *c = ctx;
    *lim = (ParseLimits){.max_query_size = (size_t)settings_int(&c->settings, SET_max_query_size),
                         .max_parser_depth = (int)settings_int(&c->settings, SET_max_parser_depth),
                         .max_ast_elements = settings_int(&c->settings, SET_max_ast_elements)};
}

static int run_text(Client *c, const char *text, size_t len)
{
    ScriptHooks hooks = {.limits = limits, .run_unparsed = true};   /* the server has the last word on syntax */
    return cli_run_script(text, len, &hooks, c->o->testmode, c->o->echo, run_statement, c);
}

static void repl_statement(void *ctx, const char *text, size_t len)
{
    run_text(ctx, text, len);
}

/* ---- options ---- */

static void usage(void)
{
    fprintf(stderr,
            "Usage: basalt client [options] [-q 'SQL'] [< statements or INSERT data]\n"
            "  -h, --host HOST        server (default localhost)\n"
            "      --port N           native protocol port (default 9000)\n"
            "  -u, --user NAME        user (default: default)\n"
            "      --password PW      password; --ask-password asks on the terminal\n"
            "  -d, --database DB      current database\n"
            "  -q, --query SQL        statements to run; otherwise stdin, or the interactive shell on a terminal\n"
            "  -n, --multiquery       accepted (several ';'-separated statements always work)\n"
            "  -f, --format FMT       output format (default TabSeparated, PrettyCompact on a terminal)\n"
            "      --param_NAME=VAL   value of the {NAME:Type} query parameter\n"
            "  -t, --time             print each query's elapsed time to stderr\n"
            "      --progress         show the progress line even when not interactive\n"
            "      --compression 0|1  compress blocks on the wire (default 1)\n"
            "      --query_id ID      the query id\n"
            "      --testmode, -T     honour -- { serverError X } hints (stateless tests)\n"
            "      --echo             print each statement before running it\n"
            "      --NAME=VALUE       any ClickHouse setting, sent with every query\n");
}

static char *ask_password(void)
{
    fputs("Password: ", stderr);
    fflush(stderr);
    struct termios old, t;
    bool tty = tcgetattr(0, &old) == 0;
    if (tty) {
        t = old;
        t.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(0, TCSAFLUSH, &t);
    }
    char line[1024] = "";
    if (!fgets(line, sizeof line, stdin)) line[0] = 0;
    if (tty) tcsetattr(0, TCSAFLUSH, &old);
    fputc('\n', stderr);
    line[strcspn(line, "\r\n")] = 0;
    return xstrdup(line);
}

static void push(char ***names, char ***values, int *n, const char *k, const char *v)
{
    *names = xrealloc(*names, sizeof **names * (size_t)(*n + 1));
    *values = xrealloc(*values, sizeof **values * (size_t)(*n + 1));
    (*names)[*n] = xstrdup(k);
    (*values)[*n] = xstrdup(v);
    (*n)++;
}

/* One option; returns how many following arguments it used, or -1. */
static int parse_opt(Opts *o, Settings *set, const char *arg, const char *next)
{
    const char *eq = strchr(arg, '=');
    char key[256];
    size_t kl = eq ? (size_t)(eq - arg) : strlen(arg);
    if (kl >= sizeof key) return -1;
    memcpy(key, arg, kl);
    key[kl] = 0;
    const char *val = eq ? eq + 1 : next;
    int used = eq ? 0 : 1;
    static const char *const flags[] = {"-n", "--multiquery", "-m", "--multiline", "-t", "--time", "-T", "--testmode", "--echo",
                                        "--ask-password", "--progress", "--no-progress", "-s", "--silent", "--stacktrace", NULL};
    if (!strcmp(key, "--secure")) {
        fprintf(stderr, "Code: 344. DB::Exception: --secure: basalt has no TLS yet; connect without it on a trusted "
                        "network or through a TLS proxy. (SUPPORT_IS_DISABLED)\n");
        o->bad_code = 344;
        return -2;
    }
    for (int i = 0; flags[i]; i++)
        if (!strcmp(key, flags[i])) {
            if (!strcmp(key, "-t") || !strcmp(key, "--time")) o->print_time = true;
            else if (!strcmp(key, "-T") || !strcmp(key, "--testmode")) o->testmode = true;
            else if (!strcmp(key, "--echo")) o->echo = true;
            else if (!strcmp(key, "--ask-password")) o->ask_password = true;
            else if (!strcmp(key, "--progress")) o->progress = true;
            else if (!strcmp(key, "--no-progress")) o->no_progress = true;
            return 0;
        }
    if (!val) return -1;
    if (!strcmp(key, "-h") || !strcmp(key, "--host")) o->host = val;
    else if (!strcmp(key, "--port")) o->port = atoi(val);
    else if (!strcmp(key, "-u") || !strcmp(key, "--user")) o->user = val;
    else if (!strcmp(key, "--password")) o->password = val;
    else if (!strcmp(key, "-d") || !strcmp(key, "--database")) o->database = val;
    else if (!strcmp(key, "-q") || !strcmp(key, "--query")) o->query = val;
    else if (!strcmp(key, "-f") || !strcmp(key, "--format") || !strcmp(key, "--output-format")) o->format = val;
    else if (!strcmp(key, "--query_id") || !strcmp(key, "--query-id")) o->query_id = val;
    else if (!strcmp(key, "--compression")) o->compression = strcmp(val, "0") && strcasecmp(val, "false");
    else if (!strncmp(key, "--param_", 8)) push(&o->param_names, &o->param_values, &o->nparam, key + 8, val);
    else if (!strncmp(key, "--", 2)) {
        Err err;
        if (settings_find(key + 2) < 0) {
            fprintf(stderr, "Code: 115. DB::Exception: Unknown setting '%s'. (UNKNOWN_SETTING)\n", key + 2);
            o->bad_code = 115;
            return -2;
        }
        if (settings_set(set, key + 2, val, &err)) {
            char msg[ERR_MSG_MAX + 64];
            err_format(&err, msg, sizeof msg);
            fprintf(stderr, "%s\n", msg);
            o->bad_code = err.code;
            return -2;
        }
        push(&o->set_names, &o->set_values, &o->nset, key + 2, val);
    } else return -1;
    return used;
}

/* --param_x=v: SET param_x = 'v' on the server's session, once connected. */
static int send_params(Client *c)
{
    for (int i = 0; i < c->o->nparam; i++) {
        Buf q = {0};
        buf_printf(&q, "SET param_%s = '", c->o->param_names[i]);
        for (const char *p = c->o->param_values[i]; *p; p++) {
            if (*p == '\'' || *p == '\\') buf_putc(&q, '\\');
            buf_putc(&q, *p);
        }
        buf_puts(&q, "'");
        int rc = run_text(c, q.data, q.len);
        buf_free(&q);
        if (rc) return rc;
    }
    return 0;
}

static void free_opts(Opts *o)
{
    for (int i = 0; i < o->nset; i++) free(o->set_names[i]), free(o->set_values[i]);
    for (int i = 0; i < o->nparam; i++) free(o->param_names[i]), free(o->param_values[i]);
    free(o->set_names), free(o->set_values), free(o->param_names), free(o->param_values);
}

static char *read_all(int fd, size_t *len)
{
    Buf b = {0};
    for (;;) {
        buf_reserve(&b, 65536);
        ssize_t k = read(fd, b.data + b.len, 65536);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        b.len += (size_t)k;
    }
    *len = b.len;
    buf_putc(&b, 0);
    return b.data;
}

int cli_client(int argc, char **argv)
{
    Opts o = {.host = "localhost", .port = 9000, .user = "default", .compression = true};
    Client c = {.o = &o};
    settings_init(&c.settings);
    int status = 0;
    char *asked = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help")) {
            usage();
            goto out;
        }
        if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
            printf("basalt client version %s (ClickHouse %s compatible)\n", BASALT_VERSION, BASALT_CH_VERSION);
            goto out;
        }
        int r = parse_opt(&o, &c.settings, argv[i], i + 1 < argc ? argv[i + 1] : NULL);
        if (r == -2) {
            status = o.bad_code & 255;
            goto out;
        }
        if (r < 0) {
            fprintf(stderr, "basalt client: bad option %s\n", argv[i]);
            usage();
            status = 1;
            goto out;
        }
        i += r;
    }
    if (o.ask_password) o.password = asked = ask_password();
    if (!o.password && getenv("CLICKHOUSE_PASSWORD")) o.password = getenv("CLICKHOUSE_PASSWORD");
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa = {.sa_handler = on_sigint};
    sigaction(SIGINT, &sa, NULL);   /* no SA_RESTART: poll() wakes up */
    c.tty_out = isatty(1);
    bool tty_in = isatty(0);
    c.interactive = !o.query && tty_in;
    if (o.no_progress) o.progress = false;
    Err err;
    if (client_connect(&c, &err)) {
        char msg[ERR_MSG_MAX + 64];
        err_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
        status = err.code & 255 ? err.code & 255 : 1;
        goto out;
    }
    if ((status = send_params(&c))) goto out;
    InSource in;
    if (o.query) {
        if (!tty_in) {
            insource_init_fd(&in, 0);
            c.input = &in;
        }
        status = run_text(&c, o.query, strlen(o.query));
        if (!tty_in) insource_free(&in);
    } else if (c.interactive) {
        fprintf(stderr, "basalt client version %s.\nConnected to %s server version %u.%u.%u.\n\n", BASALT_VERSION,
                c.server_name, c.smaj, c.smin, c.spatch);
        Buf prompt = {0};
        buf_printf(&prompt, "%s :) ", *c.display_name ? c.display_name : o.host);
        char *hist = repl_history_path("client");
        ReplConf rc = {.prompt = buf_cstr(&prompt), .history_path = hist, .run = repl_statement, .ctx = &c};
        repl_run(&rc);
        free(hist);
        buf_free(&prompt);
    } else {
        size_t len;
        char *text = read_all(0, &len);
        status = run_text(&c, text, len);
        free(text);
    }
out:
    client_disconnect(&c);
    settings_free(&c.settings);
    free_opts(&o);
    free(asked);
    return status;
}
