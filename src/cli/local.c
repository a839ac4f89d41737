/* local.c — `basalt local`: run SQL without a server (clickhouse-local).
 *
 * Statements come from -q/--query or stdin; results go to stdout in
 * TabSeparated (PrettyCompact on a terminal) unless -f/--format or FORMAT
 * says otherwise; errors go to stderr as "Code: N. DB::Exception: ... (NAME)"
 * and stop execution with a non-zero exit. --path names the data directory
 * (a temporary one, removed at exit, when absent). --testmode honours the
 * `-- { serverError NAME }` hints of ClickHouse's stateless tests.
 * With no query and a terminal on stdin it is a small interactive shell.
 */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <sys/file.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../base/mem.h"
#include "../base/version.h"
#include "../server/access.h"
#include "../server/query.h"
#include "../server/stmt.h"
#include "../sql/parser.h"
#include "cli.h"
#include "progress.h"
#include "repl.h"

typedef struct LocalOpts {
    const char *query;
    const char *format;
    const char *input_format;
    const char *database;
    const char *path;
    const char *queries_file;   /* --queries-file: statements from a file, stdin stays data */
    bool testmode, print_time, echo;
} LocalOpts;

static Progress *shown;   /* the progress line on screen, erased before results are written */

static int write_all(void *ctx, const char *p, size_t n)
{
    int fd = (int)(intptr_t)ctx;
    if (shown) progress_clear(shown);
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void print_error(const Err *err)
{
    char msg[ERR_MSG_MAX + 256];
    err_format(err, msg, sizeof msg);
    fprintf(stderr, "%s\n", msg);
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

static char *read_all_fd(int fd, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *b = xmalloc(cap);
    for (;;) {
        if (n == cap) b = xrealloc(b, cap *= 2);
        ssize_t r = read(fd, b + n, cap - n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
    }
    *len = n;
    return b;
}

/* Expected error names/codes from a `-- { serverError X, Y }` hint in s[0..n). */
static int hint_of(const char *s, size_t n, char names[][64], int max)
{
    const char *p = NULL;
    for (size_t i = 0; i + 13 < n; i++)
        if (!memcmp(s + i, "serverError", 11) || !memcmp(s + i, "clientError", 11)) {
            p = s + i + 11;
            break;
        }
    if (!p) return 0;
    int k = 0;
    const char *end = s + n;
    while (p < end && *p != '}' && k < max) {
        while (p < end && (*p == ' ' || *p == ',' || *p == '\t')) p++;
        const char *st = p;
        while (p < end && *p != ',' && *p != '}' && *p != ' ' && *p != '\t' && *p != '\n') p++;
        if (p > st && p - st < 64) {
            memcpy(names[k], st, (size_t)(p - st));
            names[k][p - st] = 0;
            k++;
        }
    }
    return k;
}

static bool error_matches(int code, char names[][64], int n)
{
    for (int i = 0; i < n; i++) {
        char *end;
        long v = strtol(names[i], &end, 10);
        if (!*end && v == code) return true;
        if (!strcmp(names[i], err_name(code))) return true;
    }
    return false;
}

/* End of a statement that failed to parse: just past the next ';' outside
 * quotes and comments, or the end of the text (an unterminated string swallows
 * the rest, as in clickhouse-client). */
static size_t failed_statement_end(const char *t, size_t start, size_t len)
{
    size_t i = start;
    while (i < len) {
        char c = t[i];
        if (c == '\'' || c == '"' || c == '`') {
            for (i++; i < len && t[i] != c; i++)
                if (t[i] == '\\') i++;
            if (i >= len) return len;
            i++;
        } else if (c == '-' && i + 1 < len && t[i + 1] == '-') {
            while (i < len && t[i] != '\n') i++;
        } else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
            const char *e = memmem(t + i + 2, len - i - 2, "*/", 2);
            if (!e) return len;
            i = (size_t)(e - t) + 2;
        } else if (c == ';') {
            return i + 1;
        } else {
            i++;
        }
    }
    return len;
}

/* Runs every statement of text through run(); returns the exit status
 * (0, or the failing statement's error code). With testmode, a statement
 * whose `-- { serverError X }` hint names its error counts as passed. */
int cli_run_script(const char *text, size_t len, const ScriptHooks *hooks, bool testmode, bool echo, StmtRunner run, void *ctx)
{
    size_t off = 0;
    Err err = {0};
    char *owned = NULL;   /* the rest of the script after a {name:Identifier} substitution */
    int status = 0;
    for (;;) {
        if (hooks && hooks->prepare) {
            /* the parameters as they are now (SET param_x may have changed them) */
            Buf nb = {0};
            bool changed = false;
            size_t seg = failed_statement_end(text, off, len) - off;   /* this statement, to its ';' */
            if (hooks->prepare(ctx, text + off, seg, &nb, &changed, &err)) {
                buf_free(&nb);
                print_error(&err);
                status = err.code & 255 ? err.code & 255 : 1;
                break;
            }
            if (changed) {   /* the statement rewritten, then the rest of the script as it was */
                buf_put(&nb, text + off + seg, len - off - seg);
                char *rest = xmalloc(nb.len + 1);
                memcpy(rest, nb.data, nb.len);
                free(owned);
                owned = rest;
                text = rest, len = nb.len, off = 0;
            }
            buf_free(&nb);
        }
        Arena arena;
        arena_init(&arena);
        size_t start = off;
        Ast *st = NULL;
        ParseLimits lim = {0};
        if (hooks && hooks->limits) hooks->limits(ctx, &lim);   /* per statement: a SET may have changed them */
        int rc = parse_next_statement(&arena, text, len, &off, &lim, &st, &err);
        /* the statement text and the rest of its line hold the test hint */
        size_t hint_end = st ? start + (size_t)st->end_pos : off;
        if (hint_end > len) hint_end = len;
        if (rc) hint_end = failed_statement_end(text, start, len);
        while (hint_end < len && text[hint_end] != '\n') hint_end++;
        if (rc) off = hint_end;   /* resume after the failed statement's line (and its hint) */
        char expected[8][64];
        int nexp = testmode ? hint_of(text + start, hint_end - start, expected, 8) : 0;
        if (!rc && !st) {
            arena_free(&arena);
            break;
        }
        if (!rc && echo) {
            fwrite(text + start, 1, off - start, stdout);
            fputc('\n', stdout);
        }
        /* a statement that did not parse here still goes to a runner that wants it (a server parses for itself) */
        if (!rc || (hooks && hooks->run_unparsed)) rc = run(ctx, rc ? NULL : st, text + start, off - start, &err);
        arena_free(&arena);
        if (nexp) {
            if (!rc) {
                fprintf(stderr, "Expected error (%s) but the query succeeded: %.*s\n", expected[0], (int)(off - start), text + start);
                status = 1;
                break;
            }
            if (error_matches(rc, expected, nexp)) {
                if (off >= len) break;
                continue;
            }
        }
        if (rc) {
            print_error(&err);
            status = rc & 255 ? rc & 255 : 1;
            break;
        }
        if (off >= len) break;
    }
    free(owned);
    return status;
}

typedef struct LocalRun {
    Session *s;
    QuerySink *sink;
    const LocalOpts *o;
    bool interactive;          /* the progress line and the footer (progress.c) */
} LocalRun;

typedef struct LocalTick { Progress *p; QueryCtx *q; } LocalTick;

static void local_tick(void *ctx)
{
    LocalTick *t = ctx;
    progress_set(t->p, __atomic_load_n(&t->q->rows_read, __ATOMIC_RELAXED), __atomic_load_n(&t->q->bytes_read, __ATOMIC_RELAXED),
                 __atomic_load_n(&t->q->total_rows_to_read, __ATOMIC_RELAXED));
}

/* One statement in this process. */
static int run_local(void *ctx, Ast *st, const char *text, size_t len, Err *err)
{
    LocalRun *lr = ctx;
    if (!st) return err->code;   /* did not parse: the error is already in err */
    QueryCtx q;
    qctx_init(&q);
    struct timespec t0, t1;
    Progress prog;
    progress_start(&prog, lr->interactive);
    LocalTick lt = {&prog, &q};
    if (lr->interactive) {
        q.tick = local_tick, q.tick_ctx = &lt;
        q.tick_every_ns = 100 * 1000000;
        q.tick_next_ns = progress_now_ns() + q.tick_every_ns;
        q.tick_thread = (unsigned long)pthread_self();
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    shown = &prog;
    int rc = query_run_statement(lr->s, st, &q, lr->sink, err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    progress_clear(&prog);
    shown = NULL;
    if (!rc) sink_flush(lr->sink, err);
    else lr->sink->out.len = 0;
    if (!rc && lr->interactive) {
        prog.rows = q.rows_read, prog.bytes = q.bytes_read;
        progress_footer(&prog, q.result_rows > 0 || st->kind == AST_SELECT || st->kind == AST_SELECT_UNION, q.result_rows);
    }
    if (lr->o->print_time && !rc)
        fprintf(stderr, "%.3f\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    qctx_finish(&q);
    return rc;
}

static void local_limits(void *ctx, ParseLimits *lim)
{
    Session *s = ((LocalRun *)ctx)->s;
    *lim = (ParseLimits){.max_query_size = (size_t)settings_int(&s->settings, SET_max_query_size),
                         .max_parser_depth = (int)settings_int(&s->settings, SET_max_parser_depth),
                         .max_ast_elements = settings_int(&s->settings, SET_max_ast_elements)};
}

/* {name:Identifier} parameters, with the values set so far. */
static int local_prepare(void *ctx, const char *text, size_t len, Buf *out, bool *changed, Err *err)
{
    Session *s = ((LocalRun *)ctx)->s;
    return sql_substitute_identifiers(text, len, s->params, s->nparams, out, changed, err);
}

/* Runs every statement in text; returns the exit status. */
static int run_text(Session *s, const char *text, size_t len, QuerySink *sink, const LocalOpts *o)
{
    LocalRun lr = {s, sink, o, false};
    ScriptHooks hooks = {.limits = local_limits, .prepare = local_prepare};
    return cli_run_script(text, len, &hooks, o->testmode, o->echo, run_local, &lr);
}

typedef struct ReplCtx { Session *s; QuerySink *sink; const LocalOpts *o; } ReplCtx;

static void repl_statement(void *ctx, const char *text, size_t len)
{
    ReplCtx *r = ctx;
    LocalRun lr = {r->s, r->sink, r->o, true};
    ScriptHooks hooks = {.limits = local_limits, .prepare = local_prepare};
    cli_run_script(text, len, &hooks, r->o->testmode, r->o->echo, run_local, &lr);
}

/* The interactive shell (repl.c, shared with basalt client). */
static int interactive(Session *s, QuerySink *sink, const LocalOpts *o)
{
    fprintf(stderr, "basalt local %s (ClickHouse %s compatible). Statements end with ';'. Ctrl-D exits.\n\n", BASALT_VERSION,
            BASALT_CH_VERSION);
    ReplCtx r = {s, sink, o};
    char *hist = repl_history_path("local");
    ReplConf rc = {.prompt = ":) ", .history_path = hist, .run = repl_statement, .ctx = &r};
    repl_run(&rc);
    free(hist);
    return 0;
}

static void usage(void)
{
    fprintf(stderr,
            "Usage: basalt local [options] [-q 'SQL'] [< statements or data]\n"
            "  -q, --query SQL        statements to run (';'-separated); otherwise read from stdin\n"
            "  -f, --format FMT       output format (default TabSeparated, PrettyCompact on a terminal)\n"
            "      --output-format    same as --format; --input-format sets the format of stdin data\n"
            "      --queries-file F   statements to run from file F (stdin then holds data)\n"
            "  -d, --database DB      current database\n"
            "      --path DIR         data directory (default: a temporary one, removed at exit)\n"
            "      --param_NAME=VAL   value of the {NAME:Type} query parameter\n"
            "  -t, --time             print elapsed time of each query to stderr\n"
            "  -n, --multiquery       accepted for compatibility (always on)\n"
            "  -V, --version          print the version\n"
            "      --testmode         honour -- { serverError X } hints (stateless tests)\n"
            "      --SETTING=VALUE    any ClickHouse setting\n");
}

/* Parses one option; returns 1 if it consumed the next argument, -1 on error. */
static int parse_opt(Session *s, LocalOpts *o, const char *arg, const char *next)
{
    const char *eq = strchr(arg, '=');
    char key[256];
    size_t kl = eq ? (size_t)(eq - arg) : strlen(arg);
    if (kl >= sizeof key) return -1;
    memcpy(key, arg, kl);
    key[kl] = 0;
    const char *val = eq ? eq + 1 : next;
    int used = eq ? 0 : 1;
    if (!strcmp(key, "-q") || !strcmp(key, "--query")) o->query = val;
    else if (!strcmp(key, "-f") || !strcmp(key, "--format") || !strcmp(key, "--output-format")) o->format = val;
    else if (!strcmp(key, "--input-format")) o->input_format = val;
    else if (!strcmp(key, "-d") || !strcmp(key, "--database")) o->database = val;
    else if (!strcmp(key, "--path")) o->path = val;
    else if (!strcmp(key, "--queries-file")) o->queries_file = val;
    else if (!strcmp(key, "-t") || !strcmp(key, "--time")) return o->print_time = true, 0;
    else if (!strcmp(key, "-n") || !strcmp(key, "--multiquery") || !strcmp(key, "--multiline") || !strcmp(key, "-m")) return 0;
    else if (!strcmp(key, "--testmode") || !strcmp(key, "-T")) return o->testmode = true, 0;
    else if (!strcmp(key, "--echo")) return o->echo = true, 0;
    else if (!strncmp(key, "--param_", 8)) {
        if (!val) return -1;
        session_set_param(s, key + 8, val);
    } else if (!strncmp(key, "--", 2)) {
        if (!val) return -1;
        Err err;
        if (settings_set(&s->settings, key + 2, val, &err)) {
            print_error(&err);
            return -2;
        }
    } else {
        return -1;
    }
    if (!val) return -1;
    return used;
}

int cli_local(int argc, char **argv)
{
    Catalog *catalog = NULL;
    Session *s = NULL;
    LocalOpts o = {0};
    char tmpdir[64] = "";
    int status = 0;
    MemTracker proc = {0};
    catalog = catalog_new(NULL);
    s = session_new(catalog);
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage();
            status = 0;
            goto out;
        }
        if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
            printf("basalt local version %s (ClickHouse-compatible)\n", BASALT_CH_VERSION);
            status = 0;
            goto out;
        }
        int r = parse_opt(s, &o, argv[i], i + 1 < argc ? argv[i + 1] : NULL);
        if (r == -2) {
            status = 1;
            goto out;
        }
        if (r < 0) {
            fprintf(stderr, "basalt local: bad option %s\n", argv[i]);
            usage();
            status = 1;
            goto out;
        }
        i += r;
    }
    if (!o.path) {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/basalt-local-XXXXXX");
        if (!mkdtemp(tmpdir)) {
            fprintf(stderr, "basalt local: cannot create a temporary directory: %s\n", strerror(errno));
            status = 1;
            goto out;
        }
        o.path = tmpdir;
    } else if (mkdir(o.path, 0750) != 0 && errno != EEXIST) {
        fprintf(stderr, "basalt local: cannot create %s: %s\n", o.path, strerror(errno));
        status = 1;
        goto out;
    }
    /* one process at a time owns a data directory: others wait their turn */
    char lock_path[4096];
    snprintf(lock_path, sizeof lock_path, "%s/.lock", o.path);
    int lock_fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (lock_fd < 0 || flock(lock_fd, LOCK_EX) != 0) {
        fprintf(stderr, "basalt local: cannot lock %s: %s\n", lock_path, strerror(errno));
        status = 1;
        goto out;
    }
    free(catalog->path);
    catalog->path = xstrdup(o.path);
    server_load_catalog(s);
    if (access_store_open(s, o.path)) {   /* users, roles and grants made with SQL */
        status = 1;
        goto out;
    }
    if (o.database) {
        if (!catalog_has_database(catalog, o.database)) {
            fprintf(stderr, "Code: 81. DB::Exception: Database %s does not exist. (UNKNOWN_DATABASE)\n", o.database);
            status = 81;
            goto out;
        }
        free(s->database);
        s->database = xstrdup(o.database);
    }
    s->mem = proc;
    s->mem.limit = mem_default_server_limit();   /* as ClickHouse's max_server_memory_usage = 0: 90% of RAM */
    bool tty_out = isatty(1), tty_in = isatty(0);
    QuerySink sink = {.flush = write_all, .ctx = (void *)(intptr_t)1, .tty = tty_out,
                      .default_format = o.format ? o.format : tty_out ? "PrettyCompact" : "TabSeparated"};
    InSource in;
    if (o.queries_file) {
        int fd = open(o.queries_file, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            fprintf(stderr, "Code: 76. DB::Exception: Cannot open file %s: %s. (CANNOT_OPEN_FILE)\n", o.queries_file, strerror(errno));
            status = 76;
            goto out;
        }
        size_t len;
        char *text = read_all_fd(fd, &len);
        close(fd);
        if (!tty_in) {
            insource_init_fd(&in, 0);
            sink.input = &in;
        }
        status = run_text(s, text, len, &sink, &o);
        if (sink.input) insource_free(&in);
        free(text);
    } else if (o.query) {
        if (!tty_in) {
            insource_init_fd(&in, 0);
            sink.input = &in;
        }
        status = run_text(s, o.query, strlen(o.query), &sink, &o);
        if (sink.input) insource_free(&in);
    } else if (tty_in) {
        status = interactive(s, &sink, &o);
    } else {
        size_t len;
        char *text = read_all_fd(0, &len);
        status = run_text(s, text, len, &sink, &o);
        free(text);
    }
    buf_free(&sink.out);
out:
    session_free(s);
    catalog_free(catalog);
    if (tmpdir[0]) nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return status;
}
