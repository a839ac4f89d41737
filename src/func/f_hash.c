/* f_hash.c — hash functions: cityHash64, sipHash64, xxHash64, xxHash32,
 * murmurHash3_64/32, murmurHash2_64/32, intHash32/64, javaHash, hiveHash.
 *
 * The "any hash" functions take any number of arguments of any type and
 * follow ClickHouse's FunctionAnyHash bit for bit: a value's bytes are hashed
 * (cityHash64 instead mixes values of at most 8 bytes with intHash64), an
 * array hashes as intHash(length) combined with each element's hash, tuples
 * and maps flatten into the argument chain, and successive hashes are
 * combined with the function's own combiner. Primitives live in base/hash.c.
 */
#include <string.h>
#include <xxhash.h>

#include "../base/hash.h"
#include "../base/mem.h"
#include "func.h"

typedef struct HashImpl {
    const char *name;
    bool is32;        /* UInt32 result */
    bool int_hash;    /* values of <= 8 bytes go through intHash64 */
    uint64_t (*apply)(const char *s, size_t n);
    uint64_t (*combine)(uint64_t h1, uint64_t h2);
} HashImpl;

static uint64_t ap_city(const char *s, size_t n) { return cityhash64(s, n); }
static uint64_t ap_sip(const char *s, size_t n) { return siphash64(s, n); }
static uint64_t ap_xx64(const char *s, size_t n) { return XXH64(s, n, 0); }
static uint64_t ap_xx32(const char *s, size_t n) { return XXH32(s, n, 0); }
static uint64_t ap_mm3_32(const char *s, size_t n) { return murmur3_x86_32(s, n, 0); }
static uint64_t ap_mm2_64(const char *s, size_t n) { return murmur2_64(s, n, 0); }
static uint64_t ap_mm2_32(const char *s, size_t n) { return murmur2_32(s, n, 0); }

static uint64_t ap_mm3_64(const char *s, size_t n)
{
    uint64_t h[2];
    murmur3_x64_128(s, n, 0, h);
    return h[0] ^ h[1];
}

static uint64_t cb_city(uint64_t a, uint64_t b) { return cityhash_128to64(a, b); }
static uint64_t cb_sip(uint64_t a, uint64_t b) { return siphash64_pair(a, b); }
static uint64_t cb_int64(uint64_t a, uint64_t b) { return int_hash64(a) ^ b; }
static uint64_t cb_int32(uint64_t a, uint64_t b) { return (uint32_t)(int_hash32(a) ^ b); }

static const HashImpl IMPLS[] = {
    {"cityHash64", false, true, ap_city, cb_city},
    {"sipHash64", false, false, ap_sip, cb_sip},
    {"xxHash64", false, false, ap_xx64, cb_city},
    {"xxHash32", true, false, ap_xx32, cb_int32},
    {"murmurHash3_64", false, false, ap_mm3_64, cb_int64},
    {"murmurHash3_32", true, false, ap_mm3_32, cb_int32},
    {"murmurHash2_64", false, false, ap_mm2_64, cb_int64},
    {"murmurHash2_32", true, false, ap_mm2_32, cb_int32},
    {NULL, false, false, NULL, NULL},
};

static const HashImpl *impl_of(const char *name)
{
    for (const HashImpl *h = IMPLS; h->name; h++)
        if (!strcmp(h->name, name)) return h;
    return NULL;
}

/* True if ClickHouse can hash values of type t (nested Nullable inside
 * arrays/tuples is not supported here). */
static bool hashable(const DataType *t)
{
    switch (t->kind) {
    case TYPE_NULLABLE: case TYPE_LOWCARDINALITY: case TYPE_NOTHING:
    case TYPE_INTERVAL:
        return false;
    case TYPE_ARRAY: return hashable(t->sub[0]);
    case TYPE_MAP: return hashable(t->sub[0]) && hashable(t->sub[1]);
    case TYPE_TUPLE:
        for (int i = 0; i < t->nsub; i++)
            if (!hashable(t->sub[i])) return false;
        return true;
    default: return t->size > 0 || t->kind == TYPE_STRING || t->kind == TYPE_FIXEDSTRING;
    }
}

