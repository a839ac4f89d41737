/* mt_write.c — writes one part from rows already sorted by the table's key.
 *
 * The part is built in `tmp_<kind>_<name>/` beside the table's parts: per
 * column stream a .bin of compressed blocks and a .mrk of marks, then pk.bin,
 * then meta.bin with the manifest of everything else. Blocks are cut at a
 * granule boundary once min_compress_block_size bytes are buffered, and never
 * hold more than max_compress_block_size, so a mark may point into the middle
 * of a block and a granule may span blocks. Rows arrive in blocks (one for an
 * INSERT, many for a merge); granules are cut per block as ClickHouse does.
 * With `sync`, every file and the directory are fsynced. The caller commits
 * the part by renaming the directory (mt_part_commit). Columns are
 * independent, so a large block's columns are encoded, compressed and
 * written by up to MT_WRITE_THREADS threads (one per core).
 */
#include "mt_write.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/mem.h"
#include "../base/pool.h"
#include "fs.h"
#include "mt_serial.h"

typedef struct StreamOut {
    char *name;          /* file base name */
    FsWriter bin;
    Buf raw;             /* uncompressed bytes not yet compressed */
    Buf marks;
    const CodecChain *codec;
} StreamOut;

struct MtPartWriter {
    MtWriteSpec spec;
    MtPartName name;
    char dir[4096];
    StreamOut *streams;
    int nstreams;
    int *first_stream;   /* per column: index of its first stream */
    MtFileSum *files;
    int nfiles, capfiles;
    Buf scratch;
    uint64_t raw_bytes;
    uint64_t rows;
    uint32_t *granules;  /* rows of each granule written so far */
    uint32_t ngranules, capgranules;
    uint32_t open_rows;  /* rows the last granule still takes (Wide parts) */
    uint32_t ttl_min, ttl_max;
    Column **pk;         /* key of each granule's first row, then of the last row */
    Column **last_key;   /* key of the last row written so far (one row each) */
    Column **minmax;     /* running min and max of the min/max columns (2 rows) */
    Buf *bufs;           /* scratch: one per stream */
    struct ColStat *stats;   /* per column: running min and max of integer-like ones */
};

/* Min and max of an integer-like column (raw bits, compared signed or not). */
typedef struct ColStat {
    int w;               /* col_int_width, 0 = no stats for this column */
    bool sgn, any;
    int64_t lo, hi;      /* signed: values; unsigned: bits as uint64 */
} ColStat;
typedef struct MtPartWriter PartOut;

static void add_file(PartOut *o, const char *name, uint64_t size, U128 h)
{
    if (o->nfiles == o->capfiles) {
        o->capfiles = o->capfiles ? o->capfiles * 2 : 32;
        o->files = xrealloc(o->files, sizeof *o->files * (size_t)o->capfiles);
    }
    o->files[o->nfiles].name = xstrdup(name);
    o->files[o->nfiles].size = size;
    o->files[o->nfiles].hash = h;
    o->nfiles++;
}

/* Compresses what a stream has buffered, in blocks of at most max bytes
 * (scratch: the calling thread's buffer for the compressed bytes). */
static int flush_stream_with(PartOut *o, StreamOut *s, Buf *scratch, Err *err)
{
    size_t max = o->spec.max_compress_block ? o->spec.max_compress_block : (1u << 20);
    __atomic_fetch_add(&o->raw_bytes, (uint64_t)s->raw.len, __ATOMIC_RELAXED);
    for (size_t off = 0; off < s->raw.len; off += max) {
        size_t n = s->raw.len - off < max ? s->raw.len - off : max;
        scratch->len = 0;
        int rc = codec_compress(s->codec, s->raw.data + off, n, scratch, err);
        if (!rc) rc = fs_writer_put(&s->bin, scratch->data, scratch->len, err);
        if (rc) return rc;
    }
    s->raw.len = 0;
    return 0;
}

static int flush_stream(PartOut *o, StreamOut *s, Err *err) { return flush_stream_with(o, s, &o->scratch, err); }

static void put_mark(StreamOut *s, uint64_t file_off, uint64_t block_off, uint64_t rows)
{
    uint64_t m[3] = {file_off, block_off, rows};
    buf_put(&s->marks, m, sizeof m);
}

