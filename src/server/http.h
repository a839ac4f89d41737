/* http.h — ClickHouse's HTTP interface (port 8123): routing (/, /ping,
 * /replicas_status, the query handler), a query from the URL and the body,
 * URL parameters as settings and query parameters, users, the response
 * headers and ClickHouse's error bodies and statuses. server.c owns the
 * sockets and threads and calls http_serve() when a connection has bytes.
 */
#ifndef BASALT_HTTP_H
#define BASALT_HTTP_H

#include <stdbool.h>

#include "../base/mem.h"
#include "../storage/table.h"
#include "http_conn.h"

typedef struct HttpServerConf {
    Catalog *catalog;
    MemTracker *mem;             /* server-wide: parent of every query's tracker */
    const char *display_name;    /* X-ClickHouse-Server-Display-Name */
    int keep_alive_timeout;      /* seconds, announced in Keep-Alive */
    size_t max_head_bytes;       /* request line + headers */
    int max_concurrent_queries;  /* 0: no limit */
    volatile int *stopping;      /* set on SIGTERM: answer, then close */
    const char *options_response;   /* headers for OPTIONS ("Name: value; ..."), "" or NULL: none */
} HttpServerConf;

/* Answers the requests waiting on c (one, or more when pipelined). Returns
 * true if the connection stays open for more (keep-alive), false if it
 * must be closed. */
bool http_serve(const HttpServerConf *conf, HttpConn *c);

/* HTTP status for a ClickHouse error code (exceptionCodeToHTTPStatus). */
int http_status_for_code(int code);

#endif
