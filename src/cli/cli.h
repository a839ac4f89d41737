/* cli.h — entry points of the multi-call binary's tools. */
#ifndef BASALT_CLI_H
#define BASALT_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "../sql/parser.h"

int cli_local(int argc, char **argv);
int cli_client(int argc, char **argv);   /* client.c */

/* Runs one statement; text[0, len) is its source (with inline INSERT data).
 * st is NULL when it did not parse here (only with run_unparsed: err then
 * holds the parse error). */
typedef int (*StmtRunner)(void *ctx, Ast *st, const char *text, size_t len, Err *err);

typedef struct ScriptHooks {
    void (*limits)(void *ctx, ParseLimits *lim);   /* parse limits, per statement */
    /* rewrites the rest of the script before each statement ({name:Identifier}) */
    int (*prepare)(void *ctx, const char *text, size_t len, Buf *out, bool *changed, Err *err);
    bool run_unparsed;                               /* statements that do not parse still go to run() */
} ScriptHooks;

/* Runs the statements of a script one by one (basalt local, the HTTP test
 * runner): stops at the first error unless a test hint expects it. */
int cli_run_script(const char *text, size_t len, const ScriptHooks *hooks, bool testmode, bool echo, StmtRunner run, void *ctx);
int cli_server(int argc, char **argv);   /* src/server/server.c */

#endif