static int open_streams(PartOut *o, Err *err)
{
    const MtWriteSpec *sp = &o->spec;
    o->first_stream = xcalloc((size_t)sp->ncols + 1, sizeof *o->first_stream);
    for (int c = 0; c < sp->ncols; c++) {
        o->first_stream[c] = o->nstreams;
        o->nstreams += mt_column_stream_count(sp->col_types[c]);
    }
    o->first_stream[sp->ncols] = o->nstreams;
    o->streams = xcalloc((size_t)o->nstreams + 1, sizeof *o->streams);
    for (int c = 0; c < sp->ncols; c++) {
        int k = o->first_stream[c], n = o->first_stream[c + 1] - k;
        Buf base = {0};
        mt_escape_name(sp->col_names[c], &base);
        buf_putc(&base, 0);
        char **names = xcalloc((size_t)n, sizeof *names);
        mt_column_stream_names(sp->col_types[c], base.data, names);
        buf_free(&base);
        for (int i = 0; i < n; i++) {
            StreamOut *s = &o->streams[k + i];
            s->name = names[i];
            s->codec = &sp->codecs[c];
            s->bin.fd = -1;
        }
        free(names);
    }
    for (int i = 0; i < o->nstreams; i++) {
        char path[4096];
        fs_path(path, sizeof path, "%s/%s.bin", o->dir, o->streams[i].name);
        int rc = fs_writer_open(&o->streams[i].bin, path, err);
        if (rc) return rc;
    }
    return 0;
}

/* Writes rows [start, start + n) of column c; with `mark`, they begin a new
 * granule (otherwise they complete the last one). bufs, scratch: the calling
 * thread's. */
static int write_piece(PartOut *o, int c, const Column *col, size_t start, size_t n, bool mark, Buf *bufs, Buf *scratch, Err *err)
{
    size_t min_block = o->spec.min_compress_block ? o->spec.min_compress_block : (64u << 10);
    int k = o->first_stream[c], ns = o->first_stream[c + 1] - k, rc = 0;
    for (int i = 0; i < ns; i++) {
        StreamOut *s = &o->streams[k + i];
        if (mark) put_mark(s, s->bin.size, s->raw.len, n);
        bufs[i] = s->raw;
    }
    mt_column_write_rows(col, start, n, bufs);
    for (int i = 0; i < ns && !rc; i++) {
        StreamOut *s = &o->streams[k + i];
        s->raw = bufs[i];
        if (s->raw.len >= min_block) rc = flush_stream_with(o, s, scratch, err);
    }
    return rc;
}

/* The rows of column c's last mark grew (a granule completed across blocks). */
static void grow_last_mark(PartOut *o, int c, size_t n)
{
    for (int i = o->first_stream[c]; i < o->first_stream[c + 1]; i++) {
        Buf *m = &o->streams[i].marks;
        uint64_t rows;
        memcpy(&rows, m->data + m->len - 8, 8);
        rows += n;
        memcpy(m->data + m->len - 8, &rows, 8);
    }
}

/* The rows of a block in column c: first what completes the last granule,
 * then the new granules. */
static int write_column(PartOut *o, int c, const Chunk *rows, size_t cont, const uint32_t *granules, uint32_t ngranules, Buf *bufs,
                        Buf *scratch, Err *err)
{
    const Column *col = rows->cols[c];
    int rc = 0;
    if (cont) {
        rc = write_piece(o, c, col, 0, cont, false, bufs, scratch, err);
        grow_last_mark(o, c, cont);
    }
    size_t start = cont;
    for (uint32_t gi = 0; gi < ngranules && !rc; start += granules[gi++]) rc = write_piece(o, c, col, start, granules[gi], true, bufs, scratch, err);
    return rc;
}

enum { MT_WRITE_THREADS = 4 };

typedef struct ColumnJobs {
    PartOut *o;
    const Chunk *rows;
    size_t cont;
    const uint32_t *granules;
    uint32_t ngranules;
    int next;                /* next column to take (atomic) */
    int rc;                  /* first failure */
    Err err;
    pthread_mutex_t lock;
} ColumnJobs;

