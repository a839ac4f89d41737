/* agg_groups.c — the group tables of hash aggregation; see agg_groups.h.
 *
 * Three table shapes, open addressing, grown at 3/4 load, one probe = one
 * slot with key and group side by side:
 *   - one integer-like key (up to 8 bytes): its 64 bits;
 *   - two to eight integer-like keys of 16 bytes in all: packed into 128 bits;
 *   - anything else: the keys' bytes (col_serialize_key; a single String key
 *     is its own bytes), stored after the group's state block; the slot has
 *     32 bits of their hash, compared before the bytes.
 * groups_assign first extracts every row's key and hash, then probes, each
 * probe prefetching the slot of the row PREFETCH ahead (byte keys: the slot
 * 2 x PREFETCH ahead, then the key of the slot fetched before): a big table
 * misses cache on nearly every probe, and this overlaps the misses.
 */
#include "agg_groups.h"

#include <string.h>

#include "../base/mem.h"
#include "../base/strsearch.h"

#define PREFETCH 8
#define GOLDEN 0x9E3779B97F4A7C15ull

/* Slots hold the group's state block itself (NULL = empty): a probe that
 * finds its key has the states without another lookup. A byte key is
 * stored right after its block (KEY_AT), so comparing it brings the states
 * into cache too: a hit costs two cache misses, not three. */
struct GroupSlot {
    uint32_t tag;          /* the hash's low 32 bits (tables stay below 2^32 slots) */
    uint32_t key_len;
    char *blk;
};

#define KEY_AT(x, sh) ((const char *)(x)->blk + (sh)->block_size)

struct NumSlot {
    uint64_t key;
    char *blk;
};

struct PackSlot {
    uint64_t lo, hi;
    char *blk;
};

static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = GOLDEN ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    for (; i < n; i++) h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
    h ^= h >> 33;   /* low bits pick the slot, high bits the partition: mix both ways */
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

static inline uint64_t pack_hash(uint64_t lo, uint64_t hi) { return (lo ^ (hi * 0xC2B2AE3D27D4EB4Full)) * GOLDEN; }

/* Slot of a hash: bytes tables use its low bits, integer ones bits 20 and
 * up (the top bits choose the partition). */
static inline size_t int_slot(uint64_t h, size_t cap) { return (size_t)(h >> 20) & (cap - 1); }

/* ---- growth ---- */

/* Rehashes into ncap slots (a power of two above the groups held). */
static void rehash(GroupSet *g, const AggShape *sh, size_t ncap)
{
    if (sh->packed) {
        PackSlot *ns = mem_calloc(ncap * sizeof *ns);
        for (size_t i = 0; i < g->cap; i++) {
            if (!g->pack[i].blk) continue;
            size_t j = int_slot(pack_hash(g->pack[i].lo, g->pack[i].hi), ncap);
            while (ns[j].blk) j = (j + 1) & (ncap - 1);
            ns[j] = g->pack[i];
        }
        if (g->cap) mem_free(g->pack, g->cap * sizeof *g->pack);
        g->pack = ns;
    } else if (sh->num_w) {
        NumSlot *ns = mem_calloc(ncap * sizeof *ns);
        for (size_t i = 0; i < g->cap; i++) {
            if (!g->num[i].blk) continue;
            size_t j = int_slot(g->num[i].key * GOLDEN, ncap);
            while (ns[j].blk) j = (j + 1) & (ncap - 1);
            ns[j] = g->num[i];
        }
        if (g->cap) mem_free(g->num, g->cap * sizeof *g->num);
        g->num = ns;
    } else {
        GroupSlot *ns = mem_calloc(ncap * sizeof *ns);
        for (size_t i = 0; i < g->cap; i++) {
            if (!g->slot[i].blk) continue;
            size_t j = g->slot[i].tag & (ncap - 1);
            while (ns[j].blk) j = (j + 1) & (ncap - 1);
            ns[j] = g->slot[i];
        }
        if (g->cap) mem_free(g->slot, g->cap * sizeof *g->slot);
        g->slot = ns;
    }
    g->cap = ncap;
}

