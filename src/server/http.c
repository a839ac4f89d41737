/* http.c — ClickHouse's HTTP interface; see http.h.
 *
 * A query request: the URL parameter `query` (plus "\n") followed by the
 * body is the statement's text. Only a bounded prefix of the body is read
 * before parsing: an INSERT ... FORMAT streams the rest of the body into
 * the insert as its data (so a large upload never sits in memory), any
 * other statement must be the whole text (one statement per request).
 * Parameters that are not reserved names are settings for this query
 * (unknown names fail with UNKNOWN_SETTING), `param_<name>` fill
 * {name:Type} placeholders. A GET runs with readonly = 2.
 *
 * The result is held until 1 MiB of it is ready (all of it with
 * wait_end_of_query = 1), so an error in that window still becomes a
 * proper status and error body; after that the status is 200 and a later
 * error is appended to the body, framed by the response's
 * X-ClickHouse-Exception-Tag, as ClickHouse 25.11+ does.
 */
#include "http.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>

#include "../base/proclist.h"
#include "../base/version.h"
#include "../sql/parser.h"
#include "access.h"
#include "http_session.h"
#include "users.h"
#include "query.h"
#include "stmt.h"

#define BODY_PREFIX (1u << 20)         /* body bytes read before parsing */
#define MAX_QUERY_BODY (256u << 20)    /* a non-INSERT statement's whole text */

/* ---- statuses ---- */

static const struct { int status; const char *names; } STATUS_OF[] = {
    {401, " REQUIRED_PASSWORD "},
    {403, " UNKNOWN_USER WRONG_PASSWORD AUTHENTICATION_FAILED SET_NON_GRANTED_ROLE ACCESS_DENIED "},
    {400, " BAD_ARGUMENTS CANNOT_COMPILE_REGEXP CANNOT_PARSE_TEXT CANNOT_PARSE_ESCAPE_SEQUENCE CANNOT_PARSE_QUOTED_STRING "
          "CANNOT_PARSE_DATE CANNOT_PARSE_DATETIME CANNOT_PARSE_NUMBER CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING "
          "CANNOT_PARSE_IPV4 CANNOT_PARSE_IPV6 CANNOT_PARSE_INPUT_ASSERTION_FAILED CANNOT_PARSE_UUID DUPLICATE_COLUMN "
          "ILLEGAL_COLUMN UNKNOWN_ELEMENT_IN_AST UNKNOWN_TYPE_OF_AST_NODE THERE_IS_NO_COLUMN TOO_DEEP_AST TOO_BIG_AST "
          "UNEXPECTED_AST_STRUCTURE SYNTAX_ERROR INCORRECT_DATA TYPE_MISMATCH VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE "},
    {404, " UNKNOWN_TABLE UNKNOWN_FUNCTION UNKNOWN_IDENTIFIER UNKNOWN_TYPE UNKNOWN_STORAGE UNKNOWN_DATABASE UNKNOWN_SETTING "
          "UNKNOWN_DIRECTION_OF_SORTING UNKNOWN_AGGREGATE_FUNCTION UNKNOWN_FORMAT UNKNOWN_DATABASE_ENGINE "
          "UNKNOWN_TYPE_OF_QUERY UNKNOWN_ROLE "},
    {413, " QUERY_IS_TOO_LARGE "},
    {501, " NOT_IMPLEMENTED "},
    {503, " SOCKET_TIMEOUT CANNOT_OPEN_FILE CANNOT_SCHEDULE_TASK "},
    {411, " HTTP_LENGTH_REQUIRED "},
    {408, " TIMEOUT_EXCEEDED "},
    {415, " UNSUPPORTED_MEDIA_TYPE "},
};

int http_status_for_code(int code)
{
    char key[80];
    snprintf(key, sizeof key, " %s ", err_name(code));
    for (size_t i = 0; i < sizeof STATUS_OF / sizeof STATUS_OF[0]; i++)
        if (strstr(STATUS_OF[i].names, key)) return STATUS_OF[i].status;
    return 500;
}

/* "Code: N. DB::Exception: msg. (NAME) (version X (official build))\n" */
static void error_text(const Err *err, Buf *out)
{
    char msg[ERR_MSG_MAX + 256];
    err_format(err, msg, sizeof msg);
    buf_printf(out, "%s (version %s (official build))\n", msg, BASALT_CH_VERSION);
}

/* The X-ClickHouse-Exception-Tag of a response (25.11+): 16 random
 * lowercase letters and digits, which frame an error after the status. */
