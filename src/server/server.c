/* server.c — `basalt server`: the data directory, the listening sockets
 * and the threads that answer connections.
 *
 * One event-loop thread owns every idle connection (epoll, one-shot): it
 * accepts, and when a connection has bytes it queues it for a worker. A
 * fixed pool of worker threads (no thread per connection) answers the
 * requests that are ready (http.c), then hands a keep-alive connection
 * back to the loop, which closes connections idle for longer than
 * keep_alive_timeout. SIGTERM / SIGINT stop accepting, let running
 * requests finish (bounded wait), and exit 0. Logs go to stderr, or to
 * --log-file (reopened on SIGHUP).
 *
 * Flags: --path DIR (default ./data), --listen ADDR (127.0.0.1),
 * --http-port N (8123), --tcp-port N (9000: the native protocol, tcp.c;
 * 0: none), --config FILE (KEY=VALUE lines, as the flags), and
 * the same as environment variables BASALT_PATH, BASALT_LISTEN,
 * BASALT_HTTP_PORT, BASALT_TCP_PORT, BASALT_DEFAULT_PASSWORD(_FILE),
 * BASALT_KEEP_ALIVE_TIMEOUT, BASALT_MAX_WORKERS, BASALT_MAX_CONCURRENT_QUERIES,
 * BASALT_USERS_FILE (flags win over the environment). The `default` user's
 * password comes from BASALT_DEFAULT_PASSWORD or the first line of
 * BASALT_DEFAULT_PASSWORD_FILE, other users from the users file (users.c);
 * listening beyond loopback requires a password for `default`.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../base/mem.h"
#include "../base/pool.h"
#include "../base/proclist.h"
#include "../base/version.h"
#include "../cli/cli.h"
#include "http.h"
#include "access.h"
#include "http_session.h"
#include "sandbox.h"
#include "tcp.h"
#include "users.h"
#include "query.h"
#include "stmt.h"

typedef struct Options {
    char path[4096], listen[256], config[4096], password[1024], users_file[4096], log_file[4096], user[64];
    char options_response[4096];   /* http_options_response: "Name: value; Name: value" */
    int http_port, tcp_port, keep_alive, workers, max_queries;
    int sandbox, seccomp, landlock, core_dumps, allow_root;   /* 1 on, 0 off (-1: not given) */
    long long max_memory;       /* max_server_memory_usage, bytes (0: none) */
} Options;

/* A connection known to the loop: idle ones sit in a list for timeouts. */
typedef struct Conn {
    HttpConn hc;
    struct Conn *prev, *next;   /* idle list */
    bool idle;
    time_t since;               /* idle since */
    bool served;                /* has answered a request (keep-alive) */
} Conn;

typedef struct Server {
    HttpServerConf conf;
    Options opt;
    int epfd, lfd, wakefd;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    Conn **queue;               /* ready connections */
    int qhead, qlen, qcap;
    Conn idle;                  /* list head */
    int busy;                   /* workers answering */
    volatile int stopping;
} Server;

static volatile sig_atomic_t g_signal, g_reopen;
static int g_wakefd = -1;

static void on_signal(int sig)
{
    if (sig == SIGHUP) g_reopen = 1;
    else g_signal = sig;
    if (g_wakefd >= 0) {
        uint64_t one = 1;
        ssize_t w = write(g_wakefd, &one, sizeof one);
        (void)w;
    }
}