static void grow(GroupSet *g, const AggShape *sh) { rehash(g, sh, g->cap ? g->cap * 2 : 256); }

void groupset_reserve(GroupSet *g, const AggShape *sh, size_t groups)
{
    if (sh->nkeys == 0 || (groups + 1) * 4 <= g->cap * 3) return;
    size_t ncap = g->cap ? g->cap : 256;
    while ((groups + 1) * 4 > ncap * 3) ncap *= 2;
    rehash(g, sh, ncap);
}

char *groupset_add(GroupSet *g, const AggShape *sh, bool init);
static char *groupset_add_keyed(GroupSet *g, const AggShape *sh, bool init, const char *k, size_t n);

/* ---- find or insert: the group's block; *fresh when created here ---- */

static char *add_block(GroupSet *g, const AggShape *sh, bool init, char *blk);

/* A new group's block: adopt (another set's block, its key after it) or a new one. */
static inline char *new_group(GroupSet *g, const AggShape *sh, bool init, char *adopt)
{
    return adopt ? add_block(g, sh, false, adopt) : groupset_add(g, sh, init);
}

static inline char *find_num(GroupSet *g, const AggShape *sh, bool init, char *adopt, uint64_t v, uint64_t h, bool *fresh)
{
    size_t j = int_slot(h, g->cap);
    while (g->num[j].blk) {
        if (g->num[j].key == v) {
            *fresh = false;
            return g->num[j].blk;
        }
        j = (j + 1) & (g->cap - 1);
    }
    g->num[j].key = v;
    g->used++;
    *fresh = true;
    return g->num[j].blk = new_group(g, sh, init, adopt);
}

static inline char *find_pack(GroupSet *g, const AggShape *sh, bool init, char *adopt, uint64_t lo, uint64_t hi, uint64_t h, bool *fresh)
{
    size_t j = int_slot(h, g->cap);
    while (g->pack[j].blk) {
        if (g->pack[j].lo == lo && g->pack[j].hi == hi) {
            *fresh = false;
            return g->pack[j].blk;
        }
        j = (j + 1) & (g->cap - 1);
    }
    g->pack[j].lo = lo;
    g->pack[j].hi = hi;
    g->used++;
    *fresh = true;
    return g->pack[j].blk = new_group(g, sh, init, adopt);
}

static inline char *find_bytes(GroupSet *g, const AggShape *sh, bool init, char *adopt, const char *k, size_t n, uint64_t h, bool *fresh)
{
    size_t j = h & (g->cap - 1);
    uint32_t tag = (uint32_t)h;
    while (g->slot[j].blk) {
        GroupSlot *x = &g->slot[j];
        if (x->tag == tag && x->key_len == n && str_eq(KEY_AT(x, sh), k, n)) {
            *fresh = false;
            return x->blk;
        }
        j = (j + 1) & (g->cap - 1);
    }
    GroupSlot *x = &g->slot[j];
    x->tag = tag;
    x->key_len = (uint32_t)n;
    g->used++;
    *fresh = true;
    return x->blk = adopt ? add_block(g, sh, false, adopt) : groupset_add_keyed(g, sh, init, k, n);
}

/* ---- sets ---- */

void groupset_init(GroupSet *g, const AggShape *sh)
{
    memset(g, 0, sizeof *g);
    arena_init(&g->arena);
    g->key_cols = mem_calloc(sizeof *g->key_cols * (size_t)(sh->nkeys ? sh->nkeys : 1));
    for (int k = 0; k < sh->nkeys; k++) g->key_cols[k] = col_new(sh->key_types[k]);
}

void groupset_free(GroupSet *g, const AggShape *sh)
{
    for (size_t i = 0; i < g->n; i++)
        for (int a = 0; a < sh->naggs && g->states[i]; a++) agg_destroy(sh->aggs[a].call, g->states[i] + sh->offs[a]);
    if (g->states) mem_free(g->states, g->capn * sizeof *g->states);
    if (g->cap && sh->packed) mem_free(g->pack, g->cap * sizeof *g->pack);
    else if (g->cap && sh->num_w) mem_free(g->num, g->cap * sizeof *g->num);
    else if (g->cap) mem_free(g->slot, g->cap * sizeof *g->slot);
    if (g->key_cols) {
        for (int k = 0; k < sh->nkeys; k++) col_unref(g->key_cols[k]);
        mem_free(g->key_cols, sizeof *g->key_cols * (size_t)(sh->nkeys ? sh->nkeys : 1));
    }
    arena_free(&g->arena);
    memset(g, 0, sizeof *g);
}

