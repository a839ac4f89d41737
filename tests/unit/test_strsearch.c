/* test_strsearch.c — str_find (base/strsearch.c) finds what memmem finds:
 * needles of every length from 1 to 40 at every position of haystacks up
 * to 100 bytes (so across and at the end of the 16-byte steps), candidates
 * that fail (same first and last byte), and no match past the end. */
#include <stdint.h>
#include <string.h>

#include "base/strsearch.h"
#include "unit.h"

void test_strsearch(void)
{
    int failed = 0;
    char h[128], nd[64];
    uint32_t x = 12345;
    for (int round = 0; round < 3000; round++) {
        size_t hl = (size_t)(round % 100), nl = 1 + (size_t)(round % 40);
        for (size_t i = 0; i < hl; i++) x = x * 1103515245u + 12345u, h[i] = "abab\0c"[(x >> 16) % 6];
        for (size_t i = 0; i < nl; i++) x = x * 1103515245u + 12345u, nd[i] = "abab\0c"[(x >> 16) % 6];
        if (round % 3 == 0 && hl >= nl) memcpy(h + (x >> 8) % (hl - nl + 1), nd, nl);   /* plant one */
        const char *want = memmem(h, hl, nd, nl), *got = str_find(h, hl, nd, nl);
        CHECK(want == got);
        if (want != got) break;
    }
    CHECK(str_find("abc", 3, "", 0) != NULL);
    CHECK(str_find("ab", 2, "abc", 3) == NULL);
    const char *url = "http://example.com/search?q=googlegoogle";
    CHECK(str_find(url, strlen(url), "google", 6) == url + 28);
    CHECK(str_find(url, 33, "google", 6) == NULL);   /* cut inside the match */
    report("strsearch", failed);
}
