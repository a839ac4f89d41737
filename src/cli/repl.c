/* repl.c — the interactive shell of the client and local tools (repl.h). */
#include "repl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "lineedit.h"

char *repl_history_path(const char *tool)
{
    const char *home = getenv("HOME");
    if (!home || !*home) return NULL;
    Buf b = {0};
    buf_printf(&b, "%s/.basalt-%s-history", home, tool);
    char *p = xstrdup(buf_cstr(&b));
    buf_free(&b);
    return p;
}

static size_t trimmed_len(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    return n;
}

static bool is_exit(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    n = trimmed_len(s, n);
    if (n && s[n - 1] == ';') n--;
    static const char *const words[] = {"exit", "quit", "logout", "q", "\\q", "bye", NULL};
    for (int i = 0; words[i]; i++)
        if (strlen(words[i]) == n && !strncasecmp(s, words[i], n)) return true;
    return false;
}

int repl_run(const ReplConf *c)
{
    LineEdit le;
    le_init(&le);
    le_history_load(&le, c->history_path);
    Buf stmt = {0}, line = {0};
    char more[256];
    snprintf(more, sizeof more, "%*s:-] ", (int)(strlen(c->prompt) > 4 ? strlen(c->prompt) - 4 : 0), "");
    for (;;) {
        int rc = le_readline(&le, stmt.len ? more : c->prompt, &line);
        if (rc == LE_EOF) break;
        if (rc == LE_INTERRUPT) {   /* the statement being typed is dropped */
            stmt.len = 0;
            continue;
        }
        size_t l = trimmed_len(line.data ? line.data : "", line.len);
        if (!stmt.len && is_exit(line.data ? line.data : "", l)) break;
        if (!stmt.len && !l) continue;
        if (stmt.len) buf_putc(&stmt, '\n');
        buf_put(&stmt, line.data ? line.data : "", line.len);
        if (l && line.data[l - 1] == ';') {
            /* the history keeps the statement on one line */
            char *h = xstrndup(stmt.data, stmt.len);
            for (char *p = h; *p; p++)
                if (*p == '\n') *p = ' ';
            le_history_add(&le, h);
            le_history_append(c->history_path, h);
            free(h);
            c->run(c->ctx, stmt.data, stmt.len);
            stmt.len = 0;
        }
    }
    fputs("Bye.\n", stderr);
    buf_free(&stmt);
    buf_free(&line);
    le_free(&le);
    return 0;
}
