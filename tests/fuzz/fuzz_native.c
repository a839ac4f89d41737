/* fuzz_native.c — libFuzzer target for the Native block decoder
 * (server/native.c), which reads the blocks clickhouse-client and the
 * drivers send over the TCP protocol: any bytes must decode or fail
 * cleanly, and a block that decodes must encode to bytes that decode to
 * the same encoding again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/native.h"

static void encode(Buf *out, Chunk *ch, char **names, const DataType **types)
{
    native_write_block(out, ch ? ch->ncols : 0, names, types, ch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16) return 0;
    Arena a;
    arena_init(&a);
    ByteSrc s;
    bs_init_mem(&s, (const char *)data, size);
    Chunk *ch;
    char **names;
    const DataType **types;
    Err err;
    if (native_read_block(&s, &a, &ch, &names, &types, &err) == 0) {
        Buf b1 = {0}, b2 = {0};
        encode(&b1, ch, names, types);
        ByteSrc s2;
        bs_init_mem(&s2, b1.data, b1.len);
        Chunk *ch2;
        char **n2;
        const DataType **t2;
        if (native_read_block(&s2, &a, &ch2, &n2, &t2, &err) != 0) abort();
        encode(&b2, ch2, n2, t2);
        if (b1.len != b2.len || memcmp(b1.data, b2.data, b1.len)) abort();
        chunk_free(ch2);
        buf_free(&b1);
        buf_free(&b2);
        chunk_free(ch);
    }
    arena_free(&a);
    return 0;
}