static void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void log_line(const char *fmt, ...)
{
    char ts[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S", &tm);
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s <Information> ", ts);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- options ---- */

static int set_option(Options *o, const char *key, const char *val)
{
    if (!strcmp(key, "path")) snprintf(o->path, sizeof o->path, "%s", val);
    else if (!strcmp(key, "listen") || !strcmp(key, "listen_host")) snprintf(o->listen, sizeof o->listen, "%s", val);
    else if (!strcmp(key, "http-port") || !strcmp(key, "http_port")) o->http_port = atoi(val);
    else if (!strcmp(key, "tcp-port") || !strcmp(key, "tcp_port")) o->tcp_port = atoi(val);
    else if (!strcmp(key, "keep-alive-timeout") || !strcmp(key, "keep_alive_timeout")) o->keep_alive = atoi(val);
    else if (!strcmp(key, "max-workers") || !strcmp(key, "max_workers")) o->workers = atoi(val);
    else if (!strcmp(key, "max-concurrent-queries") || !strcmp(key, "max_concurrent_queries")) o->max_queries = atoi(val);
    else if (!strcmp(key, "max-server-memory-usage") || !strcmp(key, "max_server_memory_usage")) o->max_memory = atoll(val);
    else if (!strcmp(key, "default-password") || !strcmp(key, "default_password")) snprintf(o->password, sizeof o->password, "%s", val);
    else if (!strcmp(key, "config")) snprintf(o->config, sizeof o->config, "%s", val);
    else if (!strcmp(key, "users-file") || !strcmp(key, "users_file")) snprintf(o->users_file, sizeof o->users_file, "%s", val);
    else if (!strcmp(key, "log-file") || !strcmp(key, "log_file")) snprintf(o->log_file, sizeof o->log_file, "%s", val);
    else if (!strcmp(key, "user")) snprintf(o->user, sizeof o->user, "%s", val);
    else if (!strcmp(key, "http-options-response") || !strcmp(key, "http_options_response"))
        snprintf(o->options_response, sizeof o->options_response, "%s", val);
    else if (!strcmp(key, "sandbox")) o->sandbox = atoi(val) != 0;
    else if (!strcmp(key, "seccomp")) o->seccomp = atoi(val) != 0;
    else if (!strcmp(key, "landlock")) o->landlock = atoi(val) != 0;
    else if (!strcmp(key, "core-dumps") || !strcmp(key, "core_dumps")) o->core_dumps = atoi(val) != 0;
    else if (!strcmp(key, "allow-root") || !strcmp(key, "allow_root")) o->allow_root = atoi(val) != 0;
    else return -1;
    return 0;
}

static int read_first_line(const char *file, char *out, size_t cap)
{
    FILE *f = fopen(file, "r");
    if (!f) return -1;
    if (!fgets(out, (int)cap, f)) out[0] = 0;
    fclose(f);
    out[strcspn(out, "\r\n")] = 0;
    return 0;
}

static void from_env(Options *o)
{
    static const char *const ENV[][2] = {{"BASALT_PATH", "path"}, {"BASALT_LISTEN", "listen"}, {"BASALT_HTTP_PORT", "http_port"},
                                         {"BASALT_TCP_PORT", "tcp_port"}, {"BASALT_KEEP_ALIVE_TIMEOUT", "keep_alive_timeout"},
                                         {"BASALT_MAX_WORKERS", "max_workers"}, {"BASALT_DEFAULT_PASSWORD", "default_password"},
                                         {"BASALT_MAX_CONCURRENT_QUERIES", "max_concurrent_queries"},
                                         {"BASALT_USERS_FILE", "users_file"}, {"BASALT_LOG_FILE", "log_file"},
                                         {"BASALT_MAX_SERVER_MEMORY_USAGE", "max_server_memory_usage"},
                                         {"BASALT_USER", "user"}, {"BASALT_SANDBOX", "sandbox"}, {"BASALT_SECCOMP", "seccomp"},
                                         {"BASALT_LANDLOCK", "landlock"}, {"BASALT_CORE_DUMPS", "core_dumps"},
                                         {"BASALT_ALLOW_ROOT", "allow_root"},
                                         {"BASALT_HTTP_OPTIONS_RESPONSE", "http_options_response"}};
    for (size_t i = 0; i < sizeof ENV / sizeof ENV[0]; i++) {
        const char *v = getenv(ENV[i][0]);
        if (v) set_option(o, ENV[i][1], v);
    }
    const char *pf = getenv("BASALT_DEFAULT_PASSWORD_FILE");
    if (pf && read_first_line(pf, o->password, sizeof o->password)) fprintf(stderr, "basalt server: cannot read %s\n", pf);
}

static int from_config(Options *o)
{
    FILE *f = fopen(o->config, "r");
    if (!f) {
        fprintf(stderr, "basalt server: cannot open config %s: %s\n", o->config, strerror(errno));
        return -1;
    }
    char line[4096];
    int rc = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        char *p = line;
        while (*p == ' ' || *p == '\t') p++;
        if (!*p || *p == '#') continue;
        char *eq = strchr(p, '=');
        if (!eq) continue;
        *eq = 0;
        char *k = p, *v = eq + 1, *ke = eq;
        while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t')) *--ke = 0;
        while (*v == ' ' || *v == '\t') v++;
        if (set_option(o, k, v)) {
            fprintf(stderr, "basalt server: unknown config key %s\n", k);
            rc = -1;
        }
    }
    fclose(f);
    return rc;
}

static void usage(void)
{
    fprintf(stderr,
            "Usage: basalt server [--path DIR] [--listen ADDR] [--http-port N] [--tcp-port N] [--config FILE]\n"
            "  --path DIR              data directory (default ./data)\n"
            "  --listen ADDR           address to listen on (default 127.0.0.1)\n"
            "  --http-port N           HTTP interface port (default 8123)\n"
            "  --tcp-port N            native protocol port (default 9000; 0: none)\n"
            "  --keep-alive-timeout S  idle keep-alive connections close after S seconds (default 10)\n"
            "  --max-workers N         threads answering requests (default 16)\n"
            "  --max-concurrent-queries N  queries running at once, past it TOO_MANY_SIMULTANEOUS_QUERIES (default 1000)\n"
            "  --users-file FILE       users: name:password[:readonly] or name:sha256:HEX[:readonly] lines\n"
            "  --log-file FILE         the log (stderr otherwise), reopened on SIGHUP\n"
            "  --max-server-memory-usage BYTES  all queries together (MEMORY_LIMIT_EXCEEDED past it; 0: no limit)\n"
            "  --user UID[:GID]        who to become when started as root (default 65532:65532)\n"
            "  --sandbox 0|1           confine the server at startup (default 1; sandbox.h): no core dumps, root\n"
            "                          dropped, no capabilities, no_new_privs, Landlock, seccomp\n"
            "  --seccomp 0|1, --landlock 0|1, --core-dumps 0|1   switch one layer (for debugging)\n"
            "  --allow-root 1          started as root, stay root (the other layers still apply; make run)\n"
            "  --http-options-response 'NAME: VALUE; ...'  headers of the 204 answering an OPTIONS (CORS\n"
            "                          preflight) request; none by default, so browsers refuse cross-origin writes\n"
            "  --config FILE           KEY=VALUE lines with the same keys\n"
            "Environment: BASALT_PATH, BASALT_LISTEN, BASALT_HTTP_PORT, BASALT_TCP_PORT,\n"
            "BASALT_KEEP_ALIVE_TIMEOUT, BASALT_MAX_WORKERS, BASALT_MAX_CONCURRENT_QUERIES, BASALT_USERS_FILE, BASALT_LOG_FILE,\n"
            "BASALT_MAX_SERVER_MEMORY_USAGE, BASALT_USER, BASALT_SANDBOX, BASALT_SECCOMP, BASALT_LANDLOCK, BASALT_CORE_DUMPS, BASALT_ALLOW_ROOT,\n"
            "BASALT_HTTP_OPTIONS_RESPONSE, BASALT_DEFAULT_PASSWORD(_FILE).\n");
}

static int parse_args(Options *o, int argc, char **argv)
{
    Options flags = {.tcp_port = -1, .sandbox = -1, .seccomp = -1, .landlock = -1, .core_dumps = -1, .allow_root = -1};   /* -1: not given */
    bool set[8] = {0};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) return usage(), 1;
        if (strncmp(a, "--", 2)) return fprintf(stderr, "basalt server: bad argument %s\n", a), -1;
        char key[64];
        const char *eq = strchr(a, '='), *val;
        size_t kl = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
        if (kl >= sizeof key) return -1;
        memcpy(key, a + 2, kl);
        key[kl] = 0;
        if (eq) val = eq + 1;
        else if (i + 1 < argc) val = argv[++i];
        else return fprintf(stderr, "basalt server: %s needs a value\n", a), -1;
        if (set_option(&flags, key, val)) return fprintf(stderr, "basalt server: unknown option %s\n", a), -1;
        set[0] |= !strcmp(key, "config");
    }
    /* defaults, then the config file, the environment, and the flags last */
    snprintf(o->path, sizeof o->path, "./data");
    snprintf(o->listen, sizeof o->listen, "127.0.0.1");
    o->http_port = 8123, o->tcp_port = 9000, o->keep_alive = 10, o->workers = 16, o->max_queries = 1000;
    o->sandbox = o->seccomp = o->landlock = 1, o->core_dumps = o->allow_root = 0;
    if (set[0]) {
        snprintf(o->config, sizeof o->config, "%s", flags.config);
        if (from_config(o)) return -1;
    }
    from_env(o);
    if (*flags.path) snprintf(o->path, sizeof o->path, "%s", flags.path);
    if (*flags.listen) snprintf(o->listen, sizeof o->listen, "%s", flags.listen);
    if (flags.http_port) o->http_port = flags.http_port;
    if (flags.tcp_port >= 0) o->tcp_port = flags.tcp_port;
    if (flags.keep_alive) o->keep_alive = flags.keep_alive;
    if (flags.workers) o->workers = flags.workers;
    if (flags.max_queries) o->max_queries = flags.max_queries;
    if (flags.max_memory) o->max_memory = flags.max_memory;
    if (*flags.password) snprintf(o->password, sizeof o->password, "%s", flags.password);
    if (*flags.users_file) snprintf(o->users_file, sizeof o->users_file, "%s", flags.users_file);
    if (*flags.log_file) snprintf(o->log_file, sizeof o->log_file, "%s", flags.log_file);
    if (*flags.user) snprintf(o->user, sizeof o->user, "%s", flags.user);
    if (*flags.options_response) snprintf(o->options_response, sizeof o->options_response, "%s", flags.options_response);
    if (flags.sandbox >= 0) o->sandbox = flags.sandbox;
    if (flags.seccomp >= 0) o->seccomp = flags.seccomp;
    if (flags.landlock >= 0) o->landlock = flags.landlock;
    if (flags.core_dumps >= 0) o->core_dumps = flags.core_dumps;
    if (flags.allow_root >= 0) o->allow_root = flags.allow_root;
    if (o->http_port <= 0 || o->http_port > 65535) return fprintf(stderr, "basalt server: bad --http-port\n"), -1;
    if (o->tcp_port < 0 || o->tcp_port > 65535) return fprintf(stderr, "basalt server: bad --tcp-port\n"), -1;
    if (o->workers < 1) o->workers = 1;
    if (o->workers > 1024) o->workers = 1024;
    if (o->keep_alive < 1) o->keep_alive = 1;
    return 0;
}

