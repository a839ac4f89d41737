/* main.c — the multi-call binary: `basalt local|server|client ...`.
 * `basalt-local` (by argv[0]) works too, as clickhouse-local does. */
#include <stdio.h>
#include <malloc.h>
#include <string.h>

#include <openssl/crypto.h>

#include "../base/version.h"
#include "cli.h"

extern const char basalt_sbom_json[];   /* build/gen/sbom.c */

static void usage(void)
{
    fprintf(stderr,
            "basalt %s — a ClickHouse-compatible analytics database\n"
            "Usage: basalt <tool> [options]\n"
            "  local     run SQL locally (like clickhouse-local)\n"
            "  server    the server (HTTP interface on 8123, native protocol on 9000)\n"
            "  client    the terminal client (like clickhouse-client)\n"
            "  --version print the version\n"
            "  --sbom    print the SPDX 2.3 bill of materials (every library linked in)\n",
            BASALT_VERSION);
}

/* Column buffers of a few MiB come and go with every chunk: keep them in
 * the heap instead of mapping and faulting in fresh pages each time. */
static void tune_malloc(void)
{
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)   /* glibc */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

int main(int argc, char **argv)
{
    tune_malloc();
    /* libcrypto (password hashes) must not read openssl.cnf or load modules
     * from outside: the static binary depends on no file but its data */
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    if (!strcmp(base, "basalt-local")) return cli_local(argc - 1, argv + 1);
    if (!strcmp(base, "basalt-server")) return cli_server(argc - 1, argv + 1);
    if (!strcmp(base, "basalt-client")) return cli_client(argc - 1, argv + 1);
    if (argc < 2) {
        usage();
        return 1;
    }
    if (!strcmp(argv[1], "local")) return cli_local(argc - 2, argv + 2);
    if (!strcmp(argv[1], "--sbom") || (argc > 2 && !strcmp(argv[2], "--sbom"))) {
        fputs(basalt_sbom_json, stdout);   /* the libraries linked in (tools/sbom.sh, at build time) */
        return 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V") || !strcmp(argv[1], "version")) {
        printf("basalt %s (ClickHouse %s compatible)\n", BASALT_VERSION, BASALT_CH_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "server")) return cli_server(argc - 2, argv + 2);
    if (!strcmp(argv[1], "client")) return cli_client(argc - 2, argv + 2);
    usage();
    return 1;
}