static void *column_worker(void *arg)
{
    ColumnJobs *j = arg;
    Buf scratch = {0};
    Buf *bufs = xcalloc((size_t)j->o->nstreams + 1, sizeof *bufs);
    for (;;) {
        int c = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED);
        if (c >= j->o->spec.ncols || __atomic_load_n(&j->rc, __ATOMIC_RELAXED)) break;
        Err e;
        int rc = write_column(j->o, c, j->rows, j->cont, j->granules, j->ngranules, bufs, &scratch, &e);
        if (rc) {
            pthread_mutex_lock(&j->lock);
            if (!j->rc) j->rc = rc, j->err = e;
            pthread_mutex_unlock(&j->lock);
        }
    }
    free(bufs);
    buf_free(&scratch);
    return NULL;
}

static int write_threads(const PartOut *o, const Chunk *rows)
{
    if (o->spec.ncols < 2 || rows->rows < 8192) return 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int n = cores > 1 ? (int)cores : 1;
    if (n > MT_WRITE_THREADS) n = MT_WRITE_THREADS;
    return n < o->spec.ncols ? n : o->spec.ncols;
}

/* Writes the rows of a block, column by column, on several threads when it is large. */
static int write_granules(PartOut *o, const Chunk *rows, size_t cont, const uint32_t *granules, uint32_t ngranules, Err *err)
{
    int nthreads = write_threads(o, rows);
    if (nthreads == 1) {
        int rc = 0;
        for (int c = 0; c < o->spec.ncols && !rc; c++) rc = write_column(o, c, rows, cont, granules, ngranules, o->bufs, &o->scratch, err);
        return rc;
    }
    ColumnJobs j = {.o = o, .rows = rows, .cont = cont, .granules = granules, .ngranules = ngranules};
    pthread_mutex_init(&j.lock, NULL);
    pthread_t th[MT_WRITE_THREADS];
    int started = 0;
    for (int i = 1; i < nthreads; i++)
        if (thread_start(&th[started], column_worker, &j, false) == 0) started++;
    column_worker(&j);   /* this thread takes columns too */
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    pthread_mutex_destroy(&j.lock);
    if (j.rc) *err = j.err;
    return j.rc;
}

/* Compresses what is left and writes the final mark of every stream. */
static int finish_streams(PartOut *o, Err *err)
{
    int rc = 0;
    for (int i = 0; i < o->nstreams && !rc; i++) {
        StreamOut *s = &o->streams[i];
        rc = flush_stream(o, s, err);
        put_mark(s, s->bin.size, 0, 0);
    }
    return rc;
}

static int close_streams(PartOut *o, Err *err)
{
    for (int i = 0; i < o->nstreams; i++) {
        StreamOut *s = &o->streams[i];
        U128 h;
        uint64_t size = s->bin.size;
        char fname[4096];
        int rc = fs_writer_close(&s->bin, o->spec.sync, &h, err);
        if (rc) return rc;
        fs_path(fname, sizeof fname, "%s.bin", s->name);
        add_file(o, fname, size, h);
        fs_path(fname, sizeof fname, "%s.mrk", s->name);
        char path[4096];
        fs_path(path, sizeof path, "%s/%s", o->dir, fname);
        FsWriter w;
        if ((rc = fs_writer_open(&w, path, err))) return rc;
        rc = fs_writer_put(&w, s->marks.data ? s->marks.data : "", s->marks.len, err);
        if (rc) {
            fs_writer_abort(&w);
            return rc;
        }
        if ((rc = fs_writer_close(&w, o->spec.sync, &h, err))) return rc;
        add_file(o, fname, s->marks.len, h);
    }
    return 0;
}

static int write_small_file(PartOut *o, const char *name, const Buf *b, bool manifest, Err *err)
{
    char path[4096];
    fs_path(path, sizeof path, "%s/%s", o->dir, name);
    FsWriter w;
    U128 h;
    int rc = fs_writer_open(&w, path, err);
    if (rc) return rc;
    if ((rc = fs_writer_put(&w, b->data ? b->data : "", b->len, err))) {
        fs_writer_abort(&w);
        return rc;
    }
    if ((rc = fs_writer_close(&w, o->spec.sync, &h, err))) return rc;
    if (manifest) add_file(o, name, b->len, h);
    return 0;
}