/* ---- sockets ---- */

static bool is_loopback(const char *addr)
{
    return !strcmp(addr, "127.0.0.1") || !strncmp(addr, "127.", 4) || !strcmp(addr, "::1") || !strcmp(addr, "localhost");
}

static int listen_on(const char *addr, int port)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    socklen_t len;
    int family;
    const char *a = !strcmp(addr, "localhost") ? "127.0.0.1" : addr;
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, a, &v4->sin_addr) == 1) {
        family = AF_INET, v4->sin_family = AF_INET, v4->sin_port = htons((uint16_t)port), len = sizeof *v4;
    } else if (inet_pton(AF_INET6, a, &v6->sin6_addr) == 1) {
        family = AF_INET6, v6->sin6_family = AF_INET6, v6->sin6_port = htons((uint16_t)port), len = sizeof *v6;
    } else {
        errno = EINVAL;
        return -1;
    }
    int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&ss, len) || listen(fd, 4096)) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* ---- the idle list and the ready queue (under s->mu) ---- */

static void idle_add(Server *s, Conn *c)
{
    c->idle = true;
    c->since = time(NULL);
    c->prev = &s->idle;
    c->next = s->idle.next;
    s->idle.next->prev = c;
    s->idle.next = c;
}

static void idle_remove(Conn *c)
{
    if (!c->idle) return;
    c->prev->next = c->next;
    c->next->prev = c->prev;
    c->idle = false;
}

