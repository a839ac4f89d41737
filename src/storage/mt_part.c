/* mt_part.c — part names, meta.bin, loading and checking parts; see mt_part.h. */
#include "mt_part.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

#include "../base/mem.h"
#include "fs.h"
#include "mt_condcache.h"
#include "mt_serial.h"

#define META_MAGIC "BSLTPART"
#define META_VERSION 3   /* 3 added column stats; 2 is still read */
#define MAX_META_BYTES (64u << 20)
#define MAX_PK_BYTES (1u << 30)

/* ---- names ---- */

static bool parse_i64(const char *s, size_t n, int64_t *v)
{
    if (n == 0 || n > 19) return false;
    int64_t r = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || r > (INT64_MAX - (s[i] - '0')) / 10) return false;
        r = r * 10 + (s[i] - '0');
    }
    *v = r;
    return true;
}

bool mt_part_name_parse(const char *s, MtPartName *out)
{
    const char *f[6];
    size_t len[6];
    int n = 0;
    const char *p = s;
    while (n < 6) {
        const char *u = strchr(p, '_');
        f[n] = p;
        len[n] = u ? (size_t)(u - p) : strlen(p);
        n++;
        if (!u) break;
        p = u + 1;
    }
    if (n < 4 || n > 5 || (n == 5 && strchr(f[4], '_'))) return false;
    if (len[0] == 0 || len[0] >= sizeof out->partition_id) return false;
    for (size_t i = 0; i < len[0]; i++) {
        char c = f[0][i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
    }
    int64_t lvl;
    memset(out, 0, sizeof *out);
    memcpy(out->partition_id, f[0], len[0]);
    if (!parse_i64(f[1], len[1], &out->min_block) || !parse_i64(f[2], len[2], &out->max_block) ||
        !parse_i64(f[3], len[3], &lvl) || lvl > 999999999 || out->min_block > out->max_block)
        return false;
    out->level = (uint32_t)lvl;
    if (n == 5 && !parse_i64(f[4], len[4], &out->mutation)) return false;
    return true;
}

void mt_part_name_format(const MtPartName *n, char *out, size_t cap)
{
    if (n->mutation)
        snprintf(out, cap, "%s_%lld_%lld_%u_%lld", n->partition_id, (long long)n->min_block, (long long)n->max_block, n->level,
                 (long long)n->mutation);
    else
        snprintf(out, cap, "%s_%lld_%lld_%u", n->partition_id, (long long)n->min_block, (long long)n->max_block, n->level);
}

bool mt_part_contains(const MtPartName *a, const MtPartName *b)
{
    if (strcmp(a->partition_id, b->partition_id)) return false;
    if (a->min_block > b->min_block || a->max_block < b->max_block) return false;
    if (a->level < b->level || a->mutation < b->mutation) return false;
    bool same_range = a->min_block == b->min_block && a->max_block == b->max_block;
    return same_range || a->level > b->level;
}

/* ---- meta.bin ---- */

static void put_u32(Buf *b, uint32_t v) { buf_put(b, &v, 4); }
static void put_u64(Buf *b, uint64_t v) { buf_put(b, &v, 8); }
static void put_str(Buf *b, const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    put_u32(b, n);
    buf_put(b, s, n);
}

/* Named (min, max) columns: the partition min/max index and column stats. */
static void put_named(Buf *out, char **names, Column **cols, int n)
{
    put_u32(out, (uint32_t)n);
    for (int i = 0; i < n; i++) {
        put_str(out, names[i]);
        put_str(out, cols[i]->type->name);
        mt_blob_put(cols[i], out);
    }
}

void mt_meta_encode(const MtPartName *name, const MtPartMeta *m, Buf *out)
{
    size_t start = out->len;
    buf_put(out, META_MAGIC, 8);
    put_u32(out, META_VERSION);
    char nm[256];
    mt_part_name_format(name, nm, sizeof nm);
    put_str(out, nm);
    put_u64(out, m->rows);
    put_u32(out, m->granularity);
    put_u32(out, m->marks);
    for (uint32_t g = 0; g + 1 < m->marks; g++) put_u32(out, m->granule_rows[g]);
    put_u64(out, m->create_time);
    put_u64(out, m->uncompressed_bytes);
    put_u32(out, m->flags);
    put_u32(out, m->ttl_min);
    put_u32(out, m->ttl_max);
    put_u32(out, (uint32_t)m->ncols);
    for (int i = 0; i < m->ncols; i++) {
        put_str(out, m->col_names[i]);
        put_str(out, m->col_types[i]->name);
    }
    put_u32(out, (uint32_t)m->npartition);
    for (int i = 0; i < m->npartition; i++) {
        put_str(out, m->partition[i]->type->name);
        mt_blob_put(m->partition[i], out);
    }
    put_named(out, m->minmax_names, m->minmax, m->nminmax);
    put_u32(out, (uint32_t)m->nfiles);
    for (int i = 0; i < m->nfiles; i++) {
        put_str(out, m->files[i].name);
        put_u64(out, m->files[i].size);
        put_u64(out, m->files[i].hash.lo);
        put_u64(out, m->files[i].hash.hi);
    }
    put_named(out, m->stat_names, m->stats, m->nstats);
    put_u64(out, XXH3_64bits(out->data + start, out->len - start));
}

static int get_u32(ByteSrc *s, uint32_t *v, Err *err) { return bs_read(s, v, 4, err); }
static int get_u64(ByteSrc *s, uint64_t *v, Err *err) { return bs_read(s, v, 8, err); }

static int get_str(ByteSrc *s, char **out, Err *err)
{
    uint32_t n;
    int rc = get_u32(s, &n, err);
    if (rc) return rc;
    if (n > (uint32_t)(s->end - s->p) || n > 65536) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: bad string");
    *out = xstrndup(s->p, n);
    s->p += n;
    return 0;
}

static int get_type(ByteSrc *s, const DataType **t, Err *err)
{
    char *name;
    int rc = get_str(s, &name, err);
    if (rc) return rc;
    rc = type_parse(name, t, err);
    free(name);
    if (rc) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: bad type");
    return 0;
}

int mt_meta_column(const MtPartMeta *m, const char *name)
{
    for (int k = 0; k < m->ncols; k++)
        if (!strcmp(m->col_names[k], name)) return k;
    return -1;
}

void mt_meta_free(MtPartMeta *m)
{
    for (int i = 0; i < m->ncols; i++) free(m->col_names[i]);
    free(m->col_names);
    free(m->col_types);
    for (int i = 0; i < m->npartition; i++) col_unref(m->partition[i]);
    free(m->partition);
    for (int i = 0; i < m->nminmax; i++) {
        col_unref(m->minmax[i]);
        free(m->minmax_names[i]);
    }
    free(m->minmax);
    free(m->minmax_names);
    for (int i = 0; i < m->nstats; i++) {
        col_unref(m->stats[i]);
        free(m->stat_names[i]);
    }
    free(m->stats);
    free(m->stat_names);
    for (int i = 0; i < m->nfiles; i++) free(m->files[i].name);
    free(m->files);
    free(m->granule_rows);
    memset(m, 0, sizeof *m);
}

/* put_named's section back: at most max entries of 2 rows each. */
static int get_named(ByteSrc *s, char ***names, Column ***cols, int *n, uint32_t max, const char *what, Err *err)
{
    uint32_t k;
    int rc = get_u32(s, &k, err);
    if (rc) return rc;
    if (k > max) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: bad %s", what);
    *cols = xcalloc(k + 1, sizeof **cols);
    *names = xcalloc(k + 1, sizeof **names);
    for (uint32_t i = 0; i < k; i++) {
        const DataType *t;
        if ((rc = get_str(s, &(*names)[i], err))) return rc;
        *n = (int)i + 1;
        if ((rc = get_type(s, &t, err)) || (rc = mt_blob_get(t, s, &(*cols)[i], err))) return rc;
        if ((*cols)[i]->rows != 2) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: bad %s", what);
    }
    return 0;
}

static int decode_body(ByteSrc *s, MtPartName *name, MtPartMeta *m, Err *err)
{
    uint32_t ver, n;
    char *nm = NULL;
    int rc = get_u32(s, &ver, err);
    if (!rc && ver > META_VERSION)
        rc = err_set(err, ERR_UNKNOWN_FORMAT_VERSION, "Part metadata version %u is newer than this basalt reads (%u)", ver, META_VERSION);
    if (!rc && ver < 2) rc = err_set(err, ERR_CORRUPTED_DATA, "Unsupported part metadata version %u", ver);
    if (!rc) rc = get_str(s, &nm, err);
    if (!rc && !mt_part_name_parse(nm, name)) rc = err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: bad part name");
    free(nm);
    if (!rc) rc = get_u64(s, &m->rows, err);
    if (!rc) rc = get_u32(s, &m->granularity, err);
    if (!rc) rc = get_u32(s, &m->marks, err);
    if (rc) return rc;
    if (m->marks == 0 || m->marks > m->rows + 1 || (size_t)(m->marks - 1) * 4 > (size_t)(s->end - s->p))
        return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: %llu rows in %u marks", (unsigned long long)m->rows, m->marks);
    m->granule_rows = xcalloc(m->marks, sizeof *m->granule_rows);
    uint64_t sum = 0;
    for (uint32_t g = 0; g + 1 < m->marks; g++) {
        if ((rc = get_u32(s, &m->granule_rows[g], err))) return rc;
        if (!m->granule_rows[g]) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: empty granule");
        sum += m->granule_rows[g];
    }
    if (sum != m->rows) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: granules do not add up to the rows");
    if ((rc = get_u64(s, &m->create_time, err)) || (rc = get_u64(s, &m->uncompressed_bytes, err))) return rc;
    if ((rc = get_u32(s, &m->flags, err)) || (rc = get_u32(s, &m->ttl_min, err)) || (rc = get_u32(s, &m->ttl_max, err))) return rc;
    if (m->flags & ~MT_PART_COMPACT) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: unknown flags");
    if ((rc = get_u32(s, &n, err))) return rc;
    if (n > 10000) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: %u columns", n);
    m->col_names = xcalloc(n + 1, sizeof *m->col_names);
    m->col_types = xcalloc(n + 1, sizeof *m->col_types);
    for (uint32_t i = 0; i < n; i++) {
        if ((rc = get_str(s, &m->col_names[i], err))) return rc;
        m->ncols = (int)i + 1;
        if ((rc = get_type(s, &m->col_types[i], err))) return rc;
    }
    if ((rc = get_u32(s, &n, err))) return rc;
    if (n > 1000) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: bad partition key");
    m->partition = xcalloc(n + 1, sizeof *m->partition);
    for (uint32_t i = 0; i < n; i++) {
        const DataType *t;
        if ((rc = get_type(s, &t, err)) || (rc = mt_blob_get(t, s, &m->partition[i], err))) return rc;
        m->npartition = (int)i + 1;
        if (m->partition[i]->rows != 1) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: bad partition value");
    }
    if ((rc = get_named(s, &m->minmax_names, &m->minmax, &m->nminmax, 1000, "min/max index", err))) return rc;
    if ((rc = get_u32(s, &n, err))) return rc;
    if (n > MT_MAX_FILES) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: %u files", n);
    m->files = xcalloc(n + 1, sizeof *m->files);
    for (uint32_t i = 0; i < n; i++) {
        MtFileSum *f = &m->files[i];
        if ((rc = get_str(s, &f->name, err))) return rc;
        m->nfiles = (int)i + 1;
        if ((rc = get_u64(s, &f->size, err)) || (rc = get_u64(s, &f->hash.lo, err)) || (rc = get_u64(s, &f->hash.hi, err))) return rc;
        if (!f->name[0] || strchr(f->name, '/') || !strcmp(f->name, "..") || !strcmp(f->name, "."))
            return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: bad file name");
    }
    if (ver < 3) return 0;
    return get_named(s, &m->stat_names, &m->stats, &m->nstats, 10000, "column stats", err);
}

int mt_meta_decode(const char *data, size_t len, MtPartName *name, MtPartMeta *m, Err *err)
{
    memset(m, 0, sizeof *m);
    if (len < 16 || memcmp(data, META_MAGIC, 8) != 0) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: bad magic");
    uint64_t want;
    memcpy(&want, data + len - 8, 8);
    if (XXH3_64bits(data, len - 8) != want) return err_set(err, ERR_CHECKSUM_DOESNT_MATCH, "Checksum doesn't match: corrupted part metadata");
    ByteSrc s;
    bs_init_mem(&s, data + 8, len - 16);
    int rc = decode_body(&s, name, m, err);
    if (!rc && s.p != s.end) rc = err_set(err, ERR_CORRUPTED_DATA, "Corrupted part metadata: trailing bytes");
    if (rc) mt_meta_free(m);
    return rc;
}

/* ---- granules ---- */

static void push_granule(uint32_t rows, uint32_t **out, uint32_t *n, uint32_t *cap)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *out = xrealloc(*out, sizeof **out * *cap);
    }
    (*out)[(*n)++] = rows;
}

