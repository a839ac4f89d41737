/* hash.c — see hash.h. Written from the published algorithm descriptions
 * (CityHash 1.0.2 as in ../shared/spec/native-protocol.md §9.3, SipHash-2-4,
 * MurmurHash3/2); checked against ClickHouse's results in tests. */
#include "hash.h"

#include <string.h>

static uint64_t ld64(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static uint32_t ld32(const char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* ---- CityHash 1.0.2 ---- */

static const uint64_t K0 = 0xc3a5c85c97cb3127ull, K1 = 0xb492b66fbe98f273ull, K2 = 0x9ae16a3b2f90404full,
                      K3 = 0xc949d7c7509e6557ull, KMUL = 0x9ddfea08eb382d69ull;

static uint64_t rot(uint64_t v, int s) { return s == 0 ? v : (v >> s) | (v << (64 - s)); }
static uint64_t shiftmix(uint64_t v) { return v ^ (v >> 47); }

uint64_t cityhash_128to64(uint64_t lo, uint64_t hi)
{
    uint64_t a = (lo ^ hi) * KMUL;
    a ^= a >> 47;
    uint64_t b = (hi ^ a) * KMUL;
    b ^= b >> 47;
    return b * KMUL;
}

static uint64_t hl16(uint64_t u, uint64_t v) { return cityhash_128to64(u, v); }

static uint64_t hl0to16(const char *p, size_t n)
{
    if (n > 8) {
        uint64_t a = ld64(p), b = ld64(p + n - 8);
        return hl16(a, rot(b + n, (int)n)) ^ b;
    }
    if (n >= 4) {
        uint64_t a = ld32(p);
        return hl16(n + (a << 3), ld32(p + n - 4));
    }
    if (n > 0) {
        uint8_t a = (uint8_t)p[0], b = (uint8_t)p[n >> 1], c = (uint8_t)p[n - 1];
        uint32_t y = (uint32_t)a + ((uint32_t)b << 8);
        uint32_t z = (uint32_t)n + ((uint32_t)c << 2);
        return shiftmix(y * K2 ^ z * K3) * K2;
    }
    return K2;
}

static uint64_t hl17to32(const char *s, size_t n)
{
    uint64_t a = ld64(s) * K1, b = ld64(s + 8), c = ld64(s + n - 8) * K2, d = ld64(s + n - 16) * K0;
    return hl16(rot(a - b, 43) + rot(c, 30) + d, a + rot(b ^ K3, 20) - c + n);
}

static uint64_t hl33to64(const char *s, size_t n)
{
    uint64_t z = ld64(s + 24);
    uint64_t a = ld64(s) + (n + ld64(s + n - 16)) * K0;
    uint64_t b = rot(a + z, 52), c = rot(a, 37);
    a += ld64(s + 8);
    c += rot(a, 7);
    a += ld64(s + 16);
    uint64_t vf = a + z, vs = b + rot(a, 31) + c;
    a = ld64(s + 16) + ld64(s + n - 32);
    z = ld64(s + n - 8);
    b = rot(a + z, 52);
    c = rot(a, 37);
    a += ld64(s + n - 24);
    c += rot(a, 7);
    a += ld64(s + n - 16);
    uint64_t wf = a + z, ws = b + rot(a, 31) + c;
    uint64_t r = shiftmix((vf + ws) * K2 + (wf + vs) * K0);
    return shiftmix(r * K0 + vs) * K2;
}

static U128 weak32(const char *p, uint64_t a, uint64_t b)
{
    uint64_t w = ld64(p), x = ld64(p + 8), y = ld64(p + 16), z = ld64(p + 24);
    a += w;
    b = rot(b + a + z, 21);
    uint64_t c = a;
    a += x;
    a += y;
    b += rot(a, 44);
    return (U128){a + z, b + c};
}

uint64_t cityhash64(const char *s, size_t n)
{
    if (n <= 16) return hl0to16(s, n);
    if (n <= 32) return hl17to32(s, n);
    if (n <= 64) return hl33to64(s, n);
    uint64_t x = ld64(s), y = ld64(s + n - 16) ^ K1, z = ld64(s + n - 56) ^ K0;
    U128 v = weak32(s + n - 64, n, y);
    U128 w = weak32(s + n - 32, n * K1, K0);
    z += shiftmix(v.hi) * K1;
    x = rot(z + x, 39) * K1;
    y = rot(y, 33) * K1;
    size_t len = (n - 1) & ~(size_t)63;
    do {
        x = rot(x + y + v.lo + ld64(s + 16), 37) * K1;
        y = rot(y + v.hi + ld64(s + 48), 42) * K1;
        x ^= w.hi;
        y ^= v.lo;
        z = rot(z ^ w.lo, 33);
        v = weak32(s, v.hi * K1, x + w.lo);
        w = weak32(s + 32, z + w.hi, y);
        uint64_t t = z;
        z = x;
        x = t;
        s += 64;
        len -= 64;
    } while (len != 0);
    return hl16(hl16(v.lo, w.lo) + shiftmix(y) * K1 + z, hl16(v.hi, w.hi) + x);
}

/* CityHash64WithSeed (v1.0.2): HashLen16(CityHash64 - k2, seed). */
uint64_t cityhash64_with_seed(const char *s, size_t n, uint64_t seed)
{
    return hl16(cityhash64(s, n) - 0x9ae16a3b2f90404fULL, seed);
}

static U128 city_murmur(const char *p, size_t n, uint64_t seed_lo, uint64_t seed_hi)
{
    uint64_t a = seed_lo, b = seed_hi, c, d;
    long l = (long)n - 16;
    if (l <= 0) {
        a = shiftmix(a * K1) * K1;
        c = b * K1 + hl0to16(p, n);
        d = shiftmix(a + (n >= 8 ? ld64(p) : c));
    } else {
        c = hl16(ld64(p + n - 8) + K1, a);
        d = hl16(b + n, c + ld64(p + n - 16));
        a += d;
        do {
            a ^= shiftmix(ld64(p) * K1) * K1;
            a *= K1;
            b ^= a;
            c ^= shiftmix(ld64(p + 8) * K1) * K1;
            c *= K1;
            d ^= c;
            p += 16;
            l -= 16;
        } while (l > 0);
    }
    a = hl16(a, c);
    b = hl16(d, b);
    return (U128){a ^ b, hl16(b, a)};
}

U128 cityhash128_with_seed(const char *p, size_t n, uint64_t seed_lo, uint64_t seed_hi)
{
    if (n < 128) return city_murmur(p, n, seed_lo, seed_hi);
    uint64_t x = seed_lo, y = seed_hi, z = n * K1;
    U128 v, w;
    v.lo = rot(y ^ K1, 49) * K1 + ld64(p);
    v.hi = rot(v.lo, 42) * K1 + ld64(p + 8);
    w.lo = rot(y + z, 35) * K1 + x;
    w.hi = rot(x + ld64(p + 88), 53) * K1;
    do {
        for (int k = 0; k < 2; k++) {
            x = rot(x + y + v.lo + ld64(p + 16), 37) * K1;
            y = rot(y + v.hi + ld64(p + 48), 42) * K1;
            x ^= w.hi;
            y ^= v.lo;
            z = rot(z ^ w.lo, 33);
            v = weak32(p, v.hi * K1, x + w.lo);
            w = weak32(p + 32, z + w.hi, y);
            uint64_t t = z;
            z = x;
            x = t;
            p += 64;
        }
        n -= 128;
    } while (n >= 128);
    y += rot(w.lo, 37) * K0 + z;
    x += rot(v.lo + z, 49) * K0;
    for (size_t t = 0; t < n;) {
        t += 32;
        y = rot(y - x, 42) * K0 + v.hi;
        w.lo += ld64(p + n - t + 16);
        x = rot(x, 49) * K0 + w.lo;
        w.lo += v.lo;
        v = weak32(p + n - t, v.lo, v.hi);
    }
    x = hl16(x, v.lo);
    y = hl16(y, w.lo);
    return (U128){hl16(x + v.hi, w.hi) + y, hl16(x + w.hi, y + v.hi)};
}

U128 cityhash128(const char *s, size_t n)
{
    if (n >= 16) return cityhash128_with_seed(s + 16, n - 16, ld64(s) ^ K3, ld64(s + 8));
    if (n >= 8) return cityhash128_with_seed(s, 0, ld64(s) ^ (n * K0), ld64(s + n - 8) ^ K1);
    return cityhash128_with_seed(s, n, K0, K1);
}

/* ---- SipHash-2-4 with a zero key ---- */

#define SIPROUND                                                                       \
    do {                                                                               \
        v0 += v1; v1 = rot(v1, 64 - 13); v1 ^= v0; v0 = rot(v0, 64 - 32);              \
        v2 += v3; v3 = rot(v3, 64 - 16); v3 ^= v2;                                     \
        v0 += v3; v3 = rot(v3, 64 - 21); v3 ^= v0;                                     \
        v2 += v1; v1 = rot(v1, 64 - 17); v1 ^= v2; v2 = rot(v2, 64 - 32);              \
    } while (0)

/* SipHash-2-4 over s[0..n): the four state words after finalisation. */
static void siphash_state(const char *s, size_t n, uint64_t v[4])
{
    uint64_t v0 = 0x736f6d6570736575ull, v1 = 0x646f72616e646f6dull, v2 = 0x6c7967656e657261ull, v3 = 0x7465646279746573ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t m = ld64(s + i);
        v3 ^= m;
        SIPROUND;
        SIPROUND;
        v0 ^= m;
    }
    uint64_t b = (uint64_t)n << 56;
    for (size_t k = 0; i + k < n; k++) b |= (uint64_t)(uint8_t)s[i + k] << (8 * k);
    v3 ^= b;
    SIPROUND;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    v[0] = v0, v[1] = v1, v[2] = v2, v[3] = v3;
}

uint64_t siphash64(const char *s, size_t n)
{
    uint64_t v[4];
    siphash_state(s, n, v);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
}

U128 siphash128(const char *s, size_t n)
{
    uint64_t v[4];
    siphash_state(s, n, v);
    return (U128){v[0] ^ v[1], v[2] ^ v[3]};
}

uint64_t siphash64_pair(uint64_t a, uint64_t b)
{
    char buf[16];
    memcpy(buf, &a, 8);
    memcpy(buf + 8, &b, 8);
    return siphash64(buf, 16);
}

/* ---- MurmurHash ---- */

static uint64_t fmix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ull;
    k ^= k >> 33;
    return k;
}