static void conn_close(Conn *c)
{
    metric_add(MET_HTTP_CONNECTION, -1);
    close(c->hc.fd);
    MemTracker *saved = mem_current;
    mem_current = NULL;
    buf_free(&c->hc.in);
    mem_current = saved;
    free(c);
}

static void enqueue(Server *s, Conn *c)
{
    if (s->qlen == s->qcap) {
        int ncap = s->qcap ? s->qcap * 2 : 64;
        Conn **nq = xmalloc(sizeof *nq * (size_t)ncap);
        for (int i = 0; i < s->qlen; i++) nq[i] = s->queue[(s->qhead + i) % s->qcap];
        free(s->queue);
        s->queue = nq, s->qcap = ncap, s->qhead = 0;
    }
    s->queue[(s->qhead + s->qlen++) % s->qcap] = c;
    pthread_cond_signal(&s->cv);
}

/* Gives an idle connection back to the loop (one-shot: one wakeup). */
static void rearm(Server *s, Conn *c)
{
    pthread_mutex_lock(&s->mu);
    idle_add(s, c);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT, .data.ptr = c};
    if (epoll_ctl(s->epfd, EPOLL_CTL_MOD, c->hc.fd, &ev)) {
        idle_remove(c);
        pthread_mutex_unlock(&s->mu);
        conn_close(c);
        return;
    }
    pthread_mutex_unlock(&s->mu);
}

