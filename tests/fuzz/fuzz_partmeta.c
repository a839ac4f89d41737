/* fuzz_partmeta.c — libFuzzer target for the readers of MergeTree part
 * metadata (storage/mt_part.c, mt_serial.c): meta.bin and the column blobs of
 * the primary index, from untrusted disk bytes. The first byte is a control
 * byte: bit 0 asks the target to repair meta.bin's trailing hash so the
 * fuzzer reaches the decoder behind it; the other bits pick a type for a
 * column-blob decode of the same bytes. Decoding must fail cleanly or
 * succeed, and a decoded meta.bin must re-encode to a decodable one. The
 * same bytes also go to the mutation-log record decoder (mutation.c) and to
 * the data-skipping index file decoders (mt_skip.c: the compressed file and
 * its body), for an index kind picked by the control byte. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "storage/mt_part.h"
#include "storage/mt_serial.h"
#include "storage/mt_skip.h"
#include "storage/mutation.h"

static const char *TYPES[] = {"UInt64", "String", "Nullable(Int32)", "Array(String)", "Map(String, UInt8)",
                              "Tuple(Date, FixedString(3))", "LowCardinality(String)", "Array(Array(UInt16))"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 20) return 0;
    uint8_t ctl = data[0];
    size_t n = size - 1;
    char *buf = malloc(n + 1);
    memcpy(buf, data + 1, n);
    if ((ctl & 1) && n >= 16) {
        uint64_t h = XXH3_64bits(buf, n - 8);
        memcpy(buf + n - 8, &h, 8);
    }
    MtPartName name;
    MtPartMeta m;
    Err err;
    if (mt_meta_decode(buf, n, &name, &m, &err) == 0) {
        Buf again = {0};
        mt_meta_encode(&name, &m, &again);
        MtPartName n2;
        MtPartMeta m2;
        if (mt_meta_decode(again.data, again.len, &n2, &m2, &err) != 0) abort();
        mt_meta_free(&m2);
        buf_free(&again);
        mt_meta_free(&m);
    }
    const DataType *t;
    if (type_parse(TYPES[(ctl >> 1) % 8], &t, &err) == 0) {
        ByteSrc src;
        bs_init_mem(&src, buf, n);
        Column *c;
        if (mt_blob_get(t, &src, &c, &err) == 0) col_unref(c);
    }
    if (type_parse(TYPES[(ctl >> 1) % 8], &t, &err) == 0) {
        MtSkipIndex ix = {.kind = (MtSkipKind)((ctl >> 4) % 4), .bf_bytes = 64, .bf_hashes = 2, .granularity = 1};
        ix.key.n = 1;
        ix.key.types = &t;
        MtSkipData *d = NULL;
        if (mt_skip_decode(&ix, buf, n, &d, &err) == 0) mt_skip_data_free(d);
        d = NULL;
        if (mt_skip_decode_file(&ix, buf, n, &d, &err) == 0) mt_skip_data_free(d);
    }
    Mutation mu;
    uint64_t created;
    if (mutation_decode(buf, n, &mu, &created, &err) == 0) {
        Buf again = {0};
        mutation_encode(&mu, created, &again);
        Mutation mu2;
        if (mutation_decode(again.data, again.len, &mu2, &created, &err) != 0 || mu2.n != mu.n) abort();
        mutation_free(&mu2);
        buf_free(&again);
        mutation_free(&mu);
    }
    MtPartName pn;
    char text[256];
    size_t k = n < sizeof text - 1 ? n : sizeof text - 1;
    memcpy(text, buf, k);
    text[k] = 0;
    if (mt_part_name_parse(text, &pn)) {
        char back[256];
        mt_part_name_format(&pn, back, sizeof back);
        MtPartName again;
        if (!mt_part_name_parse(back, &again) || again.min_block != pn.min_block || again.level != pn.level) abort();
    }
    free(buf);
    return 0;
}