static void exception_tag(char tag[17])
{
    static const char ALNUM[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    unsigned char raw[16];
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
        for (int i = 0; i < 16; i++) raw[i] = (unsigned char)rand();
    for (int i = 0; i < 16; i++) tag[i] = ALNUM[raw[i] % 36];
    tag[16] = 0;
}

/* An error once rows went out with a 200: the error text framed by the tag,
 * \r\n__exception__\r\nTAG\nTEXT\nLEN TAG\r\n__exception__\r\n, so a client
 * can tell it from rows (LEN counts TEXT and its line feed). */
static void framed_error(const Err *err, const char *tag, Buf *out)
{
    Buf e = {0};
    error_text(err, &e);
    buf_printf(out, "\r\n__exception__\r\n%s\n", tag);
    buf_put(out, e.data, e.len);
    buf_printf(out, "%zu %s\r\n__exception__\r\n", e.len, tag);
    buf_free(&e);
}

/* ---- the request's parameters ---- */

typedef struct Param {
    char *name, *value;
} Param;

typedef struct Req {
    const HttpServerConf *conf;
    HttpConn *c;
    HttpRequest *hr;
    HttpResp *r;
    HttpBody body;
    Buf text;                   /* query parameter, "\n", body prefix */
    bool has_query_param;
    const char *database, *default_format, *query_id, *user, *password;
    const char *session_id, *session_timeout;
    bool session_check, close_session;
    int user_readonly;          /* the authenticated user's readonly level */
    uint64_t buffer_size;       /* buffer_size: result bytes held back besides the usual 1 MiB */
    bool compress, decompress;  /* ClickHouse's block framing of the response / the request body */
    bool user_param, password_param;
    bool wait_end;
    Param *settings;            /* in order; applied to the session */
    int nsettings;
    Param *params;              /* param_<name> */
    int nparams;
    Param *roles;               /* role=<name> (may repeat): SET ROLE for this request */
    int nroles;
} Req;

static const char *const RESERVED[] = {"query", "database", "default_format", "query_id", "user", "password", "quota_key",
                                       "session_id", "session_timeout", "session_check", "close_session", "compress",
                                       "decompress", "buffer_size", "wait_end_of_query", "stacktrace", "role",
                                       "client_protocol_version", NULL};

static void push(Param **arr, int *n, const char *name, const char *value)
{
    *arr = xrealloc(*arr, sizeof **arr * (size_t)(*n + 1));
    (*arr)[*n] = (Param){xstrdup(name), xstrdup(value)};
    (*n)++;
}

static int take_param(void *ctx, const char *name, const char *value)
{
    Req *q = ctx;
    if (!strcmp(name, "query")) {
        if (*value) {
            buf_puts(&q->text, value);
            buf_putc(&q->text, '\n');   /* then the body */
            q->has_query_param = true;
        }
        return 0;
    }
    if (!strncmp(name, "param_", 6)) {
        push(&q->params, &q->nparams, name + 6, value);
        return 0;
    }
    for (int i = 0; RESERVED[i]; i++)
        if (!strcmp(name, RESERVED[i])) {
            const char **slot = !strcmp(name, "database") ? &q->database : !strcmp(name, "default_format") ? &q->default_format
                              : !strcmp(name, "query_id") ? &q->query_id : !strcmp(name, "user") ? &q->user
                              : !strcmp(name, "password") ? &q->password : !strcmp(name, "session_id") ? &q->session_id
                              : !strcmp(name, "session_timeout") ? &q->session_timeout : NULL;
            if (slot) {
                free((char *)*slot);
                *slot = xstrdup(value);
            }
            if (!strcmp(name, "role")) push(&q->roles, &q->nroles, value, "");
            q->user_param |= !strcmp(name, "user");
            q->password_param |= !strcmp(name, "password");
            bool on = *value && strcmp(value, "0") != 0;
            if (!strcmp(name, "wait_end_of_query")) q->wait_end = on;
            if (!strcmp(name, "session_check")) q->session_check = on;
            if (!strcmp(name, "close_session")) q->close_session = on;
            if (!strcmp(name, "buffer_size")) q->buffer_size = strtoull(value, NULL, 10);
            if (!strcmp(name, "compress")) q->compress = on;
            if (!strcmp(name, "decompress")) q->decompress = on;
            return 0;
        }
    push(&q->settings, &q->nsettings, name, value);
    return 0;
}

static void req_free(Req *q)
{
    buf_free(&q->text);
    for (int i = 0; i < q->nsettings; i++) free(q->settings[i].name), free(q->settings[i].value);
    for (int i = 0; i < q->nparams; i++) free(q->params[i].name), free(q->params[i].value);
    for (int i = 0; i < q->nroles; i++) free(q->roles[i].name), free(q->roles[i].value);
    free(q->settings);
    free(q->params);
    free(q->roles);
    free((char *)q->database), free((char *)q->default_format), free((char *)q->query_id);
    free((char *)q->user), free((char *)q->password);
    free((char *)q->session_id), free((char *)q->session_timeout);
}

/* ---- users ---- */

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Decodes base64 s into out (cap bytes); -1 if malformed. */
static int b64_decode(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (; *s && *s != '='; s++) {
        const char *p = strchr(B64, *s);
        if (!p || !*s) return -1;
        acc = acc << 6 | (uint32_t)(p - B64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n + 1 >= cap) return -1;
            out[n++] = (char)(acc >> bits & 0xff);
        }
    }
    out[n] = 0;
    return (int)n;
}

/* Who the request is from (Basic, X-ClickHouse-User/Key, or user/password
 * parameters; `default` without a password if none); checks the password. */
