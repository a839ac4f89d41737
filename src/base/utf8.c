/* utf8.c — see utf8.h. */
#include "utf8.h"

/* Lower/upper of one code point for common alphabets (Latin, Greek, Cyrillic). */
uint32_t utf8_case(uint32_t c, bool up)
{
    if (up) {
        if (c >= 'a' && c <= 'z') return c - 32;
        if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
        if (c >= 0x100 && c <= 0x17F && (c & 1) && c != 0x131 && c != 0x138 && c != 0x149 && !(c >= 0x139 && c <= 0x148) && !(c >= 0x179 && c <= 0x17E)) return c - 1;
        if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && !(c & 1)) return c - 1;
        if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;
        if (c >= 0x430 && c <= 0x44F) return c - 32;
        if (c >= 0x450 && c <= 0x45F) return c - 80;
        return c;
    }
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c >= 0x100 && c <= 0x17F && !(c & 1) && c != 0x130 && c != 0x138 && !(c >= 0x139 && c <= 0x148) && !(c >= 0x179 && c <= 0x17E)) return c + 1;
    if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && (c & 1)) return c + 1;
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if ((size_t)len > n || len == 1) {
        *cp = c;
        return 1;
    }
    uint32_t v = c & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = c;
            return 1;
        }
        v = v << 6 | (s[i] & 0x3F);
    }
    *cp = v;
    return len;
}

void utf8_put(Buf *b, uint32_t cp)
{
    if (cp < 0x80) buf_putc(b, (char)cp);
    else if (cp < 0x800) {
        buf_putc(b, (char)(0xC0 | cp >> 6));
        buf_putc(b, (char)(0x80 | (cp & 63)));
    } else if (cp < 0x10000) {
        buf_putc(b, (char)(0xE0 | cp >> 12));
        buf_putc(b, (char)(0x80 | ((cp >> 6) & 63)));
        buf_putc(b, (char)(0x80 | (cp & 63)));
    } else {
        buf_putc(b, (char)(0xF0 | cp >> 18));
        buf_putc(b, (char)(0x80 | ((cp >> 12) & 63)));
        buf_putc(b, (char)(0x80 | ((cp >> 6) & 63)));
        buf_putc(b, (char)(0x80 | (cp & 63)));
    }
}


void utf8_lower(const char *s, size_t n, Buf *out)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t k = 0; k < n;) {
        uint32_t cp;
        int l = utf8_decode(p + k, n - k, &cp);
        if (l == 1 && p[k] >= 0x80) buf_putc(out, (char)p[k]);
        else utf8_put(out, utf8_case(cp, false));
        k += (size_t)l;
    }
}
