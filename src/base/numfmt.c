/* numfmt.c — shortest round-trip float printing and wide-integer text; see numfmt.h.
 *
 * The shortest digits are found by trying increasing precisions with %.*e and
 * reading each back with strtod/strtof; the first that round-trips wins. That
 * is exact and simple; a Ryu-style printer can replace it if output of floats
 * ever shows up in a profile. */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* digits: significant digits without dot; exp10: value = 0.d1d2... * 10^(exp10) style
 * expressed as d1.d2d3... * 10^e. Formats JS-like with ClickHouse's exponent style. */
static int layout(char *out, int neg, const char *digits, int nd, int e)
{
    char *p = out;
    if (neg) *p++ = '-';
    if (e >= -6 && e < 21) {
        if (e < 0) {
            *p++ = '0';
            *p++ = '.';
            for (int i = 0; i < -e - 1; i++) *p++ = '0';
            memcpy(p, digits, (size_t)nd);
            p += nd;
        } else if (nd <= e + 1) {
            memcpy(p, digits, (size_t)nd);
            p += nd;
            for (int i = nd; i <= e; i++) *p++ = '0';
        } else {
            memcpy(p, digits, (size_t)e + 1);
            p += e + 1;
            *p++ = '.';
            memcpy(p, digits + e + 1, (size_t)(nd - e - 1));
            p += nd - e - 1;
        }
    } else {
        *p++ = digits[0];
        if (nd > 1) {
            *p++ = '.';
            memcpy(p, digits + 1, (size_t)nd - 1);
            p += nd - 1;
        }
        p += sprintf(p, "e%d", e);
    }
    *p = 0;
    return (int)(p - out);
}

static int special(char *out, double v)
{
    if (isnan(v)) return sprintf(out, "nan");
    if (isinf(v)) return sprintf(out, "%s", v < 0 ? "-inf" : "inf");
    if (v == 0) return sprintf(out, "%s", signbit(v) ? "-0" : "0");
    return 0;
}

/* Extracts digits and exponent from a %.*e rendering. */
static int split_e(const char *s, char *digits, int *e)
{
    int nd = 0;
    if (*s == '-') s++;
    for (; *s && *s != 'e'; s++)
        if (*s != '.') digits[nd++] = *s;
    *e = atoi(s + 1);
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    return nd;
}

static int shortest(char *out, double v, int is_float)
{
    int n = special(out, v);
    if (n) return n;
    char tmp[64], digits[40];
    int maxp = is_float ? 9 : 17;
    for (int p = 0; p < maxp; p++) {
        snprintf(tmp, sizeof tmp, "%.*e", p, v);
        int ok = is_float ? (strtof(tmp, NULL) == (float)v) : (strtod(tmp, NULL) == v);
        if (ok || p == maxp - 1) {
            int e;
            int nd = split_e(tmp, digits, &e);
            return layout(out, v < 0, digits, nd, e);
        }
    }
    return 0;
}

int fmt_double_to(char *out, double v)
{
    return shortest(out, v, 0);
}

void fmt_double(Buf *out, double v)
{
    char tmp[64];
    int n = shortest(tmp, v, 0);
    buf_put(out, tmp, (size_t)n);
}

void fmt_float(Buf *out, float v)
{
    char tmp[64];
    int n = shortest(tmp, (double)v, 1);
    buf_put(out, tmp, (size_t)n);
}

void fmt_u128(Buf *out, unsigned __int128 v)
{
    char tmp[48];
    int i = 48;
    do {
        tmp[--i] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    buf_put(out, tmp + i, (size_t)(48 - i));
}

void fmt_i128(Buf *out, __int128 v)
{
    if (v < 0) {
        buf_putc(out, '-');
        fmt_u128(out, (unsigned __int128)0 - (unsigned __int128)v);
    } else {
        fmt_u128(out, (unsigned __int128)v);
    }
}

void fmt_decimal(Buf *out, __int128 v, int scale, bool keep_zeros)
{
    unsigned __int128 a = v < 0 ? (unsigned __int128)0 - (unsigned __int128)v : (unsigned __int128)v;
    if (v < 0) buf_putc(out, '-');
    unsigned __int128 pow = 1;
    for (int i = 0; i < scale; i++) pow *= 10;
    fmt_u128(out, a / pow);
    if (scale == 0) return;
    unsigned __int128 frac = a % pow;
    char digits[48];
    for (int i = scale - 1; i >= 0; i--) {
        digits[i] = (char)('0' + (int)(frac % 10));
        frac /= 10;
    }
    int nd = scale;
    if (!keep_zeros)
        while (nd > 0 && digits[nd - 1] == '0') nd--;
    if (nd == 0) return;
    buf_putc(out, '.');
    buf_put(out, digits, (size_t)nd);
}