/* pk.bin: the key of the first row of every granule, then of the last row. */
static int write_pk(PartOut *o, Err *err)
{
    const MtWriteSpec *sp = &o->spec;
    Buf b = {0};
    uint32_t n = (uint32_t)sp->npk;
    buf_put(&b, &n, 4);
    for (int k = 0; k < sp->npk; k++) {
        if (!o->pk[k]) {
            /* an empty part (a mutation deleted every row): just the final entry */
            o->pk[k] = col_new(sp->pk_types[k]);
            col_push_default(o->pk[k]);
        } else {
            col_push_from(o->pk[k], o->last_key[k], 0);
        }
        mt_blob_put(o->pk[k], &b);
    }
    int rc = write_small_file(o, MT_PK_FILE, &b, true, err);
    buf_free(&b);
    return rc;
}

static void part_out_free(PartOut *o)
{
    for (int i = 0; i < o->nstreams; i++) {
        StreamOut *s = &o->streams[i];
        if (s->bin.fd >= 0) fs_writer_abort(&s->bin);
        free(s->name);
        buf_free(&s->raw);
        buf_free(&s->marks);
    }
    free(o->streams);
    free(o->first_stream);
    for (int i = 0; i < o->nfiles; i++) free(o->files[i].name);
    free(o->files);
    buf_free(&o->scratch);
    for (int k = 0; k < o->spec.npk; k++) {
        col_unref(o->pk ? o->pk[k] : NULL);
        col_unref(o->last_key ? o->last_key[k] : NULL);
    }
    for (int k = 0; k < o->spec.nminmax; k++) col_unref(o->minmax ? o->minmax[k] : NULL);
    free(o->pk);
    free(o->last_key);
    free(o->minmax);
    free(o->granules);
    free(o->bufs);
    free(o->stats);
}

static void stats_init(PartOut *o)
{
    o->stats = xcalloc((size_t)o->spec.ncols + 1, sizeof *o->stats);
    for (int c = 0; c < o->spec.ncols; c++) {
        const DataType *t = o->spec.col_types[c];
        TypeKind k = t->kind;
        o->stats[c].w = k == TYPE_ENUM8 || k == TYPE_ENUM16 || k == TYPE_BOOL ? 0 : col_int_width(t);
        o->stats[c].sgn = type_is_sint(t) || k == TYPE_DATE32;
    }
}