void mt_granules_for_block(uint64_t rows, uint64_t bytes, uint32_t granularity, uint64_t granularity_bytes, bool compact,
                           uint32_t *open, uint32_t **out, uint32_t *n, uint32_t *cap)
{
    /* rows per granule for this block: index_granularity, or fewer when
     * rows are wide (adaptive granularity), computed as ClickHouse does */
    uint64_t g = granularity ? granularity : 8192;
    if (granularity_bytes && rows) {
        uint64_t by_bytes;
        if (bytes >= granularity_bytes) by_bytes = rows / (bytes / granularity_bytes);
        else by_bytes = granularity_bytes / (bytes / rows ? bytes / rows : 1);
        if (by_bytes < 1) by_bytes = 1;
        if (by_bytes < g) g = by_bytes;
    }
    uint64_t cur = 0;
    if (!compact) {
        /* Wide: the last granule of the previous block is completed first */
        uint64_t take = *open < rows ? *open : rows;
        if (take) (*out)[*n - 1] += (uint32_t)take;
        *open -= (uint32_t)take;
        for (cur = take; cur < rows; cur += g) {
            uint64_t k = rows - cur < g ? rows - cur : g;
            push_granule((uint32_t)k, out, n, cap);
            *open = (uint32_t)(g - k);
        }
        return;
    }
    /* Compact: a short tail of a large block joins the previous granule */
    for (; cur < rows; cur += g) {
        uint64_t left = rows - cur, take = left < g ? left : g;
        if (left < g && rows >= g && *n && left * 2 < g) {
            (*out)[*n - 1] += (uint32_t)left;
            continue;
        }
        push_granule((uint32_t)take, out, n, cap);
    }
}