void murmur3_x64_128(const char *s, size_t n, uint32_t seed, uint64_t out[2])
{
    const uint64_t c1 = 0x87c37b91114253d5ull, c2 = 0x4cf5ad432745937full;
    uint64_t h1 = seed, h2 = seed;
    size_t nblocks = n / 16;
    for (size_t i = 0; i < nblocks; i++) {
        uint64_t k1 = ld64(s + 16 * i), k2 = ld64(s + 16 * i + 8);
        k1 *= c1, k1 = rot(k1, 64 - 31), k1 *= c2, h1 ^= k1;
        h1 = rot(h1, 64 - 27), h1 += h2, h1 = h1 * 5 + 0x52dce729;
        k2 *= c2, k2 = rot(k2, 64 - 33), k2 *= c1, h2 ^= k2;
        h2 = rot(h2, 64 - 31), h2 += h1, h2 = h2 * 5 + 0x38495ab5;
    }
    const uint8_t *tail = (const uint8_t *)s + nblocks * 16;
    uint64_t k1 = 0, k2 = 0;
    size_t rem = n & 15;
    for (size_t i = rem; i > 8; i--) k2 ^= (uint64_t)tail[i - 1] << (8 * (i - 9));
    if (rem > 8) k2 *= c2, k2 = rot(k2, 64 - 33), k2 *= c1, h2 ^= k2;
    for (size_t i = rem < 8 ? rem : 8; i > 0; i--) k1 ^= (uint64_t)tail[i - 1] << (8 * (i - 1));
    if (rem) k1 *= c1, k1 = rot(k1, 64 - 31), k1 *= c2, h1 ^= k1;
    h1 ^= n, h2 ^= n;
    h1 += h2, h2 += h1;
    h1 = fmix64(h1), h2 = fmix64(h2);
    h1 += h2, h2 += h1;
    out[0] = h1;
    out[1] = h2;
}

