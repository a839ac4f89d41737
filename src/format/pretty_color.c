/* pretty_color.c — the highlights of the Pretty formats on a terminal (see
 * pretty_color.h): fmt_pretty.c calls these only when colours are on.
 */
#include <string.h>

#include "pretty_color.h"

#define PC_UNDERLINE "\033[4m"
#define PC_RED "\033[31m"

void pc_wrap(Buf *b, const char *code, const char *s, size_t n, bool on)
{
    if (on) buf_puts(b, code);
    buf_put(b, s, n);
    if (on) buf_puts(b, PC_RESET);
}

/* Digits before the decimal point, or 0 when the text is not a plain
 * number (exponents, inf, nan) or has 4 digits or fewer. */
static size_t int_digits(const char *s, size_t n)
{
    size_t d = 0;
    if (n <= 4) return 0;
    for (size_t i = 0; i < n && s[i] != '.'; i++) {
        if (s[i] == '-' || s[i] == ' ') continue;
        if (s[i] < '0' || s[i] > '9') return 0;
        d++;
    }
    return d > 4 ? d : 0;
}

static void digit_groups(Buf *b, const char *s, size_t n)
{
    size_t total = int_digits(s, n), seen = 0;
    bool before_point = true;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') before_point = false;
        if (total && before_point && c >= '0' && c <= '9') {
            size_t rest = total - ++seen;
            if (rest && rest % 3 == 0) {
                pc_wrap(b, PC_UNDERLINE, &c, 1, true);
                continue;
            }
        }
        buf_putc(b, c);
    }
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

void pc_value(Buf *b, const char *s, size_t n, bool number, bool groups, bool trailing)
{
    size_t keep = n;
    if (trailing)
        while (keep > 0 && is_space(s[keep - 1])) keep--;
    if (number && groups) digit_groups(b, s, keep);
    else buf_put(b, s, keep);
    if (keep < n) {
        buf_puts(b, PC_RED PC_UNDERLINE);
        buf_put(b, s + keep, n - keep);
        buf_puts(b, PC_RESET);
    }
}