/* ---- parts in memory ---- */

static int64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int64_t)st.st_size : -1;
}

MtPart *mt_part_ref(MtPart *p)
{
    __atomic_add_fetch(&p->refs, 1, __ATOMIC_RELAXED);
    return p;
}

void mt_part_unref(MtPart *p)
{
    if (!p || __atomic_sub_fetch(&p->refs, 1, __ATOMIC_ACQ_REL) > 0) return;
    MemTracker *saved = mem_current;
    mem_current = NULL;
    if (p->remove_when_free && p->dir) fs_remove_tree(p->dir);
    condcache_forget_part(p->uid);
    for (int i = 0; i < p->npk; i++) col_unref(p->pk[i]);
    free(p->pk);
    free(p->granule_start);
    mt_meta_free(&p->meta);
    free(p->dir);
    free(p);
    mem_current = saved;
}

/* ClickHouse keeps in memory only the key prefix up to the first column
 * whose value changes at a share of marks of at least `ratio`; the columns
 * after it are not used for pruning. */
static int loaded_prefix(const MtPart *p, double ratio)
{
    int n = p->npk;
    if (n <= 1 || ratio <= 0 || ratio >= 1) return n;
    uint32_t marks = p->meta.marks;
    for (int j = 0; j < n - 1; j++) {
        uint32_t changes = 0;
        for (uint32_t i = 1; i < marks; i++)
            changes += col_compare(p->pk[j], i, p->pk[j], i - 1, 1) != 0;
        if ((double)changes / marks >= ratio) return j + 1;
    }
    return n;
}

