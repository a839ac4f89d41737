/* repl.h — the interactive shell shared by `basalt client` and `basalt
 * local`: a prompt, lines edited with lineedit.c and kept in a history
 * file, statements that run when a line ends with ';' (so one may span
 * lines), Ctrl-C drops the statement being typed, Ctrl-D or `exit` ends. */
#ifndef BASALT_REPL_H
#define BASALT_REPL_H

#include <stddef.h>

typedef struct ReplConf {
    const char *prompt;        /* e.g. "host :) " */
    const char *history_path;  /* NULL: no file */
    /* runs one complete statement text (with its ';') */
    void (*run)(void *ctx, const char *text, size_t len);
    void *ctx;
} ReplConf;

/* Runs until end of input; returns 0. */
int repl_run(const ReplConf *c);
/* ~/.basalt-<tool>-history, or NULL without $HOME. */
char *repl_history_path(const char *tool);

#endif