/* Registers blk as the next group's block, initialising its states when init. */
static char *add_block(GroupSet *g, const AggShape *sh, bool init, char *blk)
{
    if (g->n == g->capn) {
        size_t cap = g->capn ? g->capn * 2 : 64;
        g->states = mem_realloc(g->states, g->capn * sizeof *g->states, cap * sizeof *g->states);
        g->capn = cap;
    }
    for (int i = 0; i < sh->naggs && init; i++) agg_init(sh->aggs[i].call, blk + sh->offs[i]);
    g->states[g->n++] = blk;
    return blk;
}

char *groupset_add(GroupSet *g, const AggShape *sh, bool init) { return add_block(g, sh, init, arena_alloc(&g->arena, sh->block_size)); }

/* A block with the key's n bytes stored right after it (see KEY_AT). */
static char *groupset_add_keyed(GroupSet *g, const AggShape *sh, bool init, const char *k, size_t n)
{
    char *p = arena_alloc(&g->arena, sh->block_size + n);
    memcpy(p + sh->block_size, k, n);
    return add_block(g, sh, init, p);
}

/* ---- assignment ---- */

/* Every row's key in the shape's form, and its hash. */
typedef struct RowKeys {
    uint64_t *h;
    uint64_t *a, *b;       /* integer key / packed (lo, hi) */
    const char **p;        /* byte keys */
    size_t *n;
    Buf bytes;
} RowKeys;

static const Column *plain(const Column *c) { return c->type->kind == TYPE_LOWCARDINALITY ? c->sub[0] : c; }

static void row_keys(const AggShape *sh, Column **kc, size_t rows, RowKeys *k)
{
    memset(k, 0, sizeof *k);
    k->h = mem_alloc(sizeof *k->h * rows);
    if (sh->packed) {
        k->a = mem_alloc(sizeof *k->a * rows);
        k->b = mem_alloc(sizeof *k->b * rows);
        const Column *pc[8];
        for (int i = 0; i < sh->nkeys; i++) pc[i] = plain(kc[i]);
        for (size_t r = 0; r < rows; r++) {
            unsigned char b[16] = {0};
            int at = 0;
            for (int i = 0; i < sh->nkeys; i++) {
                if (!sh->pack_w[i]) continue;
                uint64_t v = col_int_bits(pc[i], r, sh->pack_w[i]);
                memcpy(b + at, &v, (size_t)sh->pack_w[i]);
                at += sh->pack_w[i];
            }
            memcpy(&k->a[r], b, 8);
            memcpy(&k->b[r], b + 8, 8);
            k->h[r] = pack_hash(k->a[r], k->b[r]);
        }
    } else if (sh->num_w) {
        k->a = mem_alloc(sizeof *k->a * rows);
        const Column *c = plain(kc[sh->num_key]);
        for (size_t r = 0; r < rows; r++) {
            k->a[r] = col_int_bits(c, r, sh->num_w);
            k->h[r] = k->a[r] * GOLDEN;
        }
    } else {
        k->p = mem_alloc(sizeof *k->p * rows);
        k->n = mem_alloc(sizeof *k->n * rows);
        if (sh->str_key) {
            const Column *c = plain(kc[0]);
            for (size_t r = 0; r < rows; r++) k->p[r] = col_str(c, r, &k->n[r]);
        } else {
            for (size_t r = 0; r < rows; r++) {
                k->n[r] = k->bytes.len;   /* the offset, for now */
                for (int i = 0; i < sh->nkeys; i++)
                    if (!sh->dep || !sh->dep[i]) col_serialize_key(kc[i], r, &k->bytes);
            }
            for (size_t r = 0; r < rows; r++) {
                size_t end = r + 1 < rows ? k->n[r + 1] : k->bytes.len;
                k->p[r] = k->bytes.data + k->n[r];
                k->n[r] = end - k->n[r];
            }
        }
        for (size_t r = 0; r < rows; r++) k->h[r] = hash_bytes(k->p[r], k->n[r]);
    }
}

