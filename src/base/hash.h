/* hash.h — the hash functions ClickHouse exposes and uses on disk/wire,
 * bit-exact: CityHash v1.0.2 (64 and 128 bit; the 128-bit one checksums
 * compressed blocks), SipHash-2-4, MurmurHash3 (x86_32, x64_128),
 * MurmurHash2_64, and ClickHouse's intHash32 / intHash64 integer mixers.
 * xxHash comes from the system libxxhash. */
#ifndef BASALT_HASH_H
#define BASALT_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct U128 { uint64_t lo, hi; } U128;

uint64_t cityhash64(const char *s, size_t n);
uint64_t cityhash64_with_seed(const char *s, size_t n, uint64_t seed);
U128 cityhash128(const char *s, size_t n);
/* The seeded core of CityHash128 (no seeding step): ClickHouse chains it
 * over 2048-byte chunks to hash whole files. */
U128 cityhash128_with_seed(const char *s, size_t n, uint64_t seed_lo, uint64_t seed_hi);
uint64_t cityhash_128to64(uint64_t lo, uint64_t hi);

uint64_t siphash64(const char *s, size_t n);
/* ClickHouse's 128-bit SipHash (sipHash128, uniqExact keys): the 2-4 rounds of
 * siphash64 with the state folded as lo = v0^v1, hi = v2^v3. */
U128 siphash128(const char *s, size_t n);
/* Hash of two 64-bit values (how multi-argument sipHash64 combines). */
uint64_t siphash64_pair(uint64_t a, uint64_t b);

void murmur3_x64_128(const char *s, size_t n, uint32_t seed, uint64_t out[2]);
uint32_t murmur3_x86_32(const char *s, size_t n, uint32_t seed);
uint64_t murmur2_64(const char *s, size_t n, uint64_t seed);
uint32_t murmur2_32(const char *s, size_t n, uint32_t seed);

/* intHash64 / intHash32 (salted, as ClickHouse's IntHash64Impl / IntHash32Impl). */
uint64_t int_hash64(uint64_t x);
uint32_t int_hash32(uint64_t x);
/* The unsalted 64-bit mixer under intHash64 (ClickHouse's DefaultHash64). */
uint64_t int_hash64_raw(uint64_t x);
/* The unsalted intHash32 mixer (ClickHouse's IntHash32<UInt64>). */
uint32_t int_hash32_raw(uint64_t x);
/* CRC-32C (Castagnoli) of one little-endian UInt64, no final inversion, as
 * the SSE4.2 crc32 instruction computes it (ClickHouse's intHashCRC32). */
uint32_t crc32c_u64(uint32_t crc, uint64_t v);

#endif