const MtFileSum *mt_part_file(const MtPart *p, const char *name)
{
    for (int i = 0; i < p->meta.nfiles; i++)
        if (!strcmp(p->meta.files[i].name, name)) return &p->meta.files[i];
    return NULL;
}

int mt_part_verify_bytes(const MtPart *p, const char *name, const char *data, size_t len, Err *err)
{
    const MtFileSum *f = mt_part_file(p, name);
    if (!f) return err_set(err, ERR_CORRUPTED_DATA, "Part %s has no file %s in its manifest", p->name, name);
    XXH128_hash_t h = XXH3_128bits(data, len);
    if (len != f->size || h.low64 != f->hash.lo || h.high64 != f->hash.hi)
        return err_set(err, ERR_CHECKSUM_DOESNT_MATCH, "Checksum doesn't match in part %s, file %s: corrupted data", p->name, name);
    return 0;
}

static int load_pk(MtPart *p, const DataType **types, int npk, Err *err)
{
    char path[4096];
    fs_path(path, sizeof path, "%s/%s", p->dir, MT_PK_FILE);
    Buf b = {0};
    int rc = fs_read_all(path, MAX_PK_BYTES, &b, err);
    if (!rc) rc = mt_part_verify_bytes(p, MT_PK_FILE, b.data ? b.data : "", b.len, err);
    if (rc) {
        buf_free(&b);
        return rc;
    }
    ByteSrc s;
    bs_init_mem(&s, b.data ? b.data : "", b.len);
    uint32_t n = 0;
    rc = bs_read(&s, &n, 4, err);
    if (!rc && (int)n != npk) rc = err_set(err, ERR_CORRUPTED_DATA, "Corrupted primary index of part %s: %u key columns, expected %d", p->name, n, npk);
    p->pk = xcalloc((size_t)npk + 1, sizeof *p->pk);
    for (int i = 0; i < npk && !rc; i++) {
        rc = mt_blob_get(types[i], &s, &p->pk[i], err);
        if (!rc) p->npk = i + 1;
        if (!rc && p->pk[i]->rows != p->meta.marks)
            rc = err_set(err, ERR_CORRUPTED_DATA, "Corrupted primary index of part %s: wrong number of marks", p->name);
    }
    if (!rc && s.p != s.end) rc = err_set(err, ERR_CORRUPTED_DATA, "Corrupted primary index of part %s", p->name);
    buf_free(&b);
    return rc;
}