static uint32_t rot32(uint32_t v, int s) { return (v << s) | (v >> (32 - s)); }

uint32_t murmur3_x86_32(const char *s, size_t n, uint32_t seed)
{
    const uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
    uint32_t h = seed;
    size_t nb = n / 4;
    for (size_t i = 0; i < nb; i++) {
        uint32_t k = ld32(s + 4 * i);
        k *= c1, k = rot32(k, 15), k *= c2;
        h ^= k, h = rot32(h, 13), h = h * 5 + 0xe6546b64;
    }
    const uint8_t *t = (const uint8_t *)s + nb * 4;
    uint32_t k = 0;
    switch (n & 3) {
    case 3: k ^= (uint32_t)t[2] << 16; /* fall through */
    case 2: k ^= (uint32_t)t[1] << 8; /* fall through */
    case 1: k ^= t[0]; k *= c1; k = rot32(k, 15); k *= c2; h ^= k;
    }
    h ^= (uint32_t)n;
    h ^= h >> 16, h *= 0x85ebca6b, h ^= h >> 13, h *= 0xc2b2ae35, h ^= h >> 16;
    return h;
}

uint64_t murmur2_64(const char *s, size_t n, uint64_t seed)
{
    const uint64_t m = 0xc6a4a7935bd1e995ull;
    const int r = 47;
    uint64_t h = seed ^ (n * m);
    size_t nb = n / 8;
    for (size_t i = 0; i < nb; i++) {
        uint64_t k = ld64(s + 8 * i);
        k *= m, k ^= k >> r, k *= m;
        h ^= k, h *= m;
    }
    const uint8_t *t = (const uint8_t *)s + nb * 8;
    switch (n & 7) {
    case 7: h ^= (uint64_t)t[6] << 48; /* fall through */
    case 6: h ^= (uint64_t)t[5] << 40; /* fall through */
    case 5: h ^= (uint64_t)t[4] << 32; /* fall through */
    case 4: h ^= (uint64_t)t[3] << 24; /* fall through */
    case 3: h ^= (uint64_t)t[2] << 16; /* fall through */
    case 2: h ^= (uint64_t)t[1] << 8; /* fall through */
    case 1: h ^= t[0]; h *= m;
    }
    h ^= h >> r, h *= m, h ^= h >> r;
    return h;
}

