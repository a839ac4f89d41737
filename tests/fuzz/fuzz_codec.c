/* fuzz_codec.c — libFuzzer target for the compressed-block decoder
 * (compress/): frames of every method and codec chain from untrusted bytes
 * (disk or network). The first input byte is a control byte: bit 0 asks the
 * target to repair the frame's checksum so the fuzzer reaches the codecs
 * behind it, bit 1 restricts to the network's methods. Decoding must either
 * fail cleanly or produce exactly the announced size; the rest of the input is
 * also compressed with a chain chosen by the control byte and must round-trip. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "compress/codec.h"

static const char *CHAINS[] = {"LZ4", "ZSTD(1)", "Delta(4), LZ4", "DoubleDelta", "Gorilla", "T64", "Delta(8), T64, ZSTD(1)", "NONE"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 20) return 0;
    uint8_t ctl = data[0];
    char *frame = malloc(size);
    memcpy(frame, data + 1, size - 1);
    size_t n = size - 1;
    Err err;
    size_t flen;
    uint32_t dsize;
    if (codec_frame_sizes(frame, n, &flen, &dsize, &err) == 0 && flen <= n && dsize <= (1u << 22)) {
        if (ctl & 1) {
            U128 h = cityhash128(frame + 16, flen - 16);
            memcpy(frame, &h.lo, 8);
            memcpy(frame + 8, &h.hi, 8);
        }
        char *dst = malloc(dsize + 1);
        (void)codec_decompress(frame, flen, dst, dsize, (ctl & 2) ? CODEC_WIRE_ONLY : 0, &err);
        free(dst);
    }
    CodecChain c;
    if (codec_chain_parse(CHAINS[(ctl >> 2) % 8], NULL, &c, &err) == 0) {
        Buf out = {0};
        if (codec_compress(&c, frame, n, &out, &err) != 0) abort();
        char *back = malloc(n + 1);
        if (codec_decompress(out.data, out.len, back, (uint32_t)n, 0, &err) != 0 || memcmp(back, frame, n) != 0) abort();
        free(back);
        buf_free(&out);
    }
    free(frame);
    return 0;
}
