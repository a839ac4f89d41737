/* mt_write.c — writes one part from rows already sorted by the table's key.
 *
 * The part is built in `tmp_<kind>_<name>/` beside the table's parts: per
 * column stream a .bin of compressed blocks and a .mrk of marks, then pk.bin,
 * then meta.bin with the manifest of everything else. Blocks are cut at a
 * granule boundary once min_compress_block_size bytes are buffered, and never
 * hold more than max_compress_block_size, so a mark may point into the middle
 * of a block and a granule may span blocks. With `sync`, every file and the
 * directory are fsynced. The caller commits the part by renaming the
 * directory (mt_part_commit).
 */
#include "mt_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/mem.h"
#include "fs.h"
#include "mt_serial.h"

typedef struct StreamOut {
    char *name;          /* file base name */
    FsWriter bin;
    Buf raw;             /* uncompressed bytes not yet compressed */
    Buf marks;
    const CodecChain *codec;
} StreamOut;

typedef struct PartOut {
    const MtWriteSpec *spec;
    char dir[4096];
    StreamOut *streams;
    int nstreams;
    int *first_stream;   /* per column: index of its first stream */
    MtFileSum *files;
    int nfiles, capfiles;
    Buf scratch;
    uint64_t raw_bytes;
} PartOut;

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

/* Compresses what a stream has buffered, in blocks of at most max bytes. */
static int flush_stream(PartOut *o, StreamOut *s, Err *err)
{
    size_t max = o->spec->max_compress_block ? o->spec->max_compress_block : (1u << 20);
    o->raw_bytes += s->raw.len;
    for (size_t off = 0; off < s->raw.len; off += max) {
        size_t n = s->raw.len - off < max ? s->raw.len - off : max;
        o->scratch.len = 0;
        int rc = codec_compress(s->codec, s->raw.data + off, n, &o->scratch, err);
        if (!rc) rc = fs_writer_put(&s->bin, o->scratch.data, o->scratch.len, err);
        if (rc) return rc;
    }
    s->raw.len = 0;
    return 0;
}

static void put_mark(StreamOut *s, uint64_t file_off, uint64_t block_off, uint64_t rows)
{
    uint64_t m[3] = {file_off, block_off, rows};
    buf_put(&s->marks, m, sizeof m);
}

