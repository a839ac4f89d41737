/* fuzz_tcp.c — libFuzzer target for the native protocol's packet decoder
 * (server/tcp.c, server/wire.c) from Hello on: the input is everything a
 * client sends on one connection (Hello, then Query packets with client
 * info and settings, external-table and INSERT Data blocks, plain or
 * compressed, Ping, Cancel, TablesStatus ...). Any bytes must be answered
 * or refused cleanly; answers are dropped. Queries run against a scratch
 * data directory. */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/tcp.h"
#include "server/users.h"

static TcpServerConf conf;
static MemTracker mem;
static volatile int stopping;

static char scratch[] = "/tmp/basalt-fuzz-tcp-XXXXXX";

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

static void cleanup(void) { nftw(scratch, rm_entry, 16, FTW_DEPTH | FTW_PHYS); }

static void setup(void)
{
    static bool done;
    if (done) return;
    done = true;
    users_init(NULL, NULL);   /* "default" without a password */
    const char *dir = mkdtemp(scratch);
    if (dir) atexit(cleanup);
    conf.catalog = catalog_new(dir);
    conf.mem = &mem;
    conf.display_name = "fuzz";
    conf.stopping = &stopping;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16) return 0;
    setup();
    tcp_serve_memory(&conf, (const char *)data, size);
    return 0;
}