static void *worker(void *arg)
{
    Server *s = arg;
    for (;;) {
        pthread_mutex_lock(&s->mu);
        while (!s->qlen && !s->stopping) pthread_cond_wait(&s->cv, &s->mu);
        if (!s->qlen) {
            pthread_mutex_unlock(&s->mu);
            return NULL;
        }
        Conn *c = s->queue[s->qhead];
        s->qhead = (s->qhead + 1) % s->qcap;
        s->qlen--;
        s->busy++;
        pthread_mutex_unlock(&s->mu);
        bool keep = http_serve(&s->conf, &c->hc);
        c->served = true;
        pthread_mutex_lock(&s->mu);
        s->busy--;
        pthread_mutex_unlock(&s->mu);
        if (keep && !s->stopping) rearm(s, c);
        else conn_close(c);
    }
}

static void accept_all(Server *s)
{
    for (;;) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        int fd = accept4(s->lfd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) return;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        Conn *c = xcalloc(1, sizeof *c);
        c->hc.fd = fd;
        event_add(EV_HTTP_CONNECTION, 1);
        metric_add(MET_HTTP_CONNECTION, 1);
        c->hc.timeout_ms = 30000;
        char host[INET6_ADDRSTRLEN] = "?";
        if (ss.ss_family == AF_INET) inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
        else if (ss.ss_family == AF_INET6) inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
        snprintf(c->hc.peer, sizeof c->hc.peer, "%s", host);
        pthread_mutex_lock(&s->mu);
        idle_add(s, c);
        struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT, .data.ptr = c};
        if (epoll_ctl(s->epfd, EPOLL_CTL_ADD, fd, &ev)) {
            idle_remove(c);
            pthread_mutex_unlock(&s->mu);
            conn_close(c);
            continue;
        }
        pthread_mutex_unlock(&s->mu);
    }
}