static void row_keys_free(RowKeys *k, size_t rows)
{
    mem_free(k->h, sizeof *k->h * rows);
    if (k->a) mem_free(k->a, sizeof *k->a * rows);
    if (k->b) mem_free(k->b, sizeof *k->b * rows);
    if (k->p) mem_free(k->p, sizeof *k->p * rows);
    if (k->n) mem_free(k->n, sizeof *k->n * rows);
    buf_free(&k->bytes);
}

/* Row r has the key of row r - 1 (hashes already equal). */
static inline bool same_key(const AggShape *sh, const RowKeys *k, size_t r)
{
    if (sh->packed) return k->a[r] == k->a[r - 1] && k->b[r] == k->b[r - 1];
    if (sh->num_w) return k->a[r] == k->a[r - 1];
    return k->n[r] == k->n[r - 1] && memcmp(k->p[r], k->p[r - 1], k->n[r]) == 0;
}

void groups_assign(const AggShape *sh, GroupSet *parts, int nparts, int only, Column **kc, size_t rows, char **rs, uint8_t *fresh,
                   bool init, char **adopt)
{
    if (!rows) return;
    RowKeys k;
    row_keys(sh, kc, rows, &k);
    int pbits = 0;
    while ((1 << pbits) < nparts) pbits++;
#define PART_OF(r) (only >= 0 ? only : pbits ? (int)(k.h[r] >> (64 - pbits)) : 0)
    bool bytes = !sh->packed && !sh->num_w;
    /* bytes: slot, then key, each PREFETCH ahead; one integer key: a probe is
     * cheap, so further ahead (measured: packed keys do worse that far) */
    size_t ahead = bytes || sh->num_w ? 2 * PREFETCH : PREFETCH;
    for (size_t r = 0; r < rows; r++) {
        if (r + ahead < rows) {
            const GroupSet *pg = &parts[PART_OF(r + ahead)];
            uint64_t ph = k.h[r + ahead];
            if (pg->cap) __builtin_prefetch(sh->packed ? (const void *)&pg->pack[int_slot(ph, pg->cap)]
                                            : sh->num_w ? (const void *)&pg->num[int_slot(ph, pg->cap)]
                                                        : (const void *)&pg->slot[ph & (pg->cap - 1)]);
        }
        if (bytes && r + PREFETCH < rows) {   /* that slot has arrived by now: fetch its key (and states) */
            const GroupSet *pg = &parts[PART_OF(r + PREFETCH)];
            uint64_t ph = k.h[r + PREFETCH];
            if (pg->cap) {
                const GroupSlot *x = &pg->slot[ph & (pg->cap - 1)];
                if (x->blk && x->tag == (uint32_t)ph) __builtin_prefetch(KEY_AT(x, sh));
            }
        }
        if (r && k.h[r] == k.h[r - 1] && same_key(sh, &k, r)) {   /* a run of one key (sorted data) */
            rs[r] = rs[r - 1];
            if (fresh) fresh[r] = 0;
            continue;
        }
        GroupSet *g = &parts[PART_OF(r)];
        if ((g->used + 1) * 4 > g->cap * 3) grow(g, sh);
        bool is_new;
        char *ad = adopt ? adopt[r] : NULL;
        rs[r] = sh->packed ? find_pack(g, sh, init, ad, k.a[r], k.b[r], k.h[r], &is_new)
                : sh->num_w ? find_num(g, sh, init, ad, k.a[r], k.h[r], &is_new)
                            : find_bytes(g, sh, init, ad, k.p[r], k.n[r], k.h[r], &is_new);
        if (is_new)
            for (int i = 0; i < sh->nkeys; i++)
                if (!sh->dep || !sh->dep[i]) col_push_from(g->key_cols[i], kc[i], r);   /* dependent keys: computed on output */
        if (fresh) fresh[r] = is_new;
    }
#undef PART_OF
    row_keys_free(&k, rows);
}
