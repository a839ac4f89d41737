/* cli.h — entry points of the multi-call binary's tools. */
#ifndef BASALT_CLI_H
#define BASALT_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "../sql/parser.h"

int cli_local(int argc, char **argv);

/* Runs one parsed statement; text[0, len) is its source (with inline INSERT data). */
typedef int (*StmtRunner)(void *ctx, Ast *st, const char *text, size_t len, Err *err);
/* Runs the statements of a script one by one (basalt local, the HTTP test
 * runner): stops at the first error unless a test hint expects it. */
int cli_run_script(const char *text, size_t len, void (*limits)(void *ctx, ParseLimits *lim), bool testmode, bool echo, StmtRunner run,
                   void *ctx);
int cli_server(int argc, char **argv);   /* src/server/server.c */

#endif