/* Closes connections idle past their timeout (new ones get 30 s for a first request). */
static void sweep(Server *s, bool all)
{
    time_t now = time(NULL);
    pthread_mutex_lock(&s->mu);
    for (Conn *c = s->idle.next, *next; c != &s->idle; c = next) {
        next = c->next;
        int limit = c->served ? s->opt.keep_alive : 30;
        if (all || now - c->since >= limit) {
            idle_remove(c);
            epoll_ctl(s->epfd, EPOLL_CTL_DEL, c->hc.fd, NULL);
            conn_close(c);
        }
    }
    pthread_mutex_unlock(&s->mu);
}

/* The log goes to --log-file when given (stderr is pointed at it), opened
 * again on SIGHUP so that rotated logs are let go. */
static int open_log(const char *file)
{
    if (!*file) return 0;
    int fd = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0) {
        fprintf(stderr, "basalt server: cannot open the log %s: %s\n", file, strerror(errno));
        return -1;
    }
    dup2(fd, 2);
    close(fd);
    return 0;
}

static void loop(Server *s)
{
    struct epoll_event evs[256];
    while (!g_signal) {
        if (g_reopen) {
            g_reopen = 0;
            open_log(s->opt.log_file);
            log_line("log reopened (SIGHUP)");
        }
        int n = epoll_wait(s->epfd, evs, 256, 1000);
        for (int i = 0; i < n; i++) {
            void *p = evs[i].data.ptr;
            if (p == &s->lfd) {
                accept_all(s);
            } else if (p == &s->wakefd) {
                uint64_t v;
                ssize_t r = read(s->wakefd, &v, sizeof v);
                (void)r;
            } else {
                Conn *c = p;
                pthread_mutex_lock(&s->mu);
                idle_remove(c);
                enqueue(s, c);
                pthread_mutex_unlock(&s->mu);
            }
        }
        sweep(s, false);
        http_session_expire();
    }
}

/* ---- start and stop ---- */

static int open_data_dir(const Options *o)
{
    if (mkdir(o->path, 0750) != 0 && errno != EEXIST) {
        fprintf(stderr, "basalt server: cannot create %s: %s\n", o->path, strerror(errno));
        return -1;
    }
    char lock_path[4200];
    snprintf(lock_path, sizeof lock_path, "%s/.lock", o->path);
    int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
        fprintf(stderr, "basalt server: the data directory %s is in use by another process\n", o->path);
        if (fd >= 0) close(fd);
        return -1;
    }
    return fd;   /* held for the life of the process */
}

