/* test_wire.c — the native protocol's byte level: CityHash128 v1.0.2
 * against the vectors of ../shared/spec/native-protocol.md §9.5, and
 * server/wire.c reading VarUInts, Strings and Data packets (plain and
 * compressed) when the bytes arrive one at a time or in odd pieces. */
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "server/native.h"
#include "server/wire.h"
#include "unit.h"

static size_t unhex(const char *h, char *out)
{
    size_t n = 0;
    for (; h[0] && h[1]; h += 2) {
        unsigned v;
        sscanf(h, "%2x", &v);
        out[n++] = (char)v;
    }
    return n;
}

static void test_cityhash(void)
{
    int failed = 0;
    static const struct { const char *hex; uint64_t lo, hi; } v[] = {
        {"82140000000a000000a0010002ffffffff000000", 0x7c7a5cd56cac83a7ull, 0x14e286dbbd46acb5ull},
        {"821d00000012000000f003010002ffffffff00010001310555496e7438", 0xeb437a3fbd4502e8ull, 0xaf82ba6d15b7df3full},
        {"901c0000000a00000028b52ffd200a510000010002ffffffff000000", 0xf9824e8d7cd4ce90ull, 0xd238bcd384fbb0aeull},
        {"82840000008f000000f207010002ffffffff0005020269640655496e7436340100010012020700f3230004"
         "6e616d6506537472696e670161026262016404446174655647e5480176114e756c6c61626c6528466c6f61"
         "7436342900410023f83f4100f40300036172720c417272617928496e743332295b00040800800100000002"
         "000000", 0x15965b636ac8635cull, 0x00db3931f9953bccull},
        {"82c8000000bd000000f0ae010002ffffffff00013c017306537472696e67013001310132013301340135013601"
         "3701380139023130023131023132023133023134023135023136023137023138023139023230023231023232"
         "023233023234023235023236023237023238023239023330023331023332023333023334023335023336023337"
         "023338023339023430023431023432023433023434023435023436023437023438023439023530023531023532"
         "023533023534023535023536023537023538023539", 0xbf82dcacc4fd1a43ull, 0x34504479f3b3d1bbull},
        {"02130000000a000000010002ffffffff000000", 0x00e969c1a18994bbull, 0x74646a9568f1afecull},
        {"020a0000000100000001", 0x44de969a62d27470ull, 0x2e46b9447ae49a3bull},
        {"020c000000030000000002ff", 0x0ed2dcaf1e856757ull, 0x1a45b32aa4461e01ull},
        {"020f00000006000000ffffff000000", 0xfb886e909da0b7a1ull, 0x091132d873dc506aull},
    };
    char buf[512];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        size_t n = unhex(v[i].hex, buf);
        U128 h = cityhash128(buf, n);
        CHECK(h.lo == v[i].lo && h.hi == v[i].hi);
    }
    U128 e = cityhash128("", 0), a = cityhash128("abcdefgh", 8);
    CHECK(e.lo == 0x3df09dfc64c09a2bull && e.hi == 0x3cb540c392e51e29ull);
    CHECK(a.lo == 0x4ba34274d268afb4ull && a.hi == 0xfb0ea90987f10634ull);
    report("cityhash128_v102_vectors", failed);
}

/* A byte source that hands out at most `step` bytes per call. */
typedef struct Feed { const char *p; size_t n, pos, step; } Feed;

static ssize_t feed_recv(void *ctx, void *dst, size_t cap)
{
    Feed *f = ctx;
    size_t k = f->n - f->pos;
    if (k > f->step) k = f->step;
    if (k > cap) k = cap;
    memcpy(dst, f->p + f->pos, k);
    f->pos += k;
    return (ssize_t)k;
}

static void wire_over(Wire *w, Feed *f, const Buf *b, size_t step)
{
    *f = (Feed){b->data, b->len, 0, step};
    wire_init(w, -1);
    w->recv = feed_recv;
    w->recv_ctx = f;
}

