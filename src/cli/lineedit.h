/* lineedit.h — a small line editor for the interactive shells of `basalt
 * client` and `basalt local` (repl.c): the terminal in raw mode, the line
 * redrawn with ANSI sequences; Left/Right, Home/End (Ctrl-A/E), Backspace,
 * Delete, Ctrl-K/U/W, Up/Down through the history, Ctrl-C drops the line,
 * Ctrl-D on an empty line ends input. Without a terminal (or TERM=dumb) it
 * reads plain lines. UTF-8 is kept whole: the cursor moves by code point. */
#ifndef BASALT_LINEEDIT_H
#define BASALT_LINEEDIT_H

#include <stdbool.h>

#include "../base/buf.h"

typedef struct LineEdit {
    char **hist;
    int nhist, caphist;
    bool raw_ok;               /* stdin and stderr are a terminal that understands ANSI */
} LineEdit;

enum { LE_LINE = 1, LE_EOF = 0, LE_INTERRUPT = -1 };

void le_init(LineEdit *le);
void le_free(LineEdit *le);
/* Reads one line (without its newline) into out; LE_LINE, LE_EOF or LE_INTERRUPT. */
int le_readline(LineEdit *le, const char *prompt, Buf *out);
void le_history_add(LineEdit *le, const char *line);
/* The history file: an entry per line (repl.c joins a statement's lines). */
void le_history_load(LineEdit *le, const char *path);
void le_history_append(const char *path, const char *line);

#endif
