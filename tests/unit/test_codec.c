/* test_codec.c — compressed blocks: every codec and chain round-trips data
 * of each width (with a ragged tail), frames carry ClickHouse's checksum,
 * and corrupt frames are refused with an error (never a crash). */
#include <stdlib.h>
#include <string.h>

#include "compress/codec.h"
#include "unit.h"

static const char *CHAINS[] = {
    "NONE", "LZ4", "LZ4HC(9)", "ZSTD(3)", "Delta(1), LZ4", "Delta(8), ZSTD(1)", "DoubleDelta", "DoubleDelta, LZ4",
    "Gorilla", "Gorilla, ZSTD(1)", "T64", "T64, LZ4", "Delta(4), Delta(2), LZ4",
};

/* Sample data: a slowly changing series with noise, n bytes. */
static void fill(char *p, size_t n, unsigned seed)
{
    uint64_t v = seed;
    for (size_t i = 0; i < n; i++) {
        v = v * 6364136223846793005ull + 1442695040888963407ull;
        p[i] = (char)((i / 8) + ((v >> 60) & 1));
    }
}

static int roundtrip(const char *chain_text, const DataType *t, const char *src, size_t n)
{
    int failed = 0;
    CodecChain c;
    Err err;
    CHECK(codec_chain_parse(chain_text, t, &c, &err) == 0);
    Buf out = {0};
    CHECK(codec_compress(&c, src, n, &out, &err) == 0);
    size_t flen = 0;
    uint32_t dsize = 0;
    CHECK(codec_frame_sizes(out.data, out.len, &flen, &dsize, &err) == 0);
    CHECK(flen == out.len && dsize == n);
    char *dst = malloc(n + 1);
    CHECK(codec_decompress(out.data, out.len, dst, dsize, 0, &err) == 0);
    CHECK(memcmp(dst, src, n) == 0);
    /* any flipped byte is caught: by the checksum, or by the header checks */
    for (size_t i = 0; i < out.len; i += 7) {
        out.data[i] ^= 0x5a;
        size_t fl2;
        uint32_t d2;
        if (codec_frame_sizes(out.data, out.len, &fl2, &d2, &err) == 0 && fl2 == out.len && d2 == n)
            CHECK(codec_decompress(out.data, out.len, dst, d2, 0, &err) != 0);
        out.data[i] ^= 0x5a;
    }
    free(dst);
    buf_free(&out);
    return failed;
}

void test_codec(void)
{
    int failed = 0;
    const TypeKind kinds[] = {TYPE_UINT8, TYPE_INT16, TYPE_UINT32, TYPE_INT64, TYPE_FLOAT32, TYPE_FLOAT64};
    size_t sizes[] = {0, 1, 7, 64, 65, 1000, 70001};
    char *src = malloc(70001);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        for (size_t c = 0; c < sizeof CHAINS / sizeof CHAINS[0]; c++) {
            const DataType *t = type_basic(kinds[k]);
            bool is_float = kinds[k] == TYPE_FLOAT32 || kinds[k] == TYPE_FLOAT64;
            if (strstr(CHAINS[c], "T64") && is_float) continue;
            for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
                fill(src, sizes[s], (unsigned)(k * 31 + c));
                failed += roundtrip(CHAINS[c], t, src, sizes[s]);
            }
        }
    free(src);
    report("codec round trips and corruption", failed);

    failed = 0;
    /* the frame is ClickHouse's: a NONE block of "abc" */
    CodecChain none;
    Err err;
    CHECK(codec_chain_parse("NONE", NULL, &none, &err) == 0);
    Buf out = {0};
    CHECK(codec_compress(&none, "abc", 3, &out, &err) == 0);
    CHECK(out.len == 16 + 9 + 3 && (uint8_t)out.data[16] == 0x02);
    buf_free(&out);
    /* LZ4 that would not shrink a block stores it as NONE; a view of a NONE
     * frame points into the frame, a copy and an LZ4 frame land in dst */
    CodecChain lz4;
    CHECK(codec_chain_parse("LZ4", NULL, &lz4, &err) == 0);
    char noise[4096], back[4096];
    uint64_t x = 88172645463325252ull;
    for (size_t i = 0; i < sizeof noise; i++) x ^= x << 13, x ^= x >> 7, x ^= x << 17, noise[i] = (char)x;
    CHECK(codec_compress(&lz4, noise, sizeof noise, &out, &err) == 0);
    CHECK((uint8_t)out.data[16] == 0x02 && out.len == 16 + 9 + sizeof noise);
    const char *view = NULL;
    CHECK(codec_decompress_view(out.data, out.len, back, sizeof back, 0, &view, &err) == 0);
    CHECK(view == out.data + 25 && memcmp(view, noise, sizeof noise) == 0);
    CHECK(codec_decompress(out.data, out.len, back, sizeof back, 0, &err) == 0 && memcmp(back, noise, sizeof noise) == 0);
    buf_free(&out);
    memset(noise, 'z', sizeof noise);
    CHECK(codec_compress(&lz4, noise, sizeof noise, &out, &err) == 0);
    CHECK((uint8_t)out.data[16] == 0x82);
    CHECK(codec_decompress_view(out.data, out.len, back, sizeof back, 0, &view, &err) == 0);
    CHECK(view == back && memcmp(back, noise, sizeof noise) == 0);
    buf_free(&out);
    /* sizes past the limit are refused before anything is allocated */
    char hdr[25] = {0};
    hdr[16] = (char)0x82;
    uint32_t big = 0x7fffffff, small = 9;
    memcpy(hdr + 17, &big, 4);
    size_t fl;
    uint32_t d;
    CHECK(codec_frame_sizes(hdr, sizeof hdr, &fl, &d, &err) == ERR_TOO_LARGE_SIZE_COMPRESSED);
    memcpy(hdr + 17, &small, 4);
    memcpy(hdr + 21, &big, 4);
    CHECK(codec_frame_sizes(hdr, sizeof hdr, &fl, &d, &err) == ERR_TOO_LARGE_SIZE_COMPRESSED);
    CHECK(codec_frame_sizes(hdr, 10, &fl, &d, &err) == ERR_CANNOT_READ_ALL_DATA);
    /* chain texts and checks */
    CodecChain c;
    CHECK(codec_chain_parse("lz4", NULL, &c, &err) == ERR_UNKNOWN_CODEC);
    CHECK(codec_chain_parse("Delta(3), LZ4", type_basic(TYPE_UINT32), &c, &err) == ERR_ILLEGAL_CODEC_PARAMETER);
    CHECK(codec_chain_parse("Delta, ZSTD", type_basic(TYPE_UINT32), &c, &err) == 0);
    char *txt = codec_chain_text(&c);
    CHECK(strcmp(txt, "Delta(4), ZSTD(1)") == 0);
    free(txt);
    CHECK(codec_chain_check(&c, type_basic(TYPE_UINT32), &err) == 0);
    CHECK(codec_chain_parse("ZSTD, Delta", type_basic(TYPE_UINT32), &c, &err) == 0);
    CHECK(codec_chain_check(&c, type_basic(TYPE_UINT32), &err) == ERR_BAD_ARGUMENTS);
    report("codec frames, limits and declarations", failed);
}
