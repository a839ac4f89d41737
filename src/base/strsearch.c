/* strsearch.c — see strsearch.h. */
#include "strsearch.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

const char *str_find(const char *h, size_t hl, const char *nd, size_t nl)
{
    if (nl == 0) return h;
    if (nl > hl) return NULL;
    if (nl == 1) return memchr(h, (unsigned char)nd[0], hl);
#ifdef __SSE2__
    const __m128i first = _mm_set1_epi8(nd[0]), last = _mm_set1_epi8(nd[nl - 1]);
    size_t i = 0;
    for (; i + nl - 1 + 16 <= hl; i += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(h + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(h + i + nl - 1));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
        while (m) {
            unsigned bit = (unsigned)__builtin_ctz(m);
            if (nl == 2 || !memcmp(h + i + bit + 1, nd + 1, nl - 2)) return h + i + bit;
            m &= m - 1;
        }
    }
    const char *r = memmem(h + i, hl - i, nd, nl);   /* the last few positions */
    return r;
#else
    return memmem(h, hl, nd, nl);
#endif
}