/* One typed pass over a block of column c. */
static void stats_update(ColStat *st, const Column *c)
{
    if (!st->w || c->is_const || !c->rows) return;
    size_t n = c->rows;
    int shift = 64 - 8 * st->w;
    if (st->sgn) {
        int64_t lo = st->any ? st->lo : INT64_MAX, hi = st->any ? st->hi : INT64_MIN;
        for (size_t r = 0; r < n; r++) {
            int64_t v = (int64_t)(col_int_bits(c, r, st->w) << shift) >> shift;
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        st->lo = lo, st->hi = hi;
    } else {
        uint64_t lo = st->any ? (uint64_t)st->lo : UINT64_MAX, hi = st->any ? (uint64_t)st->hi : 0;
        for (size_t r = 0; r < n; r++) {
            uint64_t v = col_int_bits(c, r, st->w);
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        st->lo = (int64_t)lo, st->hi = (int64_t)hi;
    }
    st->any = true;
}

/* The stats a part records: columns with rows, as (min, max) columns. */
static int stats_columns(PartOut *o, Column ***cols, char ***names)
{
    int n = 0;
    *cols = xcalloc((size_t)o->spec.ncols + 1, sizeof **cols);
    *names = xcalloc((size_t)o->spec.ncols + 1, sizeof **names);
    for (int c = 0; c < o->spec.ncols; c++) {
        ColStat *st = &o->stats[c];
        if (!st->w || !st->any) continue;
        Column *m = col_new(o->spec.col_types[c]);
        buf_put(&m->data, &st->lo, (size_t)st->w);   /* little-endian: the low bytes are the value */
        buf_put(&m->data, &st->hi, (size_t)st->w);
        m->rows = 2;
        (*cols)[n] = m;
        (*names)[n++] = o->spec.col_names[c];
    }
    return n;
}

int mt_writer_open(const MtWriteSpec *spec, const MtPartName *name, const char *kind, MtPartWriter **out, Err *err)
{
    MemTracker *saved = mem_current;
    mem_current = NULL;   /* part buffers are storage's, not the query's */
    PartOut *o = xcalloc(1, sizeof *o);
    o->spec = *spec;
    o->name = *name;
    char nm[256];
    mt_part_name_format(name, nm, sizeof nm);
    fs_path(o->dir, sizeof o->dir, "%s/tmp_%s_%s", spec->table_dir, kind, nm);
    fs_remove_tree(o->dir);
    int rc = fs_mkdir_p(o->dir, err);
    if (!rc) rc = open_streams(o, err);
    o->bufs = xcalloc((size_t)o->nstreams + 1, sizeof *o->bufs);
    o->pk = xcalloc((size_t)spec->npk + 1, sizeof *o->pk);
    o->last_key = xcalloc((size_t)spec->npk + 1, sizeof *o->last_key);
    o->minmax = xcalloc((size_t)spec->nminmax + 1, sizeof *o->minmax);
    stats_init(o);
    if (rc) {
        mem_current = saved;
        mt_writer_abort(o);
        return rc;
    }
    mem_current = saved;
    *out = o;
    return 0;
}

/* Keeps min and max of column c's rows in *mm (a 2-row column). */
static void update_minmax(Column **mm, const Column *c)
{
    Column *full = col_materialize((Column *)c);
    uint32_t lo = 0, hi = 0;
    for (uint32_t i = 1; i < full->rows; i++) {
        if (col_compare(full, i, full, lo, 1) < 0) lo = i;
        if (col_compare(full, i, full, hi, 1) > 0) hi = i;
    }
    if (!full->rows) {
        col_unref(full);
        return;
    }
    if (!*mm) {
        *mm = col_gather(full, (uint32_t[]){lo, hi}, 2);
    } else {
        Column *m = *mm;
        bool lower = col_compare(full, lo, m, 0, 1) < 0, higher = col_compare(full, hi, m, 1, 1) > 0;
        if (lower || higher) {
            Column *n = col_new(m->type);
            col_push_from(n, lower ? full : m, lower ? lo : 0);
            col_push_from(n, higher ? full : m, higher ? hi : 1);
            col_unref(m);
            *mm = n;
        }
    }
    col_unref(full);
}

int mt_writer_write(MtPartWriter *o, const Chunk *rows, Column **pk, Err *err)
{
    if (!rows->rows) return 0;
    MemTracker *saved = mem_current;
    mem_current = NULL;
    uint32_t first = o->ngranules;
    uint64_t last_before = first ? o->granules[first - 1] : 0;
    if (o->spec.granule_per_write) {
        if (o->ngranules == o->capgranules) {
            o->capgranules = o->capgranules ? o->capgranules * 2 : 64;
            o->granules = xrealloc(o->granules, sizeof *o->granules * o->capgranules);
        }
        o->granules[o->ngranules++] = (uint32_t)rows->rows;
    } else {
        mt_granules_for_block(rows->rows, chunk_bytes(rows), o->spec.granularity, o->spec.granularity_bytes, o->spec.compact,
                              &o->open_rows, &o->granules, &o->ngranules, &o->capgranules);
    }
    /* rows that went into the previous block's last granule */
    size_t cont = first ? (size_t)(o->granules[first - 1] - last_before) : 0;
    int rc = write_granules(o, rows, cont, o->granules + first, o->ngranules - first, err);
    /* the primary index: first row of every new granule, and the last row so far */
    for (int k = 0; k < o->spec.npk && !rc; k++) {
        Column *full = col_materialize(pk[k]);
        if (!o->pk[k]) o->pk[k] = col_new(full->type);
        size_t at = cont;
        for (uint32_t g = first; g < o->ngranules; at += o->granules[g++]) col_push_from(o->pk[k], full, at);
        col_unref(o->last_key[k]);
        o->last_key[k] = col_gather(full, (uint32_t[]){(uint32_t)(rows->rows - 1)}, 1);
        col_unref(full);
    }
    for (int k = 0; k < o->spec.nminmax && !rc; k++) update_minmax(&o->minmax[k], rows->cols[o->spec.minmax_cols[k]]);
    for (int c = 0; c < o->spec.ncols && !rc; c++) stats_update(&o->stats[c], rows->cols[c]);
    o->rows += rows->rows;
    mem_current = saved;
    return rc;
}

int mt_writer_finish(MtPartWriter *o, char *tmp_dir, size_t tmp_cap, Err *err)
{
    MemTracker *saved = mem_current;
    mem_current = NULL;
    const MtWriteSpec *sp = &o->spec;
    int rc = finish_streams(o, err);
    if (!rc) rc = close_streams(o, err);
    if (!rc) rc = write_pk(o, err);
    if (!rc) {
        MtPartMeta m = {0};
        m.rows = o->rows;
        m.granularity = sp->granularity;
        m.marks = o->ngranules + 1;
        m.granule_rows = o->granules;
        m.create_time = (uint64_t)time(NULL);
        m.uncompressed_bytes = o->raw_bytes;
        m.flags = sp->compact ? MT_PART_COMPACT : 0;
        m.ttl_min = o->ttl_min;
        m.ttl_max = o->ttl_max;
        m.ncols = sp->ncols;
        m.col_names = sp->col_names;
        m.col_types = (const DataType **)sp->col_types;
        m.partition = sp->partition;
        m.npartition = sp->npartition;
        m.minmax = o->minmax;
        m.nminmax = o->rows ? sp->nminmax : 0;   /* an empty part has no min/max */
        m.minmax_names = sp->minmax_names;
        m.files = o->files;
        m.nfiles = o->nfiles;
        m.nstats = stats_columns(o, &m.stats, &m.stat_names);
        Buf b = {0};
        mt_meta_encode(&o->name, &m, &b);
        rc = write_small_file(o, MT_META_FILE, &b, false, err);
        buf_free(&b);
        for (int i = 0; i < m.nstats; i++) col_unref(m.stats[i]);
        free(m.stats);
        free(m.stat_names);
    }
    if (!rc && sp->sync) rc = fs_fsync_dir(o->dir, err);
    snprintf(tmp_dir, tmp_cap, "%s", o->dir);
    if (rc) fs_remove_tree(o->dir);
    part_out_free(o);
    free(o);
    mem_current = saved;
    return rc;
}

int mt_writer_finish_columns(MtPartWriter *o, char *tmp_dir, size_t tmp_cap, MtFileSum **files, int *nfiles,
                             uint64_t *raw_bytes, Err *err)
{
    MemTracker *saved = mem_current;
    mem_current = NULL;
    int rc = finish_streams(o, err);
    if (!rc) rc = close_streams(o, err);
    snprintf(tmp_dir, tmp_cap, "%s", o->dir);
    *files = NULL;
    *nfiles = 0;
    *raw_bytes = o->raw_bytes;
    if (rc) {
        fs_remove_tree(o->dir);
    } else {
        *files = o->files;   /* handed over */
        *nfiles = o->nfiles;
        o->files = NULL;
        o->nfiles = 0;
    }
    part_out_free(o);
    free(o);
    mem_current = saved;
    return rc;
}

uint64_t mt_writer_rows(const MtPartWriter *w) { return w->rows; }

const uint32_t *mt_writer_granules(const MtPartWriter *w, uint32_t *n)
{
    *n = w->ngranules;
    return w->granules;
}

int mt_writer_add_file(MtPartWriter *o, const char *name, const void *data, size_t len, Err *err)
{
    MemTracker *saved = mem_current;
    mem_current = NULL;
    Buf b = {(char *)data, len, len};
    int rc = write_small_file(o, name, &b, true, err);
    mem_current = saved;
    return rc;
}

void mt_writer_note_ttl(MtPartWriter *w, uint32_t min, uint32_t max)
{
    if (!w->ttl_min || min < w->ttl_min) w->ttl_min = min;
    if (max > w->ttl_max) w->ttl_max = max;
}

void mt_writer_abort(MtPartWriter *o)
{
    if (!o) return;
    MemTracker *saved = mem_current;
    mem_current = NULL;
    fs_remove_tree(o->dir);
    part_out_free(o);
    free(o);
    mem_current = saved;
}

int mt_part_commit(const char *tmp_dir, const char *table_dir, const MtPartName *name, bool sync, Err *err)
{
    char nm[256], path[4096];
    mt_part_name_format(name, nm, sizeof nm);
    fs_path(path, sizeof path, "%s/%s", table_dir, nm);
    int rc = fs_rename(tmp_dir, path, err);
    if (!rc && sync) rc = fs_fsync_dir(table_dir, err);
    return rc;
}