static int anyhash_resolve(FuncCall *fc, Err *err)
{
    const HashImpl *h = impl_of(fc->def->name);
    for (int i = 0; i < fc->nargs; i++) {
        const DataType *t = fc->types[i];
        if (!hashable(t)) {
            if (t->kind != TYPE_ARRAY && t->kind != TYPE_TUPLE && t->kind != TYPE_MAP) return fn_err_arg_type(fc, i, err);
            return err_set(err, ERR_NOT_IMPLEMENTED, "%s of nested Nullable or LowCardinality values is not supported",
                           fc->def->name);
        }
    }
    fc->state = (void *)h;
    fc->ret = type_basic(h->is32 ? TYPE_UINT32 : TYPE_UINT64);
    return 0;
}

static inline void put(const HashImpl *h, uint64_t *to, size_t i, uint64_t v, bool first)
{
    to[i] = first ? v : h->combine(to[i], v);
}

static uint64_t int_mix(const HashImpl *h, uint64_t v) { return h->is32 ? int_hash32(v) : int_hash64(v); }

static void hash_into(const HashImpl *h, const Column *c, uint64_t *to, size_t rows, bool *first);

static void hash_array(const HashImpl *h, const Column *c, uint64_t *to, size_t rows, bool first)
{
    const Column *nested = c->sub[0];
    uint64_t *tmp = mem_alloc((nested->rows + 1) * sizeof(uint64_t));
    bool nfirst = true;
    hash_into(h, nested, tmp, nested->rows, &nfirst);
    for (size_t i = 0; i < rows; i++) {
        uint64_t b = col_off_begin(c, i), e = col_off_end(c, i);
        /* not the first argument: the running hash absorbs the length, then each element */
        uint64_t v = first ? int_mix(h, e - b) : h->combine(to[i], int_mix(h, e - b));
        for (uint64_t j = b; j < e; j++) v = h->combine(v, tmp[j]);
        to[i] = v;
    }
    mem_free(tmp, (nested->rows + 1) * sizeof(uint64_t));
}

static void hash_fixed(const HashImpl *h, const Column *c, uint64_t *to, size_t rows, bool first)
{
    int sz = c->type->kind == TYPE_FIXEDSTRING ? c->type->p1 : c->type->size;
    const char *d = (const char *)c->data.data;
    bool mix = h->int_hash && c->type->kind != TYPE_FIXEDSTRING && !type_is_decimal(c->type) && sz <= 8;
    for (size_t i = 0; i < rows; i++) {
        uint64_t v;
        if (mix) {
            uint64_t bits = 0;
            memcpy(&bits, d + i * (size_t)sz, (size_t)sz);
            v = int_mix(h, bits);
        } else {
            v = h->apply(d + i * (size_t)sz, (size_t)sz);
        }
        put(h, to, i, v, first);
    }
}

/* Hashes `rows` rows of full column c into to[], combining unless *first. */
static void hash_into(const HashImpl *h, const Column *c, uint64_t *to, size_t rows, bool *first)
{
    switch (c->type->kind) {
    case TYPE_STRING:
        for (size_t i = 0; i < rows; i++) {
            size_t n;
            const char *s = col_str(c, i, &n);
            put(h, to, i, h->apply(s, n), *first);
        }
        break;
    case TYPE_ARRAY: case TYPE_MAP:
        if (c->type->kind == TYPE_MAP) {
            /* A map hashes as Array(Tuple(key, value)). */
            uint64_t *tmp = mem_alloc((c->sub[0]->rows + 1) * sizeof(uint64_t));
            bool nfirst = true;
            hash_into(h, c->sub[0], tmp, c->sub[0]->rows, &nfirst);
            hash_into(h, c->sub[1], tmp, c->sub[1]->rows, &nfirst);
            for (size_t i = 0; i < rows; i++) {
                uint64_t b = col_off_begin(c, i), e = col_off_end(c, i);
                uint64_t v = *first ? int_mix(h, e - b) : h->combine(to[i], int_mix(h, e - b));
                for (uint64_t j = b; j < e; j++) v = h->combine(v, tmp[j]);
                to[i] = v;
            }
            mem_free(tmp, (c->sub[0]->rows + 1) * sizeof(uint64_t));
        } else {
            hash_array(h, c, to, rows, *first);
        }
        break;
    case TYPE_TUPLE:
        for (int k = 0; k < c->nsub; k++) hash_into(h, c->sub[k], to, rows, first);
        return;
    default:
        hash_fixed(h, c, to, rows, *first);
        break;
    }
    *first = false;
}