uint64_t int_hash64(uint64_t x) { return fmix64(x ^ 0x4CF2D2BAAE6DA887ull); }
uint64_t int_hash64_raw(uint64_t x) { return fmix64(x); }
uint32_t int_hash32_raw(uint64_t x) { return int_hash32(x ^ 0x75D9543DE018BF45ull); }

uint32_t crc32c_u64(uint32_t crc, uint64_t v)
{
    for (int i = 0; i < 64; i++) {
        crc ^= (uint32_t)(v & 1);
        v >>= 1;
        crc = (crc & 1) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
    }
    return crc;
}

uint32_t int_hash32(uint64_t x)
{
    x ^= 0x75D9543DE018BF45ull;
    x = (~x) + (x << 18);
    x = x ^ ((x >> 31) | (x << 33));
    x = x * 21;
    x = x ^ ((x >> 11) | (x << 53));
    x = x + (x << 6);
    x = x ^ ((x >> 22) | (x << 42));
    return (uint32_t)x;
}

uint32_t murmur2_32(const char *s, size_t n, uint32_t seed)
{
    const uint32_t m = 0x5bd1e995;
    uint32_t h = seed ^ (uint32_t)n;
    size_t nb = n / 4;
    for (size_t i = 0; i < nb; i++) {
        uint32_t k = ld32(s + 4 * i);
        k *= m, k ^= k >> 24, k *= m;
        h *= m, h ^= k;
    }
    const uint8_t *t = (const uint8_t *)s + nb * 4;
    switch (n & 3) {
    case 3: h ^= (uint32_t)t[2] << 16; /* fall through */
    case 2: h ^= (uint32_t)t[1] << 8; /* fall through */
    case 1: h ^= t[0]; h *= m;
    }
    h ^= h >> 13, h *= m, h ^= h >> 15;
    return h;
}