int cli_server(int argc, char **argv)
{
    Server s;
    memset(&s, 0, sizeof s);
    int rc = parse_args(&s.opt, argc, argv);
    if (rc) return rc > 0 ? 0 : 1;
    int urc = users_init(s.opt.password, s.opt.users_file);
    memset(s.opt.password, 0, sizeof s.opt.password);   /* only the salted hash stays */
    if (urc) return 1;
    if (!is_loopback(s.opt.listen) && !users_default_has_password()) {
        fprintf(stderr, "basalt server: refusing to listen on %s while the default user has no password "
                        "(set BASALT_DEFAULT_PASSWORD or BASALT_DEFAULT_PASSWORD_FILE)\n", s.opt.listen);
        return 1;
    }
    if (open_data_dir(&s.opt) < 0 || open_log(s.opt.log_file)) return 1;
    s.lfd = listen_on(s.opt.listen, s.opt.http_port);
    if (s.lfd < 0) {
        fprintf(stderr, "basalt server: cannot listen on %s:%d: %s\n", s.opt.listen, s.opt.http_port, strerror(errno));
        return 1;
    }
    int tcp_fd = s.opt.tcp_port > 0 ? listen_on(s.opt.listen, s.opt.tcp_port) : -1;
    if (s.opt.tcp_port > 0 && tcp_fd < 0) {
        fprintf(stderr, "basalt server: cannot listen on %s:%d: %s\n", s.opt.listen, s.opt.tcp_port, strerror(errno));
        close(s.lfd);
        return 1;
    }
    static MemTracker server_mem;
    server_mem.limit = s.opt.max_memory > 0 ? s.opt.max_memory : mem_default_server_limit();   /* reads cgroup files: before Landlock */
    char sandbox_report[512] = "sandbox off";
    if (s.opt.sandbox) {   /* everything it needs from outside is open: confine it before reading any data */
        SandboxConf sc = {.data_dir = s.opt.path, .log_file = s.opt.log_file, .ports = {s.opt.http_port, tcp_fd >= 0 ? s.opt.tcp_port : 0},
                          .user = s.opt.user, .no_seccomp = !s.opt.seccomp, .no_landlock = !s.opt.landlock, .core_dumps = s.opt.core_dumps,
                          .no_setuid = s.opt.allow_root};
        char msg[512];
        if (sandbox_apply(&sc, sandbox_report, sizeof sandbox_report, msg, sizeof msg)) {
            fprintf(stderr, "basalt server: cannot confine the server: %s (--sandbox 0 starts it without)\n", msg);
            return 1;
        }
    }
    Catalog *catalog = catalog_new(NULL);
    free(catalog->path);
    catalog->path = xstrdup(s.opt.path);
    Session *boot = session_new(catalog);
    server_load_catalog(boot);
    int arc = access_store_open(boot, s.opt.path);   /* users, roles and grants made with SQL */
    session_free(boot);
    if (arc) {
        catalog_free(catalog);
        return 1;
    }
    char host[256] = "basalt";
    gethostname(host, sizeof host);
    s.conf = (HttpServerConf){.catalog = catalog, .mem = &server_mem, .display_name = host, .keep_alive_timeout = s.opt.keep_alive,
                              .max_head_bytes = (size_t)1 << 20, .stopping = &s.stopping,
                              .max_concurrent_queries = s.opt.max_queries, .options_response = s.opt.options_response};
    pthread_mutex_init(&s.mu, NULL);
    pthread_cond_init(&s.cv, NULL);
    s.idle.next = s.idle.prev = &s.idle;
    s.epfd = epoll_create1(EPOLL_CLOEXEC);
    s.wakefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    g_wakefd = s.wakefd;
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &s.lfd};
    epoll_ctl(s.epfd, EPOLL_CTL_ADD, s.lfd, &ev);
    ev.data.ptr = &s.wakefd;
    epoll_ctl(s.epfd, EPOLL_CTL_ADD, s.wakefd, &ev);
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    sigaction(SIGHUP, &sa, NULL);   /* reopens --log-file */
    pthread_t *th = xcalloc((size_t)s.opt.workers, sizeof *th);
    int started = 0;
    for (int i = 0; i < s.opt.workers; i++)
        if (thread_start(&th[i], worker, &s, false) == 0) started++;
    TcpServerConf tconf = {.listen_fd = tcp_fd, .catalog = catalog, .mem = &server_mem, .display_name = host,
                           .max_connections = 1024, .max_queries = s.opt.max_queries, .stopping = &s.stopping};
    bool tcp_on = tcp_fd >= 0 && tcp_server_start(&tconf) == 0;
    log_line("basalt %s (ClickHouse %s compatible): data in %s; HTTP on %s:%d; native TCP on port %d; %d workers", BASALT_VERSION,
             BASALT_CH_VERSION, s.opt.path, s.opt.listen, s.opt.http_port, tcp_on ? s.opt.tcp_port : 0, started);
    log_line("sandbox: %s", sandbox_report);
    loop(&s);
    log_line("received signal %d: finishing running queries", (int)g_signal);
    pthread_mutex_lock(&s.mu);
    s.stopping = 1;   /* answers from now on close their connection */
    pthread_cond_broadcast(&s.cv);
    pthread_mutex_unlock(&s.mu);
    close(s.lfd);
    if (tcp_on) tcp_server_stop();
    if (tcp_fd >= 0) close(tcp_fd);
    sweep(&s, true);
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    free(th);
    http_session_clear();
    free(s.queue);
    close(s.epfd);
    close(s.wakefd);
    catalog_free(catalog);
    log_line("stopped");
    return 0;
}
