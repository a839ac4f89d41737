/* fuzz_json.c — libFuzzer target for the JSON reader behind the JSON*
 * functions (base/json.c): any bytes validate or are rejected, and a valid
 * document re-serialises to text that validates and re-serialises to itself. */
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
    Buf a = {0}, b = {0};
    json_raw(root, s + size, &a);
    const char *r2 = json_validate(a.data, a.len);
    if (!r2) abort();
    json_raw(r2, a.data + a.len, &b);
    if (a.len != b.len || memcmp(a.data, b.data, a.len)) abort();
    (void)json_count(root, s + size);
    buf_free(&a);
    buf_free(&b);
    return 0;
}
