/* tcp.h — ClickHouse's native TCP protocol (port 9000) for `basalt
 * server`: clickhouse-client and the drivers connect here
 * (../shared/spec/native-protocol.md). One thread accepts; each
 * connection runs on a thread of its own, up to a bound.
 */
#ifndef BASALT_TCP_H
#define BASALT_TCP_H

#include <stdbool.h>

#include "../base/mem.h"
#include "../storage/table.h"

typedef struct TcpServerConf {
    int listen_fd;                 /* bound and listening */
    Catalog *catalog;
    MemTracker *mem;               /* the server's tracker */
    const char *display_name;
    int max_connections;
    int max_queries;               /* max_concurrent_queries, shared with HTTP (0: none) */
    volatile int *stopping;
} TcpServerConf;

/* Starts the accepting thread; 0 or -1. */
int tcp_server_start(const TcpServerConf *conf);
/* Serves one connection whose bytes are data[0, n) (answers dropped): for the fuzz target. */
void tcp_serve_memory(const TcpServerConf *conf, const char *data, size_t n);
/* Stops accepting and waits (bounded) for connections to finish their query. */
void tcp_server_stop(void);

#endif
