/* suite.c — build/http_suite: runs one stateless test (SQL on stdin)
 * through a server's HTTP interface instead of in-process, for
 * tests/http/stateless.sh. Statements are split and test hints honoured
 * exactly as `basalt local --testmode` does (cli_run_script; a statement
 * that does not parse here goes to the server all the same); each goes
 * out as one POST on the session named by --session (so SET, USE and
 * temporary tables carry over), its result body to stdout, its error
 * (X-ClickHouse-Exception-Code and the body's text) to stderr.
 *
 * Usage: http_suite --port N [--host 127.0.0.1] --session ID < test.sql
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "server/http_parse.h"

typedef struct Client {
    const char *host, *session;
    int port;
} Client;

static int connect_to(const Client *c)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)c->port)};
    if (fd < 0 || inet_pton(AF_INET, c->host, &a.sin_addr) != 1 || connect(fd, (struct sockaddr *)&a, sizeof a)) {
        if (fd >= 0) close(fd);
        return -1;
    }
    struct timeval tv = {.tv_sec = 60};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w, n -= (size_t)w;
    }
    return 0;
}

/* The response's body, decoded, from raw[head, n). */
static int body_of(const char *raw, size_t head, size_t n, bool chunked, Buf *out)
{
    if (!chunked) {
        buf_put(out, raw + head, n - head);
        return 0;
    }
    HttpChunked dec = {0};
    char *tmp = xmalloc(n - head + 1);
    size_t used, produced;
    int rc = http_chunked_feed(&dec, raw + head, n - head, tmp, &used, &produced);
    buf_put(out, tmp, produced);
    free(tmp);
    return rc == HTTP_CHUNK_DONE ? 0 : -1;
}

/* "Code: N. DB::Exception: msg. (NAME) (version ...)\n" -> msg */
static void error_message(const Buf *body, Err *err, int code)
{
    char *text = xstrndup(body->data ? body->data : "", body->len);
    const char *m = strstr(text, "DB::Exception: ");
    m = m ? m + 15 : text;
    char *end = strstr(m, " (version ");
    if (end) *end = 0;
    size_t l = strlen(m);
    while (l && (m[l - 1] == '\n' || m[l - 1] == ' ')) l--;
    /* drop the trailing ". (NAME)": err_format adds it back */
    const char *paren = l ? memrchr(m, '(', l) : NULL;
    if (paren && paren > m + 1 && paren[-1] == ' ' && paren[-2] == '.') l = (size_t)(paren - m - 2);
    err_set(err, code, "%.*s", (int)(l < ERR_MSG_MAX - 1 ? l : ERR_MSG_MAX - 1), m);
    free(text);
}

static int run_http(void *ctx, Ast *st, const char *text, size_t len, Err *err)
{
    Client *c = ctx;
    /* INSERT ... FORMAT data ended by a line holding only ';' (as the
     * client reads a script): that ';' ends the statement, it is not data */
    size_t e = len;
    while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r' || text[e - 1] == '\n')) e--;
    if (st && st->kind == AST_INSERT && e > 0 && text[e - 1] == ';') {
        size_t k = e - 1;
        while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t')) k--;
        if (k > 0 && text[k - 1] == '\n') len = k;
    }
    int fd = connect_to(c);
    if (fd < 0) return err_set(err, ERR_NETWORK_ERROR, "Cannot connect to %s:%d", c->host, c->port);
    Buf req = {0};
    buf_printf(&req, "POST /?session_id=%s HTTP/1.1\r\nHost: %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n", c->session, c->host,
               len);
    buf_put(&req, text, len);
    int rc = write_all(fd, req.data, req.len);
    buf_free(&req);
    Buf raw = {0};
    while (!rc) {
        buf_reserve(&raw, 65536);
        ssize_t n = read(fd, raw.data + raw.len, 65536);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        raw.len += (size_t)n;
    }
    close(fd);
    HttpRequest h;   /* the response head parses like a request's headers, after its status line */
    const char *data = raw.data ? raw.data : "";
    const char *eol = memchr(data, '\n', raw.len);
    int status = raw.len > 12 && !strncmp(data, "HTTP/1.", 7) ? atoi(data + 9) : 0;
    long head = 0;
    Buf fake = {0};
    if (eol) {
        buf_puts(&fake, "X / HTTP/1.1\r\n");
        buf_put(&fake, eol + 1, raw.len - (size_t)(eol + 1 - data));
        head = http_parse_head(fake.data, fake.len, 1 << 20, &h);
    }
    if (!status || head <= 0) {
        if (head > 0) http_request_free(&h);
        buf_free(&fake), buf_free(&raw);
        return err_set(err, ERR_NETWORK_ERROR, "Bad HTTP response from the server");
    }
    Buf body = {0};
    body_of(fake.data, (size_t)head, fake.len, h.chunked, &body);
    const char *exc = http_header(&h, "X-ClickHouse-Exception-Code");
    int code = exc ? atoi(exc) : status != 200 ? ERR_UNKNOWN_EXCEPTION : 0;
    if (code) error_message(&body, err, code);
    else fwrite(body.data ? body.data : "", 1, body.len, stdout);
    fflush(stdout);
    http_request_free(&h);
    buf_free(&body), buf_free(&fake), buf_free(&raw);
    return code;
}

int main(int argc, char **argv)
{
    Client c = {.host = "127.0.0.1"};
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--port")) c.port = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--host")) c.host = argv[i + 1];
        else if (!strcmp(argv[i], "--session")) c.session = argv[i + 1];
    }
    if (!c.port || !c.session) {
        fprintf(stderr, "usage: http_suite --port N [--host ADDR] --session ID < test.sql\n");
        return 2;
    }
    Buf in = {0};
    for (;;) {
        buf_reserve(&in, 65536);
        ssize_t n = read(0, in.data + in.len, 65536);
        if (n <= 0) break;
        in.len += (size_t)n;
    }
    ScriptHooks hooks = {.run_unparsed = true};   /* the server parses each statement itself */
    int status = cli_run_script(in.data ? in.data : "", in.len, &hooks, true, false, run_http, &c);
    buf_free(&in);
    return status;
}
