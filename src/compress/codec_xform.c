/* codec_xform.c — the column transforms of a codec chain: Delta, DoubleDelta,
 * Gorilla and T64, over values of 1, 2, 4 or 8 bytes (a trailing partial
 * value is carried as raw bytes). The encodings are basalt's own:
 *
 *   Delta(w)       each value minus the previous one (wrapping), same size;
 *   DoubleDelta(w) the change of the delta, sign-extended, zigzag, as varints
 *                  (steady time series cost one byte per value);
 *   Gorilla(w)     XOR with the previous value as a bit stream: '0' for an
 *                  equal value, else '1', the leading-zero count, the length
 *                  and the meaningful bits;
 *   T64(w)         per 64 values: the minimum and the bit width of the range,
 *                  then the values minus the minimum, bit-packed; the width
 *                  byte's high bit marks signed values.
 *
 * Decoders read only the bytes given, must produce exactly n bytes and report
 * CORRUPTED_DATA otherwise: they decode untrusted disk data.
 */
#include <string.h>

#include "codec.h"

#define SIGNED_FLAG 0x80

static uint64_t load_w(const char *p, int w)
{
    uint64_t v = 0;
    memcpy(&v, p, (size_t)w);
    return v;
}

static void store_w(char *p, uint64_t v, int w) { memcpy(p, &v, (size_t)w); }

static uint64_t wmask(int w) { return w >= 8 ? ~0ull : (1ull << (8 * w)) - 1; }

static int64_t sext(uint64_t v, int w)
{
    if (w >= 8) return (int64_t)v;
    int sh = 64 - 8 * w;
    return (int64_t)(v << sh) >> sh;
}

static int corrupt(Err *err, const char *what) { return err_set(err, ERR_CORRUPTED_DATA, "Cannot decompress %s: corrupted data", what); }

static bool valid_width(int w) { return w == 1 || w == 2 || w == 4 || w == 8; }

/* ---- Delta ---- */

static void delta_encode(int w, const char *src, size_t n, Buf *out)
{
    size_t cnt = n / (size_t)w;
    buf_reserve(out, n);
    char *o = out->data + out->len;
    uint64_t prev = 0, m = wmask(w);
    for (size_t i = 0; i < cnt; i++) {
        uint64_t v = load_w(src + i * (size_t)w, w);
        store_w(o + i * (size_t)w, (v - prev) & m, w);
        prev = v;
    }
    memcpy(o + cnt * (size_t)w, src + cnt * (size_t)w, n - cnt * (size_t)w);
    out->len += n;
}

static int delta_decode(int w, const char *src, size_t len, char *dst, size_t n, Err *err)
{
    if (len != n) return corrupt(err, "Delta");
    size_t cnt = n / (size_t)w;
    uint64_t prev = 0, m = wmask(w);
    for (size_t i = 0; i < cnt; i++) {
        prev = (prev + load_w(src + i * (size_t)w, w)) & m;
        store_w(dst + i * (size_t)w, prev, w);
    }
    memcpy(dst + cnt * (size_t)w, src + cnt * (size_t)w, n - cnt * (size_t)w);
    return 0;
}

/* ---- DoubleDelta ---- */

static bool get_varint(const char **p, const char *end, uint64_t *v)
{
    uint64_t r = 0;
    for (int shift = 0; shift < 64 && *p < end; shift += 7) {
        uint8_t c = (uint8_t)*(*p)++;
        r |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *v = r;
            return true;
        }
    }
    return false;
}

static void dd_encode(int w, const char *src, size_t n, Buf *out)
{
    size_t cnt = n / (size_t)w;
    uint64_t prev = 0, prev_d = 0, m = wmask(w);
    for (size_t i = 0; i < cnt; i++) {
        uint64_t v = load_w(src + i * (size_t)w, w);
        uint64_t d = (v - prev) & m;
        int64_t dd = sext((d - prev_d) & m, w);
        buf_put_varint(out, ((uint64_t)dd << 1) ^ (uint64_t)(dd >> 63));
        prev = v, prev_d = d;
    }
    buf_put(out, src + cnt * (size_t)w, n - cnt * (size_t)w);
}

