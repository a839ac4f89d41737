/* fuzz_json.c — libFuzzer target for the JSON reader behind the JSON*
 * functions (base/json.c): any bytes validate or are rejected, and a valid
 * document re-serialises to text that validates, and reaches a fixed point. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16) return 0;
    const char *s = (const char *)data;
    const char *root = json_validate(s, size);
    if (!root) return 0;
    /* a document's text, its text again, and once more: the second and third
     * must agree (the first may not: -0e3 is the double -0, printed -0, which
     * reads back as the integer 0, as in ClickHouse) */
    Buf a = {0}, b = {0}, c = {0};
    json_raw(root, s + size, &a);
    const char *r2 = json_validate(a.data, a.len);
    if (!r2) {   /* 3e20 prints as 300000000000000000000, an integer beyond UInt64 that
                  * does not read back (ClickHouse prints and refuses the same) */
        buf_free(&a);
        return 0;
    }
    json_raw(r2, a.data + a.len, &b);
    const char *r3 = json_validate(b.data, b.len);
    if (!r3) abort();
    json_raw(r3, b.data + b.len, &c);
    if (b.len != c.len || memcmp(b.data, c.data, b.len)) abort();
    (void)json_count(root, s + size);
    buf_free(&a);
    buf_free(&b);
    buf_free(&c);
    return 0;
}