static int anyhash_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const HashImpl *h = fc->state;
    uint64_t *to = mem_alloc((rows + 1) * sizeof(uint64_t));
    bool first = true;
    if (fc->nargs == 0)
        for (size_t i = 0; i < rows; i++) to[i] = 0xe28dbde7fe22e41cull;
    for (int a = 0; a < fc->nargs; a++) {
        Column *m = col_materialize(args[a]);
        hash_into(h, m, to, rows, &first);
        col_unref(m);
    }
    Column *r = fn_fixed(fc->ret, rows);
    if (h->is32) {
        uint32_t *p = (uint32_t *)(void *)r->data.data;
        for (size_t i = 0; i < rows; i++) p[i] = (uint32_t)to[i];
    } else {
        memcpy(r->data.data, to, rows * sizeof(uint64_t));
    }
    mem_free(to, (rows + 1) * sizeof(uint64_t));
    *out = r;
    return 0;
}

/* ---- intHash32 / intHash64 ---- */

static int inthash_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (!type_is_int(t) || t->size > 8) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(!strcmp(fc->def->name, "intHash32") ? TYPE_UINT32 : TYPE_UINT64);
    return 0;
}

static int inthash_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *c = args[0];
    bool is32 = fc->ret->kind == TYPE_UINT32;
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        int64_t v = col_get_i64(c, i);
        uint64_t bits = (uint64_t)v;   /* signed values sign-extend, as a C++ conversion to UInt64 */
        if (is32) ((uint32_t *)(void *)r->data.data)[i] = int_hash32(bits);
        else ((uint64_t *)(void *)r->data.data)[i] = int_hash64(bits);
    }
    *out = r;
    return 0;
}

/* ---- javaHash / hiveHash (strings) ---- */

static int jhash_resolve(FuncCall *fc, Err *err)
{
    if (fc->types[0]->kind != TYPE_STRING) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_INT32);
    return 0;
}

static int jhash_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool hive = !strcmp(fc->def->name, "hiveHash");
    Column *r = fn_fixed(fc->ret, rows);
    int32_t *p = (int32_t *)(void *)r->data.data;
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        uint32_t h = 0;
        for (size_t k = 0; k < n; k++) h = 31 * h + (uint32_t)(int32_t)(signed char)s[k];
        p[i] = hive ? (int32_t)(h & 0x7fffffffu) : (int32_t)h;
    }
    *out = r;
    return 0;
}

#define ANY(n) {n, 0, -1, FN_DEFAULT, anyhash_resolve, anyhash_exec, NULL}

const FuncDef FUNCS_hash[] = {
    ANY("cityHash64"), ANY("sipHash64"), ANY("xxHash64"), ANY("xxHash32"), ANY("murmurHash3_64"),
    ANY("murmurHash3_32"), ANY("murmurHash2_64"), ANY("murmurHash2_32"),
    {"intHash32", 1, 1, FN_DEFAULT, inthash_resolve, inthash_exec, NULL},
    {"intHash64", 1, 1, FN_DEFAULT, inthash_resolve, inthash_exec, NULL},
    {"javaHash", 1, 1, FN_DEFAULT, jhash_resolve, jhash_exec, NULL},
    {"hiveHash", 1, 1, FN_DEFAULT, jhash_resolve, jhash_exec, NULL},
    {0},
};