static int dd_decode(int w, const char *src, size_t len, char *dst, size_t n, Err *err)
{
    size_t cnt = n / (size_t)w, tail = n - cnt * (size_t)w;
    const char *p = src, *end = src + len;
    uint64_t prev = 0, prev_d = 0, m = wmask(w);
    for (size_t i = 0; i < cnt; i++) {
        uint64_t z;
        if (!get_varint(&p, end, &z)) return corrupt(err, "DoubleDelta");
        uint64_t dd = (z >> 1) ^ (0 - (z & 1));
        prev_d = (prev_d + dd) & m;
        prev = (prev + prev_d) & m;
        store_w(dst + i * (size_t)w, prev, w);
    }
    if ((size_t)(end - p) != tail) return corrupt(err, "DoubleDelta");
    memcpy(dst + cnt * (size_t)w, p, tail);
    return 0;
}

/* ---- bit streams (Gorilla, T64) ---- */

typedef struct BitWriter { Buf *out; uint64_t acc; int nbits; } BitWriter;

static void bw_put(BitWriter *bw, uint64_t v, int bits)
{
    for (int i = bits - 1; i >= 0; i--) {
        bw->acc = (bw->acc << 1) | ((v >> i) & 1);
        if (++bw->nbits == 8) {
            buf_putc(bw->out, (char)bw->acc);
            bw->acc = 0, bw->nbits = 0;
        }
    }
}

static void bw_flush(BitWriter *bw)
{
    if (bw->nbits) buf_putc(bw->out, (char)(bw->acc << (8 - bw->nbits)));
    bw->acc = 0, bw->nbits = 0;
}

typedef struct BitReader { const uint8_t *p; size_t len, pos; } BitReader;   /* pos in bits */

static bool br_get(BitReader *br, int bits, uint64_t *v)
{
    if (bits < 0 || bits > 64 || br->pos + (size_t)bits > br->len * 8) return false;
    uint64_t r = 0;
    for (int i = 0; i < bits; i++, br->pos++) r = (r << 1) | ((br->p[br->pos >> 3] >> (7 - (br->pos & 7))) & 1);
    *v = r;
    return true;
}

static int log2w(int w) { return w == 1 ? 3 : w == 2 ? 4 : w == 4 ? 5 : 6; }

/* ---- Gorilla ---- */

static void gorilla_encode(int w, const char *src, size_t n, Buf *out)
{
    size_t cnt = n / (size_t)w;
    int bits = 8 * w, fb = log2w(w);
    BitWriter bw = {out, 0, 0};
    uint64_t prev = 0;
    for (size_t i = 0; i < cnt; i++) {
        uint64_t v = load_w(src + i * (size_t)w, w), x = v ^ prev;
        prev = v;
        if (!x) {
            bw_put(&bw, 0, 1);
            continue;
        }
        int lz = __builtin_clzll(x) - (64 - bits), tz = __builtin_ctzll(x), len = bits - lz - tz;
        bw_put(&bw, 1, 1);
        bw_put(&bw, (uint64_t)lz, fb);
        bw_put(&bw, (uint64_t)(len - 1), fb);
        bw_put(&bw, x >> tz, len);
    }
    bw_flush(&bw);
    buf_put(out, src + cnt * (size_t)w, n - cnt * (size_t)w);
}

static int gorilla_decode(int w, const char *src, size_t len, char *dst, size_t n, Err *err)
{
    size_t cnt = n / (size_t)w, tail = n - cnt * (size_t)w;
    if (len < tail) return corrupt(err, "Gorilla");
    BitReader br = {(const uint8_t *)src, len - tail, 0};
    int bits = 8 * w, fb = log2w(w);
    uint64_t prev = 0;
    for (size_t i = 0; i < cnt; i++) {
        uint64_t flag, lz, l1, m;
        if (!br_get(&br, 1, &flag)) return corrupt(err, "Gorilla");
        if (flag) {
            if (!br_get(&br, fb, &lz) || !br_get(&br, fb, &l1)) return corrupt(err, "Gorilla");
            int l = (int)l1 + 1, tz = bits - (int)lz - l;
            if (tz < 0 || !br_get(&br, l, &m)) return corrupt(err, "Gorilla");
            prev ^= m << tz;
        }
        store_w(dst + i * (size_t)w, prev, w);
    }
    if ((br.pos + 7) / 8 != br.len) return corrupt(err, "Gorilla");
    memcpy(dst + cnt * (size_t)w, src + br.len, tail);
    return 0;
}