int mt_part_load(const char *dir, const char *name, const DataType **pk_types, int npk, double skip_suffix_ratio, MtPart **out,
                 Err *err)
{
    static uint64_t next_uid;
    MtPart *p = xcalloc(1, sizeof *p);
    p->refs = 1;
    p->uid = __atomic_add_fetch(&next_uid, 1, __ATOMIC_RELAXED);
    snprintf(p->name, sizeof p->name, "%s", name);
    char path[4096];
    fs_path(path, sizeof path, "%s/%s", dir, name);
    p->dir = xstrdup(path);
    fs_path(path, sizeof path, "%s/%s", p->dir, MT_META_FILE);
    Buf b = {0};
    MtPartName recorded;
    int rc = fs_read_all(path, MAX_META_BYTES, &b, err);
    if (!rc) rc = mt_meta_decode(b.data ? b.data : "", b.len, &recorded, &p->meta, err);
    buf_free(&b);
    if (!rc && !mt_part_name_parse(name, &p->info)) rc = err_set(err, ERR_CORRUPTED_DATA, "Bad part name %s", name);
    if (!rc && (recorded.min_block != p->info.min_block || recorded.max_block != p->info.max_block ||
                strcmp(recorded.partition_id, p->info.partition_id)))
        rc = err_set(err, ERR_CORRUPTED_DATA, "Part %s records the name of another part", name);
    uint64_t total = 0;
    for (int i = 0; i < p->meta.nfiles && !rc; i++) {
        fs_path(path, sizeof path, "%s/%s", p->dir, p->meta.files[i].name);
        int64_t sz = file_size(path);
        if (sz < 0) {
            rc = err_set(err, ERR_FILE_DOESNT_EXIST, "Part %s is broken: no file %s", name, p->meta.files[i].name);
            break;
        }
        if ((uint64_t)sz != p->meta.files[i].size)
            rc = err_set(err, ERR_CORRUPTED_DATA, "Part %s is broken: %s has %lld bytes, expected %llu", name, p->meta.files[i].name,
                         (long long)sz, (unsigned long long)p->meta.files[i].size);
        total += (uint64_t)sz;
        if (strcmp(p->meta.files[i].name, MT_PK_FILE) && strstr(p->meta.files[i].name, ".bin")) p->compressed_bytes += (uint64_t)sz;
    }
    if (!rc) rc = load_pk(p, pk_types, npk, err);
    if (rc) {
        mt_part_unref(p);
        return rc;
    }
    p->npk_loaded = loaded_prefix(p, skip_suffix_ratio);
    p->granule_start = xcalloc(p->meta.marks + 1, sizeof *p->granule_start);
    for (uint32_t g = 0; g + 1 < p->meta.marks; g++) p->granule_start[g + 1] = p->granule_start[g] + p->meta.granule_rows[g];
    fs_path(path, sizeof path, "%s/%s", p->dir, MT_META_FILE);
    p->bytes_on_disk = total + (uint64_t)file_size(path);
    p->uncompressed_bytes = p->meta.uncompressed_bytes;
    *out = p;
    return 0;
}

int mt_part_check(const MtPart *p, Err *err)
{
    for (int i = 0; i < p->meta.nfiles; i++) {
        char path[4096];
        fs_path(path, sizeof path, "%s/%s", p->dir, p->meta.files[i].name);
        U128 h;
        uint64_t size;
        int rc = fs_hash_file(path, &h, &size, err);
        if (rc) return rc;
        if (size != p->meta.files[i].size || h.lo != p->meta.files[i].hash.lo || h.hi != p->meta.files[i].hash.hi)
            return err_set(err, ERR_CHECKSUM_DOESNT_MATCH, "Checksum doesn't match in part %s, file %s", p->name, p->meta.files[i].name);
    }
    return 0;
}