static void test_wire_framing(void)
{
    int failed = 0;
    Buf b = {0};
    buf_put_varint(&b, 0);
    buf_put_varint(&b, 300);
    buf_put_varint(&b, UINT64_MAX);
    wire_put_str(&b, "hello");
    wire_put_str(&b, "");
    for (size_t step = 1; step <= 7; step += 3) {
        Wire w;
        Feed f;
        wire_over(&w, &f, &b, step);
        Arena a;
        arena_init(&a);
        uint64_t x = 1, y = 0, z = 0;
        char *s1 = NULL, *s2 = NULL;
        Err err;
        CHECK(wire_varint(&w, &x, &err) == 0 && x == 0);
        CHECK(wire_varint(&w, &y, &err) == 0 && y == 300);
        CHECK(wire_varint(&w, &z, &err) == 0 && z == UINT64_MAX);
        CHECK(wire_str(&w, &a, 100, &s1, NULL, &err) == 0 && !strcmp(s1, "hello"));
        CHECK(wire_str(&w, &a, 100, &s2, NULL, &err) == 0 && !strcmp(s2, ""));
        CHECK(wire_varint(&w, &x, &err) == ERR_NETWORK_ERROR);   /* the end of the bytes */
        arena_free(&a);
        wire_free(&w);
    }
    /* a String longer than allowed fails before anything is allocated */
    Buf big = {0};
    buf_put_varint(&big, 1u << 30);
    Wire w;
    Feed f;
    wire_over(&w, &f, &big, 1);
    Arena a;
    arena_init(&a);
    char *s;
    Err err;
    CHECK(wire_str(&w, &a, 1 << 20, &s, NULL, &err) == ERR_TOO_LARGE_STRING_SIZE);
    /* an over-long VarUInt */
    Buf longv = {0};
    for (int i = 0; i < 11; i++) buf_putc(&longv, (char)0x80);
    wire_over(&w, &f, &longv, 3);
    uint64_t v;
    CHECK(wire_varint(&w, &v, &err) == ERR_INCORRECT_DATA);
    arena_free(&a);
    buf_free(&big), buf_free(&longv), buf_free(&b);
    report("wire_varint_string_partial_reads", failed);
}

/* A Data packet with a block of two columns, plain and LZ4-compressed, read back in pieces. */
static void test_wire_blocks(void)
{
    int failed = 0;
    const DataType *types[2] = {type_basic(TYPE_UINT32), type_basic(TYPE_STRING)};
    char *names[2] = {"id", "s"};
    Chunk *ch = chunk_new(2, 3);
    ch->cols[0] = col_new(types[0]);
    ch->cols[1] = col_new(types[1]);
    for (uint32_t i = 0; i < 3; i++) {
        uint32_t v = i * 7;
        col_push_fixed(ch->cols[0], &v);
        col_push_str(ch->cols[1], i == 1 ? "" : "abc", i == 1 ? 0 : 3);
    }
    for (int compress = 0; compress < 2; compress++) {
        /* what a sender writes: the block, then the empty block */
        Wire out;
        wire_init(&out, -1);
        out.compress = compress;
        Buf sent = {0};
        for (int k = 0; k < 2; k++) {
            buf_put_varint(&out.out, 2);
            wire_put_str(&out.out, "");
            Buf raw = {0};
            native_write_block(&raw, 2, names, types, k ? NULL : ch);
            Err err;
            if (compress) codec_compress(&out.chain, raw.data, raw.len, &out.out, &err);
            else buf_put(&out.out, raw.data, raw.len);
            buf_free(&raw);
        }
        buf_put(&sent, out.out.data, out.out.len);
        wire_free(&out);
        for (size_t step = 1; step <= 64; step *= 4) {
            Wire w;
            Feed f;
            wire_over(&w, &f, &sent, step);
            w.compress = compress;
            Arena a;
            arena_init(&a);
            Err err;
            uint64_t type = 0;
            char *table, **n;
            const DataType **t;
            Chunk *got = NULL, *end = (Chunk *)1;
            CHECK(wire_varint(&w, &type, &err) == 0 && type == 2);
            CHECK(wire_read_block(&w, compress, &a, &table, &got, &n, &t, &err) == 0);
            CHECK(got && got->rows == 3 && got->ncols == 2 && !strcmp(n[0], "id") && !strcmp(n[1], "s"));
            if (got && got->rows == 3) {
                size_t l1, l2;
                col_str(got->cols[1], 1, &l1);
                const char *s2 = col_str(got->cols[1], 2, &l2);
                CHECK(COL_DATA(got->cols[0], uint32_t)[2] == 14);
                CHECK(l1 == 0 && l2 == 3 && !memcmp(s2, "abc", 3));
            }
            CHECK(wire_varint(&w, &type, &err) == 0 && type == 2);
            CHECK(wire_read_block(&w, compress, &a, &table, &end, &n, &t, &err) == 0 && end == NULL);
            chunk_free(got);
            arena_free(&a);
            wire_free(&w);
        }
        buf_free(&sent);
    }
    chunk_free(ch);
    report("wire_data_packets_plain_and_lz4", failed);
}

void test_wire(void)
{
    test_cityhash();
    test_wire_framing();
    test_wire_blocks();
}