static int authenticate(Req *q, char *user, size_t cap, Err *err)
{
    const char *auth = http_header(q->hr, "Authorization");
    const char *xu = http_header(q->hr, "X-ClickHouse-User"), *xk = http_header(q->hr, "X-ClickHouse-Key");
    bool params = q->user_param || q->password_param;
    if ((xu || xk) && auth)
        return err_set(err, ERR_AUTHENTICATION_FAILED,
                       "Invalid authentication: it is not allowed to use X-ClickHouse HTTP headers and Authorization HTTP header simultaneously");
    if ((xu || xk) && params)
        return err_set(err, ERR_AUTHENTICATION_FAILED,
                       "Invalid authentication: it is not allowed to use X-ClickHouse HTTP headers and authentication via parameters simultaneously");
    if (auth && params)
        return err_set(err, ERR_AUTHENTICATION_FAILED,
                       "Invalid authentication: it is not allowed to use Authorization HTTP header and authentication via parameters simultaneously");
    char cred[1024] = "";
    const char *name = "default", *pass = "";
    if (auth) {
        if (strncasecmp(auth, "Basic ", 6)) {
            size_t sl = strcspn(auth, " ");
            return err_set(err, ERR_AUTHENTICATION_FAILED, "'%.*s' HTTP Authorization scheme is not supported", (int)(sl < 64 ? sl : 64), auth);
        }
        char *colon;
        if (b64_decode(auth + 6, cred, sizeof cred) < 0 || !(colon = strchr(cred, ':')))
            return err_set(err, ERR_AUTHENTICATION_FAILED, "Invalid authentication: malformed Basic credentials");
        *colon = 0;
        name = cred;
        pass = colon + 1;
    } else if (xu || xk) {
        name = xu ? xu : "default";
        pass = xk ? xk : "";
    } else if (params) {
        name = q->user ? q->user : "default";
        pass = q->password ? q->password : "";
    }
    if (!*name) name = "default";
    if (!users_check(name, pass, &q->user_readonly) && !access_authenticate(name, pass, &q->user_readonly)) {
        snprintf(user, cap, "%.200s", name);
        if (!auth && !xu && !xk && !params)   /* no credentials at all: ask for them (a browser shows a login) */
            return err_set(err, ERR_REQUIRED_PASSWORD, "%.200s: Authentication failed: password is required", name);
        return err_set(err, ERR_AUTHENTICATION_FAILED, "%.200s: Authentication failed: password is incorrect, or there is no user with such name", name);
    }
    snprintf(user, cap, "%.200s", name);
    return 0;
}

/* ---- the query ---- */

typedef struct Run {
    Req *q;
    QueryCtx *qc;
    const char *format;
} Run;

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void summary_header(HttpResp *r, QueryCtx *qc, int64_t t0_ns)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int64_t el = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec - t0_ns;
    resp_header(r, "X-ClickHouse-Summary",
                "{\"read_rows\":\"%llu\",\"read_bytes\":\"%llu\",\"written_rows\":\"%llu\",\"written_bytes\":\"%llu\","
                "\"total_rows_to_read\":\"%llu\",\"result_rows\":\"%llu\",\"result_bytes\":\"%llu\",\"elapsed_ns\":\"%lld\","
                "\"memory_usage\":\"%lld\"}",
                (unsigned long long)qc->rows_read, (unsigned long long)qc->bytes_read, (unsigned long long)qc->rows_written,
                (unsigned long long)qc->bytes_written, (unsigned long long)qc->rows_read, (unsigned long long)qc->result_rows,
                (unsigned long long)qc->result_bytes, (long long)el, (long long)(qc->mem.peak > 0 ? qc->mem.peak : 0));
}

typedef struct SinkCtx {
    HttpResp *r;
    QueryCtx *qc;
    int64_t t0_ns;
    bool progress;              /* send_progress_in_http_headers */
    bool cancel_on_close;       /* cancel_http_readonly_queries_on_client_close */
    volatile int *cancel;
} SinkCtx;

/* Every http_headers_progress_interval_ms while the query runs on its own
 * thread: an X-ClickHouse-Progress header while the head is still open, and
 * (when asked) a check that the client is still there. */
static void progress_tick(void *ctx)
{
    SinkCtx *sc = ctx;
    HttpResp *r = sc->r;
    QueryCtx *qc = sc->qc;
    if (sc->cancel_on_close) {
        char b;
        if (recv(r->c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) == 0) *sc->cancel = 1;   /* the client is gone */
    }
    if (!sc->progress || r->started) return;
    MemTracker *saved = mem_current;
    mem_current = NULL;
    resp_header(r, "X-ClickHouse-Progress",
                "{\"read_rows\":\"%llu\",\"read_bytes\":\"%llu\",\"written_rows\":\"%llu\",\"written_bytes\":\"%llu\","
                "\"total_rows_to_read\":\"%llu\",\"result_rows\":\"%llu\",\"result_bytes\":\"%llu\",\"elapsed_ns\":\"%lld\"}",
                (unsigned long long)__atomic_load_n(&qc->rows_read, __ATOMIC_RELAXED),
                (unsigned long long)__atomic_load_n(&qc->bytes_read, __ATOMIC_RELAXED), (unsigned long long)qc->rows_written,
                (unsigned long long)qc->bytes_written, (unsigned long long)__atomic_load_n(&qc->rows_read, __ATOMIC_RELAXED),
                (unsigned long long)qc->result_rows, (unsigned long long)qc->result_bytes, (long long)(mono_ns() - sc->t0_ns));
    mem_current = saved;
    resp_progress(r);
}