static int open_streams(PartOut *o, Err *err)
{
    const MtWriteSpec *sp = o->spec;
    o->first_stream = xcalloc((size_t)sp->ncols + 1, sizeof *o->first_stream);
    for (int c = 0; c < sp->ncols; c++) {
        o->first_stream[c] = o->nstreams;
        o->nstreams += mt_stream_count(sp->col_types[c]);
    }
    o->first_stream[sp->ncols] = o->nstreams;
    o->streams = xcalloc((size_t)o->nstreams + 1, sizeof *o->streams);
    for (int c = 0; c < sp->ncols; c++) {
        int k = o->first_stream[c], n = o->first_stream[c + 1] - k;
        Buf base = {0};
        mt_escape_name(sp->col_names[c], &base);
        buf_putc(&base, 0);
        char **names = xcalloc((size_t)n, sizeof *names);
        mt_stream_names(sp->col_types[c], base.data, names);
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

/* Writes every granule of every column. */
static int write_granules(PartOut *o, const Chunk *rows, Err *err)
{
    size_t min_block = o->spec->min_compress_block ? o->spec->min_compress_block : (64u << 10);
    Buf *bufs = xcalloc((size_t)o->nstreams + 1, sizeof *bufs);
    int rc = 0;
    size_t start = 0;
    for (uint32_t gi = 0; gi < o->spec->ngranules && !rc; start += o->spec->granules[gi++]) {
        size_t n = o->spec->granules[gi];
        for (int c = 0; c < o->spec->ncols && !rc; c++) {
            int k = o->first_stream[c], ns = o->first_stream[c + 1] - k;
            for (int i = 0; i < ns; i++) {
                StreamOut *s = &o->streams[k + i];
                put_mark(s, s->bin.size, s->raw.len, n);
                bufs[i] = s->raw;
            }
            mt_write_rows(rows->cols[c], start, n, bufs);
            for (int i = 0; i < ns && !rc; i++) {
                StreamOut *s = &o->streams[k + i];
                s->raw = bufs[i];
                if (s->raw.len >= min_block) rc = flush_stream(o, s, err);
            }
        }
    }
    free(bufs);
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
        int rc = fs_writer_close(&s->bin, o->spec->sync, &h, err);
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
        if ((rc = fs_writer_close(&w, o->spec->sync, &h, err))) return rc;
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
    if ((rc = fs_writer_close(&w, o->spec->sync, &h, err))) return rc;
    if (manifest) add_file(o, name, b->len, h);
    return 0;
}

/* pk.bin: the key of the first row of every granule, then of the last row. */
static int write_pk(PartOut *o, size_t rows, Err *err)
{
    const MtWriteSpec *sp = o->spec;
    size_t marks = (size_t)sp->ngranules + 1;
    uint32_t *idx = xcalloc(marks, sizeof *idx);
    for (size_t m = 0, at = 0; m + 1 < marks; at += sp->granules[m++]) idx[m] = (uint32_t)at;
    idx[marks - 1] = rows ? (uint32_t)(rows - 1) : 0;
    Buf b = {0};
    uint32_t n = (uint32_t)sp->npk;
    buf_put(&b, &n, 4);
    for (int k = 0; k < sp->npk; k++) {
        Column *full = col_materialize(sp->pk[k]);
        Column *g = col_gather(full, idx, rows ? marks : 0);
        mt_blob_put(g, &b);
        col_unref(g);
        col_unref(full);
    }
    free(idx);
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
}

int mt_part_write(const MtWriteSpec *sp, const Chunk *rows, const MtPartName *name, const char *kind, char *tmp_dir,
                  size_t tmp_cap, Err *err)
{
    MemTracker *saved = mem_current;
    mem_current = NULL;   /* part buffers are storage's, not the query's */
    PartOut o = {.spec = sp};
    char nm[256];
    mt_part_name_format(name, nm, sizeof nm);
    fs_path(o.dir, sizeof o.dir, "%s/tmp_%s_%s", sp->table_dir, kind, nm);
    snprintf(tmp_dir, tmp_cap, "%s", o.dir);
    fs_remove_tree(o.dir);
    int rc = fs_mkdir_p(o.dir, err);
    uint64_t total = 0;
    for (uint32_t i = 0; i < sp->ngranules; i++) total += sp->granules[i];
    if (!rc && (total != rows->rows || !rows->rows))
        rc = err_set(err, ERR_LOGICAL_ERROR, "Granules of a new part do not add up to its %zu rows", rows->rows);
    if (!rc) rc = open_streams(&o, err);
    if (!rc) rc = write_granules(&o, rows, err);
    if (!rc) rc = close_streams(&o, err);
    if (!rc) rc = write_pk(&o, rows->rows, err);
    if (!rc) {
        MtPartMeta m = {0};
        m.rows = rows->rows;
        m.granularity = sp->granularity;
        m.marks = sp->ngranules + 1;
        m.granule_rows = (uint32_t *)sp->granules;
        m.create_time = (uint64_t)time(NULL);
        m.uncompressed_bytes = o.raw_bytes;
        m.ncols = sp->ncols;
        m.col_names = sp->col_names;
        m.col_types = (const DataType **)sp->col_types;
        m.partition = sp->partition;
        m.npartition = sp->npartition;
        m.minmax = sp->minmax;
        m.nminmax = sp->nminmax;
        m.minmax_names = sp->minmax_names;
        m.files = o.files;
        m.nfiles = o.nfiles;
        Buf b = {0};
        mt_meta_encode(name, &m, &b);
        rc = write_small_file(&o, MT_META_FILE, &b, false, err);
        buf_free(&b);
    }
    if (!rc && sp->sync) rc = fs_fsync_dir(o.dir, err);
    part_out_free(&o);
    if (rc) fs_remove_tree(tmp_dir);
    mem_current = saved;
    return rc;
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