/* ---- T64 ---- */

static void t64_encode(int param, const char *src, size_t n, Buf *out)
{
    int w = param & 0x0f;
    bool sgn = (param & SIGNED_FLAG) != 0;
    size_t cnt = n / (size_t)w;
    for (size_t b = 0; b < cnt; b += 64) {
        size_t k = cnt - b < 64 ? cnt - b : 64;
        uint64_t v[64];
        uint64_t lo = 0, hi = 0;
        for (size_t i = 0; i < k; i++) {
            uint64_t x = load_w(src + (b + i) * (size_t)w, w);
            /* order-preserving unsigned form: signed values biased by the sign bit */
            v[i] = sgn ? (uint64_t)sext(x, w) ^ (1ull << 63) : x;
            if (i == 0 || v[i] < lo) lo = v[i];
            if (i == 0 || v[i] > hi) hi = v[i];
        }
        uint64_t range = hi - lo;
        int nb = range ? 64 - __builtin_clzll(range) : 0;
        buf_put(out, &lo, 8);
        buf_putc(out, (char)nb);
        BitWriter bw = {out, 0, 0};
        for (size_t i = 0; i < k; i++) bw_put(&bw, v[i] - lo, nb);
        bw_flush(&bw);
    }
    buf_put(out, src + cnt * (size_t)w, n - cnt * (size_t)w);
}

static int t64_decode(int param, const char *src, size_t len, char *dst, size_t n, Err *err)
{
    int w = param & 0x0f;
    bool sgn = (param & SIGNED_FLAG) != 0;
    if (!valid_width(w)) return corrupt(err, "T64");
    size_t cnt = n / (size_t)w, tail = n - cnt * (size_t)w, pos = 0;
    for (size_t b = 0; b < cnt; b += 64) {
        size_t k = cnt - b < 64 ? cnt - b : 64;
        if (len - pos < 9) return corrupt(err, "T64");
        uint64_t lo;
        memcpy(&lo, src + pos, 8);
        int nb = (uint8_t)src[pos + 8];
        pos += 9;
        size_t bytes = (k * (size_t)nb + 7) / 8;
        if (nb > 64 || len - pos < bytes) return corrupt(err, "T64");
        BitReader br = {(const uint8_t *)src + pos, bytes, 0};
        for (size_t i = 0; i < k; i++) {
            uint64_t d = 0;
            if (nb && !br_get(&br, nb, &d)) return corrupt(err, "T64");
            uint64_t v = lo + d;
            store_w(dst + (b + i) * (size_t)w, sgn ? v ^ (1ull << 63) : v, w);
        }
        pos += bytes;
    }
    if (len - pos != tail) return corrupt(err, "T64");
    memcpy(dst + cnt * (size_t)w, src + pos, tail);
    return 0;
}

/* ---- dispatch ---- */

void xform_encode(uint8_t method, int width, const char *src, size_t n, Buf *out)
{
    int w = width & 0x0f;
    switch (method) {
    case CM_DELTA: delta_encode(w, src, n, out); break;
    case CM_DOUBLE_DELTA: dd_encode(w, src, n, out); break;
    case CM_GORILLA: gorilla_encode(w, src, n, out); break;
    default: t64_encode(width, src, n, out); break;
    }
}

int xform_decode(uint8_t method, int width, const char *src, size_t len, char *dst, size_t n, Err *err)
{
    int w = width & 0x0f;
    if (!valid_width(w)) return corrupt(err, "codec chain");
    switch (method) {
    case CM_DELTA: return delta_decode(w, src, len, dst, n, err);
    case CM_DOUBLE_DELTA: return dd_decode(w, src, len, dst, n, err);
    case CM_GORILLA: return gorilla_decode(w, src, len, dst, n, err);
    default: return t64_decode(width, src, len, dst, n, err);
    }
}