static int sink_write(void *ctx, const char *p, size_t n)
{
    SinkCtx *s = ctx;
    if (!s->r->started && s->r->hold_limit && s->r->held.len + n >= s->r->hold_limit) {
        MemTracker *saved = mem_current;
        mem_current = NULL;
        summary_header(s->r, s->qc, s->t0_ns);
        mem_current = saved;
    }
    s->qc->result_bytes += n;
    return resp_body(s->r, p, n);
}


/* Reads body bytes into q->text until it holds `limit` of them or the body ends. */
static int read_body_into_text(Req *q, size_t limit, Err *err)
{
    size_t start = q->text.len;
    while (!body_complete(&q->body) && q->text.len - start < limit) {
        size_t want = limit - (q->text.len - start);
        if (want > (1 << 20)) want = 1 << 20;
        buf_reserve(&q->text, want);
        ssize_t n = body_read(&q->body, q->text.data + q->text.len, want);
        if (n < 0) return err_set(err, ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read the request body: the connection was closed or the body is malformed");
        if (n == 0) break;
        q->text.len += (size_t)n;
    }
    if (!body_complete(&q->body) && q->text.len - start >= limit && limit == MAX_QUERY_BODY)
        return err_set(err, ERR_QUERY_IS_TOO_LARGE, "The query text is larger than %u bytes", MAX_QUERY_BODY);
    return 0;
}

/* True if only spaces, ';' and comments remain in s[0, n). */
static bool only_trailing(const char *s, size_t n)
{
    size_t i = 0;
    bool semi = false;
    while (i < n) {
        char ch = s[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f') i++;
        else if (ch == ';' && !semi) semi = true, i++;
        else if (ch == '-' && i + 1 < n && s[i + 1] == '-') while (i < n && s[i] != '\n') i++;
        else return false;
    }
    return true;
}

static bool is_insert_stream(Ast *st)
{
    if (st->kind != AST_INSERT) return false;
    StmtInsert *ins = st->stmt;
    return !ins->select && !ins->values;
}

static bool has_result_format(Ast *st)
{
    switch (st->kind) {
    case AST_SELECT_UNION: case AST_SELECT: case AST_SHOW: case AST_DESCRIBE: case AST_EXISTS: case AST_EXPLAIN: case AST_CHECK:
        return true;
    default:
        return false;
    }
}

/* Parses the one statement of the request; for an INSERT ... FORMAT the
 * rest of the body becomes *input. */
static int parse_request(Req *q, Session *s, QueryCtx *qc, Ast **out, InSource *input, bool *has_input, Err *err)
{
    ParseLimits lim = {.max_query_size = 0,
                       .max_parser_depth = (int)settings_int(&s->settings, SET_max_parser_depth),
                       .max_ast_elements = settings_int(&s->settings, SET_max_ast_elements)};
    int rc = read_body_into_text(q, BODY_PREFIX, err);
    if (rc) return rc;
    for (int attempt = 0;; attempt++) {
        size_t off = 0;
        Ast *st = NULL;
        const char *text = q->text.data ? q->text.data : "";
        size_t len = q->text.len;
        /* {name:Identifier} parameters are replaced first; the new text lives
         * as long as the query (the statement and its inline data point into it) */
        Buf subst = {0};
        bool changed;
        rc = sql_substitute_identifiers(text, len, s->params, s->nparams, &subst, &changed, err);
        if (!rc && changed) {
            text = arena_strndup(&qc->arena, subst.data, subst.len);
            len = subst.len;
        }
        buf_free(&subst);
        if (rc) return rc;
        rc = parse_next_statement(&qc->arena, text, len, &off, &lim, &st, err);
        bool complete = body_complete(&q->body);
        if (!rc && st && is_insert_stream(st)) {
            StmtInsert *ins = st->stmt;
            size_t from = ins->data_inline || (ins->data && ins->data >= text) ? (size_t)(ins->data - text) : (size_t)st->end_pos;
            if (from > len) from = len;
            memset(input, 0, sizeof *input);
            input->cap = len - from + (1 << 20);
            input->buf = xmalloc(input->cap);
            memcpy(input->buf, text + from, len - from);
            input->len = len - from;
            input->read = body_read;
            input->ctx = &q->body;
            ins->data_inline = false;
            st->end_pos = (int)from;   /* the statement ends where its data begins */
            *has_input = true;
            *out = st;
            return 0;
        }
        if ((rc || (st && !only_trailing(text + off, len - off))) && !complete && attempt == 0) {
            /* a statement longer than the prefix: read all of it */
            if ((rc = read_body_into_text(q, MAX_QUERY_BODY, err))) return rc;
            continue;
        }
        if (rc) return rc;
        if (!st) return err_set(err, ERR_SYNTAX_ERROR, "Empty query");
        if (!only_trailing(text + off, len - off))
            return err_set(err, ERR_SYNTAX_ERROR, "Syntax error (Multi-statements are not allowed): failed at position %zu (end of query): %.40s",
                           (size_t)st->end_pos + 1, text + (size_t)st->end_pos);
        *out = st;
        return 0;
    }
}

static int apply_params(Req *q, Session *s, Err *err)
{
    if (q->user_readonly) {   /* a readonly user: its level, and (at 1) no setting changes */
        char lvl[4] = {(char)('0' + q->user_readonly), 0};
        if (q->user_readonly == 1 && q->nsettings)
            return err_set(err, ERR_READONLY, "Cannot modify '%s' setting in readonly mode", q->settings[0].name);
        int rc = settings_set(&s->settings, "readonly", lvl, err);
        if (rc) return rc;
    }
    for (int i = 0; i < q->nsettings; i++) {
        if (q->user_readonly == 2 && !strcmp(q->settings[i].name, "readonly"))
            return err_set(err, ERR_READONLY, "Cannot modify 'readonly' setting in readonly mode");
        int rc = settings_set(&s->settings, q->settings[i].name, q->settings[i].value, err);
        if (rc) return rc;
    }
    for (int i = 0; i < q->nparams; i++) session_set_param(s, q->params[i].name, q->params[i].value);
    const char *db = q->database ? q->database : http_header(q->hr, "X-ClickHouse-Database");
    if (db && *db) {
        if (!catalog_has_database(s->catalog, db)) return err_set(err, ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
        free(s->database);
        s->database = xstrdup(db);
    }
    return 0;
}

static int discard(void *ctx, const char *p, size_t n) { return 0; }

static int take_part(void *ctx, const char *name, const char *value, size_t len, bool is_file)
{
    if (is_file) return ERR_NOT_IMPLEMENTED;   /* external tables */
    size_t n = strlen(name);
    /* the parameters that describe external tables are not settings */
    if ((n > 10 && !strcmp(name + n - 10, "_structure")) || (n > 6 && !strcmp(name + n - 6, "_types")) ||
        (n > 7 && !strcmp(name + n - 7, "_format")))
        return 0;
    return take_param(ctx, name, value);
}

/* multipart/form-data: the fields are parameters, as in the URL (the
 * client sends query and param_* this way when they are large). */
static int read_multipart(Req *q, Err *err)
{
    char boundary[80];
    if (!http_multipart_boundary(http_header(q->hr, "Content-Type"), boundary, sizeof boundary)) return 0;
    Buf body = {0};
    while (!body_complete(&q->body) && body.len < MAX_QUERY_BODY) {
        buf_reserve(&body, 1 << 16);
        ssize_t n = body_read(&q->body, body.data + body.len, 1 << 16);
        if (n < 0) {
            buf_free(&body);
            return err_set(err, ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read the request body");
        }
        if (n == 0) break;
        body.len += (size_t)n;
    }
    int rc = http_multipart(body.data ? body.data : "", body.len, boundary, take_part, q);
    buf_free(&body);
    if (rc == ERR_NOT_IMPLEMENTED) return err_set(err, rc, "External tables (file parts of multipart/form-data) are not supported");
    if (rc) return err_set(err, ERR_BAD_REQUEST_PARAMETER, "Cannot parse the multipart/form-data body of the request");
    return 0;
}

/* A request ran on a copy of its session: SET and USE change the session
 * itself (settings given as URL parameters stay with the one request). */
static void keep_in_session(Session *p, Session *copy, Ast *st)
{
    if (copy->temp_db && copy->owns_temp_db && !p->temp_db) {   /* its first temporary table: the session's from now on */
        p->temp_db = copy->temp_db;
        p->owns_temp_db = true;
        copy->temp_db = NULL;
        copy->owns_temp_db = false;
    }
    if (st->kind == AST_ACCESS && ((StmtAccess *)st->stmt)->op == ACC_SET_ROLE) {
        access_session_roles(p, copy->roles_mode, copy->roles, copy->nroles);
    } else if (st->kind == AST_USE) {
        free(p->database);
        p->database = xstrdup(copy->database);
    } else if (st->kind == AST_SET) {
        QueryCtx q2;
        qctx_init(&q2);
        QuerySink none = {.flush = discard, .default_format = "Null"};
        Err e2;
        query_run_statement(p, st, &q2, &none, &e2);
        buf_free(&none.out);
        qctx_finish(&q2);
    }
}

/* system.events for a query that ran (st NULL: it did not parse). */
static void count_query(Ast *st, int rc, const QueryCtx *qc)
{
    bool sel = st && (st->kind == AST_SELECT || st->kind == AST_SELECT_UNION), ins = st && st->kind == AST_INSERT;
    event_add(EV_QUERY, 1);
    if (sel) event_add(EV_SELECT_QUERY, 1);
    if (ins) event_add(EV_INSERT_QUERY, 1);
    if (rc) event_add(EV_FAILED_QUERY, 1);
    if (rc && sel) event_add(EV_FAILED_SELECT_QUERY, 1);
    if (rc && ins) event_add(EV_FAILED_INSERT_QUERY, 1);
    event_add(EV_SELECTED_ROWS, qc->rows_read);
    event_add(EV_SELECTED_BYTES, qc->bytes_read);
    if (!rc) event_add(EV_INSERTED_ROWS, qc->rows_written);
    if (!rc) event_add(EV_INSERTED_BYTES, qc->bytes_written);
}

/* /metrics: the events and metrics in Prometheus' text format. */
static void prometheus(const HttpServerConf *conf, Buf *b)
{
    metric_set(MET_MEMORY_TRACKING, conf->mem->used);
    for (int m = 0; m < MET_COUNT; m++)
        buf_printf(b, "# HELP ClickHouseMetrics_%s %s\n# TYPE ClickHouseMetrics_%s gauge\nClickHouseMetrics_%s %lld\n", metric_name((MetricId)m),
                   metric_description((MetricId)m), metric_name((MetricId)m), metric_name((MetricId)m), (long long)metric_get((MetricId)m));
    for (int e = 0; e < EV_COUNT; e++)
        buf_printf(b, "# HELP ClickHouseProfileEvents_%s %s\n# TYPE ClickHouseProfileEvents_%s counter\nClickHouseProfileEvents_%s %llu\n",
                   event_name((EventId)e), event_description((EventId)e), event_name((EventId)e), event_name((EventId)e),
                   (unsigned long long)event_get((EventId)e));
}

/* Runs the query of the request; answers it. */
static void run_query(Req *q)
{
    HttpResp *r = q->r;
    Err err = {0};
    int64_t t0 = mono_ns();
    QueryCtx qc;
    qctx_init(&qc);
    char user[256] = "default";
    Session *s = NULL;
    HttpSession *hs = NULL;
    const char *fmt_hdr = http_header(q->hr, "X-ClickHouse-Format");
    const char *format = q->default_format && *q->default_format ? q->default_format : fmt_hdr && *fmt_hdr ? fmt_hdr : "TabSeparated";
    const char *qid = q->query_id && *q->query_id ? q->query_id : http_header(q->hr, "X-ClickHouse-Query-Id");
    if (qid && *qid) snprintf(qc.query_id, sizeof qc.query_id, "%s", qid);
    else proc_new_query_id(qc.query_id, sizeof qc.query_id);
    InSource input;
    bool has_input = false;
    Ast *st = NULL;
    const char *enc = http_header(q->hr, "Content-Encoding");
    int rc = read_multipart(q, &err);
    if (!rc) rc = authenticate(q, user, sizeof user, &err);
    if (!rc && q->session_id && *q->session_id)
        rc = http_session_acquire(q->conf->catalog, q->session_id, user, q->session_timeout, q->session_check, &hs, &err);
    s = hs ? session_clone(http_session_state(hs)) : session_new(q->conf->catalog);
    s->mem.parent = q->conf->mem;
    free(s->user);
    s->user = xstrdup(user);
    if (!rc && !hs) rc = access_apply_profile(s, false, &err);   /* a SQL user's DEFAULT DATABASE and SETTINGS */
    if (!rc) rc = apply_params(q, s, &err);
    if (!rc && q->nroles) {
        char **names = xcalloc((size_t)q->nroles, sizeof *names);
        for (int i = 0; i < q->nroles; i++) names[i] = q->roles[i].name;
        rc = access_set_request_roles(s, names, q->nroles, &err);
        free(names);
    }
    bool is_get = strcmp(q->hr->method, "POST") != 0;
    if (!rc && is_get && settings_int(&s->settings, SET_readonly) == 0) rc = settings_set(&s->settings, "readonly", "2", &err);
    HttpDecoder dec = {0};
    HttpEncoder zenc = {0};
    int coding = q->decompress ? CODING_NATIVE : http_coding_of(enc);
    if (!rc && coding < 0) rc = err_set(&err, ERR_UNKNOWN_COMPRESSION_METHOD, "Unknown Content-Encoding of HTTP request: %s", enc);
    if (!rc && coding > 0) {
        if (http_decoder_init(&dec, coding)) rc = err_set(&err, ERR_CANNOT_DECOMPRESS, "Cannot start decompressing the request body");
        else q->body.coding = &dec;
    }
    /* the response is compressed (errors too) when the query allows it and the client accepts it */
    int out_coding = q->compress ? CODING_NATIVE
                   : s && settings_bool(&s->settings, SET_enable_http_compression) ? http_coding_accept(http_header(q->hr, "Accept-Encoding"))
                   : 0;
    if (out_coding && http_encoder_init(&zenc, out_coding, (int)settings_int(&s->settings, SET_http_zlib_compression_level)) == 0) r->enc = &zenc;
    if (!rc) {
        if (q->hr->expect_continue && !q->body.done) conn_write(q->c, "HTTP/1.1 100 Continue\r\n\r\n", 25);
        rc = parse_request(q, s, &qc, &st, &input, &has_input, &err);
    }
    if (!rc && st->format && has_result_format(st)) format = st->format;
    resp_header(r, "Access-Control-Expose-Headers",
                "X-ClickHouse-Query-Id,X-ClickHouse-Summary,X-ClickHouse-Server-Display-Name,X-ClickHouse-Format,X-ClickHouse-Timezone,X-ClickHouse-Exception-Code");
    if (s && settings_bool(&s->settings, SET_add_http_cors_header) && http_header(q->hr, "Origin"))
        resp_header(r, "Access-Control-Allow-Origin", "*");
    resp_header(r, "X-ClickHouse-Server-Display-Name", "%s", q->conf->display_name);
    resp_header(r, "X-ClickHouse-Query-Id", "%s", qc.query_id);
    char tag[17];
    exception_tag(tag);
    resp_header(r, "X-ClickHouse-Exception-Tag", "%s", tag);
    size_t base_len = r->head.len;   /* headers that stay on an error */
    const FormatDef *def = format_find(format);
    bool rows = !rc && has_result_format(st);
    resp_header(r, "Content-Type", "%s", rows && def && def->content_type ? def->content_type : "text/plain; charset=UTF-8");
    resp_header(r, "X-ClickHouse-Format", "%s", format);
    resp_header(r, "X-ClickHouse-Timezone", "%s", tz_name(qc.tz));
    if (r->keep_alive) resp_header(r, "Keep-Alive", "timeout=%d", q->conf->keep_alive_timeout);
    SinkCtx sc = {.r = r, .qc = &qc, .t0_ns = t0};
    sc.progress = s && settings_bool(&s->settings, SET_send_progress_in_http_headers);
    sc.cancel_on_close = s && settings_bool(&s->settings, SET_cancel_http_readonly_queries_on_client_close) && is_get;
    if (sc.progress || sc.cancel_on_close) {
        int64_t every = settings_int(&s->settings, SET_http_headers_progress_interval_ms);
        qc.tick = progress_tick;
        qc.tick_ctx = &sc;
        qc.tick_every_ns = (every > 0 ? every : 100) * 1000000;
        qc.tick_next_ns = mono_ns() + qc.tick_every_ns;
        qc.tick_thread = (unsigned long)pthread_self();
    }
    QuerySink sink = {.flush = sink_write, .ctx = &sc, .default_format = format, .input = has_input ? &input : NULL};
    uint64_t extra = q->buffer_size ? q->buffer_size : s ? (uint64_t)settings_int(&s->settings, SET_http_response_buffer_size) : 0;
    if (extra && extra < ((uint64_t)1 << 40)) r->hold_limit += (size_t)extra;   /* an error within it still gets a proper status */
    if (q->wait_end || (s && settings_bool(&s->settings, SET_http_wait_end_of_query))) r->hold_limit = 0;
    /* the running query (system.processes, KILL QUERY) and its log rows */
    ProcInfo pi = {0};
    snprintf(pi.query_id, sizeof pi.query_id, "%s", qc.query_id);
    snprintf(pi.user, sizeof pi.user, "%.63s", user);
    snprintf(pi.address, sizeof pi.address, "%s", q->c->peer);
    pi.start_us = qc.now_us;
    pi.q = &qc;
    size_t text_len = !rc && st->kind == AST_INSERT && has_input ? (size_t)st->end_pos : q->text.len;
    char *logged = xstrndup(q->text.data ? q->text.data : "", text_len < q->text.len ? text_len : q->text.len);
    bool registered = false;
    if (!rc) rc = proc_begin(&pi, logged, s ? s->database : "", q->conf->max_concurrent_queries, &err);
    if (!rc) {
        registered = true;
        querylog_query(QLOG_START, &pi, &qc, logged, s->database, 0, NULL, (uint64_t)((mono_ns() - t0) / 1000000));
        qc.user = s->user;
        qc.cancel = &pi.cancel;
        sc.cancel = &pi.cancel;
        rc = query_run_statement(s, st, &qc, &sink, &err);
        if (!rc) rc = sink_flush(&sink, &err);
        if (!rc && hs) keep_in_session(http_session_state(hs), s, st);
    }
    if (rc && !r->started && r->partial) {
        /* the status is out already (progress headers): the code is one more header, the text the body */
        resp_header(r, "X-ClickHouse-Exception-Code", "%d", rc);
        Buf e = {0};
        error_text(&err, &e);
        resp_body(r, e.data, e.len);   /* after the rows already made */
        buf_free(&e);
        resp_end(r);
    } else if (rc && !r->started) {
        r->head.len = base_len;
        r->held.len = 0;
        r->status = http_status_for_code(rc);
        resp_header(r, "Content-Type", "text/plain; charset=UTF-8");
        resp_header(r, "X-ClickHouse-Exception-Code", "%d", rc);
        if (rc == ERR_REQUIRED_PASSWORD) resp_header(r, "WWW-Authenticate", "Basic realm=\"ClickHouse server HTTP API\"");
        if (r->keep_alive) resp_header(r, "Keep-Alive", "timeout=%d", q->conf->keep_alive_timeout);
        Buf e = {0};
        error_text(&err, &e);
        buf_put(&r->held, e.data, e.len);
        buf_free(&e);
        resp_end(r);
    } else if (rc) {
        Buf e = {0};
        framed_error(&err, tag, &e);
        resp_body(r, e.data, e.len);
        buf_free(&e);
        resp_end(r);
    } else {
        if (!r->started) summary_header(r, &qc, t0);
        resp_end(r);
    }
    if (registered) proc_end(&pi);
    count_query(st, rc, &qc);
    querylog_query(rc ? (registered ? QLOG_EXCEPTION_WHILE_PROCESSING : QLOG_EXCEPTION_BEFORE_START) : QLOG_FINISH, &pi, &qc, logged,
              s ? s->database : "", rc, rc ? &err : NULL, (uint64_t)((mono_ns() - t0) / 1000000));
    free(logged);
    fprintf(stderr, "%s <%s> %s query_id: %s read_rows: %llu elapsed_ms: %.3f%s%s\n", q->c->peer, user, q->hr->method, qc.query_id,
            (unsigned long long)qc.rows_read, (double)(mono_ns() - t0) / 1e6, rc ? " error: " : "", rc ? err_name(rc) : "");
    r->enc = NULL;
    http_encoder_free(&zenc);
    q->body.coding = NULL;
    http_decoder_free(&dec);
    if (has_input) insource_free(&input);
    sink.out.len = 0;
    buf_free(&sink.out);
    qctx_finish(&qc);
    session_free(s);
    if (hs) http_session_release(hs, q->close_session);
}

/* ---- routing ---- */

static const char NO_HANDLE[] =
    "\n\nUse / or /ping for health checks.\nOr /replicas_status for more sophisticated health checks.\n\n"
    "Send queries from your program with POST method or GET /?query=...\n\n"
    "Use clickhouse-client:\n\nFor interactive data analysis:\n    clickhouse-client\n\n"
    "For batch query processing:\n    clickhouse-client --query='SELECT 1' > result\n    clickhouse-client < query > result\n";

/* A CORS preflight: 204 with the headers of http_options_response (as
 * ClickHouse's config of that name), none when it is not set. */
static void options_response(const HttpServerConf *conf, HttpResp *r)
{
    const char *p = conf->options_response ? conf->options_response : "";
    while (*p) {
        size_t n = strcspn(p, ";");
        const char *colon = memchr(p, ':', n);
        if (colon) {
            const char *name = p, *v = colon + 1;
            while (*name == ' ') name++;
            while (v < p + n && *v == ' ') v++;
            char key[256];
            snprintf(key, sizeof key, "%.*s", (int)(colon - name), name);
            resp_header(r, key, "%.*s", (int)(p + n - v), v);
        }
        p += n + (p[n] == ';');
    }
    resp_simple(r, 204, NULL, "", 0);
}

static bool handle(const HttpServerConf *conf, HttpConn *c, HttpRequest *hr)
{
    HttpResp r;
    bool head = !strcmp(hr->method, "HEAD"), get = head || !strcmp(hr->method, "GET"), post = !strcmp(hr->method, "POST");
    resp_init(&r, c, hr->minor, hr->keep_alive && !(conf->stopping && *conf->stopping), head);
    Req q = {.conf = conf, .c = c, .hr = hr, .r = &r};
    body_init(&q.body, c, hr);
    char path[4096];
    http_target_path(hr->target, path, sizeof path);
    bool qs = strchr(hr->target, '?') != NULL;
    bool query_path = !strcmp(path, "/") || !*path || !strcmp(path, "/query");
    if (post && !hr->chunked && hr->content_length < 0) {
        Err e;
        err_set(&e, ERR_HTTP_LENGTH_REQUIRED, "The Transfer-Encoding is not chunked and there is no Content-Length header for POST request");
        Buf b = {0};
        error_text(&e, &b);
        r.keep_alive = false;
        resp_header(&r, "X-ClickHouse-Exception-Code", "%d", e.code);
        resp_simple(&r, 411, "text/plain; charset=UTF-8", b.data, b.len);
        buf_free(&b);
    } else if (get && !strcmp(path, "/") && !qs) {
        resp_simple(&r, 200, "text/html; charset=UTF-8", "Ok.\n", 4);
    } else if (get && (!strcmp(path, "/ping") || !strncmp(path, "/replicas_status", 16))) {
        resp_simple(&r, 200, "text/html; charset=UTF-8", "Ok.\n", 4);
    } else if (get && !strcmp(path, "/metrics")) {
        Buf b = {0};
        prometheus(conf, &b);
        resp_simple(&r, 200, "text/plain; version=0.0.4; charset=UTF-8", b.data ? b.data : "", b.len);
        buf_free(&b);
    } else if (query_path && !strcmp(hr->method, "OPTIONS")) {
        options_response(conf, &r);
    } else if (query_path && ((get && qs) || post)) {
        http_query_params(hr->target, take_param, &q);
        run_query(&q);
    } else {
        Buf b = {0};
        buf_printf(&b, "There is no handle %s%s", path, NO_HANDLE);
        resp_simple(&r, 404, "text/plain; charset=UTF-8", b.data, b.len);
        buf_free(&b);
    }
    bool keep = r.keep_alive && !c->broken;
    if (keep && !q.body.done) {
        /* the unread rest of the body must not be taken for the next request */
        keep = !hr->expect_continue && body_drain(&q.body);
    }
    resp_free(&r);
    req_free(&q);
    return keep;
}

bool http_serve(const HttpServerConf *conf, HttpConn *c)
{
    for (;;) {
        HttpRequest hr;
        long n;
        int64_t head_start = mono_ns();
        while ((n = http_parse_head(c->in.data ? c->in.data + c->in_pos : "", c->in.len - c->in_pos, conf->max_head_bytes, &hr)) == 0) {
            http_request_free(&hr);
            /* the whole head within http_headers_read_timeout (30 s): a client
             * trickling bytes does not hold a worker for longer */
            if (mono_ns() - head_start > 30 * (int64_t)1000000000 || conn_fill(c) <= 0) return false;
        }
        if (n < 0) {
            http_request_free(&hr);
            HttpResp r;
            resp_init(&r, c, 1, false, false);
            int status = (int)-n;
            Err e;
            err_set(&e, ERR_BAD_ARGUMENTS, "Cannot parse the HTTP request: %s", http_status_text(status));
            Buf b = {0};
            error_text(&e, &b);
            resp_simple(&r, status, "text/plain; charset=UTF-8", b.data, b.len);
            buf_free(&b);
            resp_free(&r);
            return false;
        }
        c->in_pos += (size_t)n;
        bool keep = handle(conf, c, &hr);
        http_request_free(&hr);
        if (!keep) return false;
        if (c->in_pos == c->in.len) return true;   /* idle: back to the event loop */
    }
}
