/* pretty_color.h — the ANSI colours of the Pretty formats on a terminal
 * (output_format_pretty_color): bold column names, grey row numbers and
 * line marks, underlined digit groups of numbers, red underlined trailing
 * spaces, as ClickHouse draws them. Used by fmt_pretty.c.
 */
#ifndef BASALT_PRETTY_COLOR_H
#define BASALT_PRETTY_COLOR_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/buf.h"

#define PC_BOLD "\033[1m"
#define PC_GREY "\033[90m"
#define PC_RESET "\033[0m"

/* Writes s[0 .. n) wrapped in code ... reset when on, plain otherwise. */
void pc_wrap(Buf *b, const char *code, const char *s, size_t n, bool on);
/* Writes a cell's text with its highlights: every third digit of a number's
 * integer part above the units underlined (numbers of 5 or more digits),
 * and trailing white space red and underlined. */
void pc_value(Buf *b, const char *s, size_t n, bool number, bool digit_groups, bool trailing);

#endif
