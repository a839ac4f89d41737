/* mt_mutate.c — mutations of a MergeTree table (ALTER TABLE ... DELETE /
 * UPDATE, lightweight DELETE FROM), its mutation log, ALTER TABLE ... DROP
 * PARTITION, and the removal of parts a mutation left empty.
 *
 * A mutation takes the next block number V (inserts and mutations share the
 * counter), is written to `mutation_<V>.txt` (atomically, fsynced), and then
 * rewrites every active part whose data version (its mutation number, else
 * its first block) is below V into `<same name>_<V>`:
 *   - a part no predicate selects a row of is cloned: hard links to every
 *     file, a new meta.bin;
 *   - a lightweight DELETE writes only a `_row_exists` column (same granules)
 *     and links the rest; readers skip the masked rows, merges drop them;
 *   - an UPDATE rewrites only the columns it assigns, granule for granule,
 *     and links the rest (key columns cannot be assigned, so order, primary
 *     index and min/max stay valid);
 *   - a DELETE rewrites the whole part without the deleted rows (so does
 *     any mutation of a table with a TTL, whose range the part records).
 * Unlike ClickHouse (asynchronous unless mutations_sync), the statement
 * returns when the mutation is done, and it is all or nothing: every new part
 * is written before any is committed; on an error they are removed, with the
 * log record, and the table is as before. A crash after the record is written
 * leaves it in the log: the next start finishes the mutation before merges
 * resume. Merges are held off while a mutation runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/mem.h"
#include "../exec/op.h"
#include "fs.h"
#include "mt_read.h"
#include "mt_serial.h"
#include "mt_table.h"
#include "mt_skip.h"
#include "mt_write.h"
#include "mtree.h"
#include "mutation.h"

#define FINISHED_MUTATIONS_TO_KEEP 100

static int64_t data_version(const MtPart *p) { return p->info.mutation ? p->info.mutation : p->info.min_block; }

/* ---- the log ---- */

static void record_path(const MtTable *mt, int64_t v, char *out, size_t cap)
{
    fs_path(out, cap, "%s/mutation_%lld.txt", mt->dir, (long long)v);
}

static void entry_free(MtMutationEntry *e)
{
    mutation_free(&e->m);
    free(e->fail_reason);
}

static void add_entry(MtTable *mt, const MtMutationEntry *e)
{
    mt->mutations = xrealloc(mt->mutations, sizeof *mt->mutations * (size_t)(mt->nmutations + 1));
    int i = mt->nmutations++;
    while (i > 0 && mt->mutations[i - 1].version > e->version) {
        mt->mutations[i] = mt->mutations[i - 1];
        i--;
    }
    mt->mutations[i] = *e;
}

static void remove_entry(MtTable *mt, int64_t v)
{
    for (int i = 0; i < mt->nmutations; i++) {
        if (mt->mutations[i].version != v) continue;
        entry_free(&mt->mutations[i]);
        memmove(mt->mutations + i, mt->mutations + i + 1, sizeof *mt->mutations * (size_t)(mt->nmutations - i - 1));
        mt->nmutations--;
        return;
    }
}

/* Parts still waiting for mutation v. Lock held. */
static int parts_to_do(MtTable *mt, int64_t v)
{
    int n = 0;
    for (int i = 0; i < mt->nparts; i++) n += data_version(mt->parts[i]) < v;
    return n;
}

void mt_mutations_load(MtTable *mt)
{
    char **names;
    int n;
    fs_list(mt->dir, &names, &n);
    for (int i = 0; i < n; i++) {
        long long v;
        int end = 0;
        if (sscanf(names[i], "mutation_%lld.txt%n", &v, &end) != 1 || v <= 0) continue;
        if (names[i][end]) {
            /* mutation_N.txt.tmp: a record whose write never completed */
            char tmp[4096];
            Err ignored;
            fs_path(tmp, sizeof tmp, "%s/%s", mt->dir, names[i]);
            if (!strcmp(names[i] + end, ".tmp")) fs_unlink(tmp, &ignored);
            continue;
        }
        char path[4096];
        fs_path(path, sizeof path, "%s/%s", mt->dir, names[i]);
        Buf b = {0};
        Err e;
        MtMutationEntry ent = {.version = v};
        if (fs_read_all(path, 1 << 20, &b, &e) != 0 || mutation_decode(b.data ? b.data : "", b.len, &ent.m, &ent.create_time, &e) != 0) {
            fprintf(stderr, "basalt: ignoring unreadable mutation record %s: %s\n", path, e.msg);
            buf_free(&b);
            continue;
        }
        buf_free(&b);
        if (v > mt->block_counter) mt->block_counter = v;
        add_entry(mt, &ent);
    }
    fs_free_names(names, n);
}

/* Drops the records of finished mutations beyond the newest ones kept. Lock held. */
static void trim_finished(MtTable *mt)
{
    int done = 0;
    for (int i = mt->nmutations - 1; i >= 0; i--) {
        MtMutationEntry *e = &mt->mutations[i];
        if (parts_to_do(mt, e->version)) continue;
        if (++done <= FINISHED_MUTATIONS_TO_KEEP) continue;
        char path[4096];
        Err err;
        record_path(mt, e->version, path, sizeof path);
        fs_unlink(path, &err);
        remove_entry(mt, e->version);
    }
}

/* ---- building a new part from an old one ---- */

/* The whole-table chunk a mutation evaluates over: got's columns (table
 * columns cols[]) in place, every other column a constant default. */
static Chunk *full_chunk(Table *t, const Chunk *got, const int *cols, int ncols)
{
    Chunk *ch = chunk_new(t->ncols, got->rows);
    for (int k = 0; k < ncols; k++) ch->cols[cols[k]] = col_ref(got->cols[k]);
    for (int i = 0; i < t->ncols; i++) {
        if (!ch->cols[i]) ch->cols[i] = col_const_default(t->cols[i].type, got->rows);
    }
    return ch;
}

static int *col_list(QueryCtx *q, const bool *want, int n, int *count)
{
    int *cols = arena_alloc(&q->arena, sizeof *cols * (size_t)(n + 1));
    *count = 0;
    for (int i = 0; i < n; i++)
        if (want[i]) cols[(*count)++] = i;
    return cols;
}

/* Rows of part p some predicate of the mutation selects (visible rows). */
static int count_touched(Table *t, QueryCtx *q, MutPlan *plan, MtPart *p, uint64_t *touched, Err *err)
{
    bool *reads = arena_alloc(&q->arena, (size_t)t->ncols + 1);
    mutation_reads(plan, reads);
    int ncols;
    int *cols = col_list(q, reads, t->ncols, &ncols);
    Op *op = mt_scan_part(t, q, p, cols, ncols);
    int rc = 0;
    *touched = 0;
    for (;;) {
        Chunk *got;
        if ((rc = op_next(op, &got, err)) || !got) break;
        Chunk *full = full_chunk(t, got, cols, ncols);
        uint64_t n = 0;
        rc = mutation_count(plan, full, &n, err);
        chunk_free(full);
        chunk_free(got);
        *touched += n;
        if (rc || *touched) break;
    }
    op_close(op);
    return rc;
}

/* Files of column `name` (of type `type` in the part): its streams' .bin and .mrk (a String's size stream too). */
static bool file_of_column(const char *file, const char *name, const DataType *type)
{
    Buf base = {0};
    mt_escape_name(name, &base);
    buf_putc(&base, 0);
    int ns = mt_column_stream_count(type);
    char **names = xcalloc((size_t)ns + 1, sizeof *names);
    mt_column_stream_names(type, base.data, names);
    bool hit = false;
    for (int i = 0; i < ns; i++) {
        size_t n = strlen(names[i]);
        if (!strncmp(file, names[i], n) && (!strcmp(file + n, ".bin") || !strcmp(file + n, ".mrk"))) hit = true;
        free(names[i]);
    }
    free(names);
    buf_free(&base);
    return hit;
}

/* The rest of a new part in directory tmp: src's files not replaced (hard
 * links), the new ones already there, and meta.bin describing columns
 * (src's, with `repl` columns replaced or added). */
typedef struct NewCols {
    int n;
    const char **names;
    const DataType **types;
    MtFileSum *files;       /* written by the caller */
    int nfiles;
    uint64_t raw_bytes;
} NewCols;

static bool replaced(const NewCols *nc, const char *col)
{
    for (int i = 0; i < nc->n; i++)
        if (!strcmp(nc->names[i], col)) return true;
    return false;
}

/* The new part's meta.bin in directory tmp. */
static int write_meta(const MtPartName *pn, const MtPartMeta *m, const char *tmp, Err *err)
{
    Buf b = {0};
    char path[4096];
    mt_meta_encode(pn, m, &b);
    fs_path(path, sizeof path, "%s/%s", tmp, MT_META_FILE);
    int rc = fs_write_atomic(path, b.data, b.len, err);
    buf_free(&b);
    return rc;
}

static int assemble(MtTable *mt, MtPart *src, const MtPartName *pn, const char *tmp, const NewCols *nc, Err *err)
{
    MtPartMeta m = src->meta;
    int maxc = m.ncols + nc->n;
    m.col_names = xcalloc((size_t)maxc + 1, sizeof *m.col_names);
    m.col_types = xcalloc((size_t)maxc + 1, sizeof *m.col_types);
    m.ncols = 0;
    for (int i = 0; i < src->meta.ncols; i++) {
        m.col_names[m.ncols] = src->meta.col_names[i];
        m.col_types[m.ncols++] = src->meta.col_types[i];
        for (int k = 0; k < nc->n; k++)
            if (!strcmp(nc->names[k], src->meta.col_names[i])) m.col_types[m.ncols - 1] = nc->types[k];
    }
    for (int k = 0; k < nc->n; k++) {
        bool have = false;
        for (int i = 0; i < src->meta.ncols; i++) have |= !strcmp(src->meta.col_names[i], nc->names[k]);
        if (!have) {
            m.col_names[m.ncols] = (char *)nc->names[k];
            m.col_types[m.ncols++] = nc->types[k];
        }
    }
    m.files = xcalloc((size_t)(src->meta.nfiles + nc->nfiles) + 1, sizeof *m.files);
    m.nfiles = 0;
    int rc = 0;
    for (int i = 0; i < src->meta.nfiles && !rc; i++) {
        const MtFileSum *f = &src->meta.files[i];
        bool skip = false;
        for (int c = 0; c < src->meta.ncols && !skip; c++)
            skip = replaced(nc, src->meta.col_names[c]) && file_of_column(f->name, src->meta.col_names[c], src->meta.col_types[c]);
        if (skip) continue;
        char from[4096], to[4096];
        fs_path(from, sizeof from, "%s/%s", src->dir, f->name);
        fs_path(to, sizeof to, "%s/%s", tmp, f->name);
        rc = fs_link(from, to, err);
        m.files[m.nfiles++] = *f;
    }
    for (int i = 0; i < nc->nfiles; i++) m.files[m.nfiles++] = nc->files[i];
    /* column stats stay for the columns kept as they were */
    m.stats = xcalloc((size_t)src->meta.nstats + 1, sizeof *m.stats);
    m.stat_names = xcalloc((size_t)src->meta.nstats + 1, sizeof *m.stat_names);
    m.nstats = 0;
    for (int i = 0; i < src->meta.nstats; i++)
        if (!replaced(nc, src->meta.stat_names[i])) {
            m.stats[m.nstats] = src->meta.stats[i];
            m.stat_names[m.nstats++] = src->meta.stat_names[i];
        }
    m.create_time = (uint64_t)time(NULL);
    m.uncompressed_bytes = src->meta.uncompressed_bytes + nc->raw_bytes;
    if (!rc) rc = write_meta(pn, &m, tmp, err);
    free(m.col_names);
    free(m.col_types);
    free(m.files);
    free(m.stats);
    free(m.stat_names);
    return rc;
}

static void tmp_dir_for(MtTable *mt, const MtPartName *pn, char *out, size_t cap)
{
    char nm[256];
    mt_part_name_format(pn, nm, sizeof nm);
    fs_path(out, cap, "%s/tmp_mutate_%s", mt->dir, nm);
}

/* No row changes: the same files under the new name. */
static int clone_part(MtTable *mt, MtPart *src, const MtPartName *pn, char *tmp, size_t cap, Err *err)
{
    tmp_dir_for(mt, pn, tmp, cap);
    fs_remove_tree(tmp);
    int rc = fs_mkdir_p(tmp, err);
    NewCols nc = {0};
    if (!rc) rc = assemble(mt, src, pn, tmp, &nc, err);
    if (rc) fs_remove_tree(tmp);
    return rc;
}

/* ---- ALTER RENAME / DROP COLUMN carried into a part (MUT_COLUMNS) ---- */

/* What column `name` of a part becomes: its new name, "" when dropped, or
 * NULL when the command leaves it alone. (A pair with no column name holds
 * the last block the old schema wrote: later parts stay as they are.) */
static const char *column_fate(const MutCommand *c, const char *name)
{
    for (int k = 0; k < c->nset; k++)
        if (c->set_cols[k][0] && !strcmp(c->set_cols[k], name)) return c->set_exprs[k];
    return NULL;
}

static bool before_schema(const MutCommand *c, const MtPart *p)
{
    for (int k = 0; k < c->nset; k++)
        if (!c->set_cols[k][0]) return p->info.max_block <= strtoll(c->set_exprs[k], NULL, 10);
    return true;
}

/* The file `file` of column `from` (type t) under the column name `to`, or NULL if not its file. */
static char *renamed_file(const char *file, const char *from, const char *to, const DataType *t)
{
    Buf a = {0}, b = {0};
    mt_escape_name(from, &a);
    buf_putc(&a, 0);
    mt_escape_name(to, &b);
    buf_putc(&b, 0);
    int ns = mt_column_stream_count(t);
    char **olds = xcalloc((size_t)ns + 1, sizeof *olds), **news = xcalloc((size_t)ns + 1, sizeof *news);
    mt_column_stream_names(t, a.data, olds);
    mt_column_stream_names(t, b.data, news);
    char *r = NULL;
    for (int i = 0; i < ns; i++) {
        size_t n = strlen(olds[i]);
        if (!r && !strncmp(file, olds[i], n) && (!strcmp(file + n, ".bin") || !strcmp(file + n, ".mrk")))
        {
            size_t len = strlen(news[i]) + strlen(file + n) + 1;
            r = xmalloc(len);
            snprintf(r, len, "%s%s", news[i], file + n);
        }
        free(olds[i]);
        free(news[i]);
    }
    free(olds);
    free(news);
    buf_free(&a);
    buf_free(&b);
    return r;
}

/* src linked into tmp with the command's columns renamed or left out. */
static int columns_part(MtTable *mt, MtPart *src, const MtPartName *pn, const MutCommand *c, char *tmp, size_t cap, Err *err)
{
    if (!before_schema(c, src)) return clone_part(mt, src, pn, tmp, cap, err);
    tmp_dir_for(mt, pn, tmp, cap);
    fs_remove_tree(tmp);
    int rc = fs_mkdir_p(tmp, err);
    if (rc) return rc;
    MtPartMeta m = src->meta;
    m.col_names = xcalloc((size_t)src->meta.ncols + 1, sizeof *m.col_names);
    m.col_types = xcalloc((size_t)src->meta.ncols + 1, sizeof *m.col_types);
    m.files = xcalloc((size_t)src->meta.nfiles + 1, sizeof *m.files);
    m.stats = xcalloc((size_t)src->meta.nstats + 1, sizeof *m.stats);
    m.stat_names = xcalloc((size_t)src->meta.nstats + 1, sizeof *m.stat_names);
    char **owned = xcalloc((size_t)src->meta.nfiles + 1, sizeof *owned);
    m.ncols = m.nfiles = m.nstats = 0;
    for (int i = 0; i < src->meta.ncols; i++) {
        const char *to = column_fate(c, src->meta.col_names[i]);
        if (to && !*to) continue;
        m.col_names[m.ncols] = to ? (char *)to : src->meta.col_names[i];
        m.col_types[m.ncols++] = src->meta.col_types[i];
    }
    for (int i = 0; i < src->meta.nfiles && !rc; i++) {
        const MtFileSum *f = &src->meta.files[i];
        const char *name = f->name;
        bool drop = false;
        for (int k = 0; k < src->meta.ncols && !drop; k++) {
            const char *to = column_fate(c, src->meta.col_names[k]);
            if (!to) continue;
            if (!*to) drop = file_of_column(f->name, src->meta.col_names[k], src->meta.col_types[k]);
            else if (!owned[i] && (owned[i] = renamed_file(f->name, src->meta.col_names[k], to, src->meta.col_types[k]))) name = owned[i];
        }
        if (drop) continue;
        char from[4096], dst[4096];
        fs_path(from, sizeof from, "%s/%s", src->dir, f->name);
        fs_path(dst, sizeof dst, "%s/%s", tmp, name);
        rc = fs_link(from, dst, err);
        m.files[m.nfiles] = *f;
        m.files[m.nfiles++].name = (char *)name;
    }
    for (int i = 0; i < src->meta.nstats; i++) {
        const char *to = column_fate(c, src->meta.stat_names[i]);
        if (to && !*to) continue;
        m.stats[m.nstats] = src->meta.stats[i];
        m.stat_names[m.nstats++] = to ? (char *)to : src->meta.stat_names[i];
    }
    m.create_time = (uint64_t)time(NULL);
    if (!rc) rc = write_meta(pn, &m, tmp, err);
    for (int i = 0; i < src->meta.nfiles; i++) free(owned[i]);
    free(owned);
    free(m.col_names);
    free(m.col_types);
    free(m.files);
    free(m.stats);
    free(m.stat_names);
    if (rc) fs_remove_tree(tmp);
    return rc;
}

/* Rewrites some columns granule by granule (UPDATE, or the _row_exists mask
 * of a lightweight DELETE) and links the others. */
static int rewrite_columns(MtTable *mt, Table *t, QueryCtx *q, MutPlan *plan, MtPart *src, const MtPartName *pn, char *tmp,
                           size_t cap, Err *err)
{
    bool lightweight = mutation_is_lightweight(plan);
    bool *need = arena_alloc(&q->arena, (size_t)t->ncols + 1), *writes = arena_alloc(&q->arena, (size_t)t->ncols + 1);
    mutation_reads(plan, need);
    mutation_writes(plan, writes);
    for (int i = 0; i < t->ncols; i++) need[i] |= writes[i];
    int ncols, nw;
    int *cols = col_list(q, need, t->ncols, &ncols), *wcols = col_list(q, writes, t->ncols, &nw);
    /* what the writer writes */
    CodecChain *lz4 = arena_alloc(&q->arena, sizeof *lz4);
    codec_chain_default(lz4);
    int nout = lightweight ? 1 : nw;
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(nout + 1));
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(nout + 1));
    CodecChain *codecs = arena_alloc(&q->arena, sizeof *codecs * (size_t)(nout + 1));
    if (lightweight) {
        names[0] = MUT_ROW_EXISTS;
        types[0] = type_basic(TYPE_UINT8);
        codecs[0] = *lz4;
    } else {
        for (int k = 0; k < nw; k++) {
            names[k] = t->cols[wcols[k]].name;
            types[k] = t->cols[wcols[k]].type;
            codecs[k] = mt->codecs[wcols[k]];
        }
    }
    MtWriteSpec spec = {.table_dir = mt->dir, .ncols = nout, .col_names = names, .col_types = types, .codecs = codecs,
                        .granularity = mt->settings.index_granularity, .min_compress_block = mt->settings.min_compress_block_size,
                        .max_compress_block = mt->settings.max_compress_block_size, .sync = mt->settings.fsync_after_insert,
                        .granule_per_write = true};
    MtPartWriter *w;
    int rc = mt_writer_open(&spec, pn, "mutate", &w, err);
    if (rc) return rc;
    /* the mask so far, if the part has one */
    MtColumnReader mask_reader;
    bool has_mask = false;
    for (int k = 0; k < src->meta.ncols && lightweight && !rc; k++)
        if (!strcmp(src->meta.col_names[k], MUT_ROW_EXISTS)) {
            rc = mt_reader_open(&mask_reader, src, MUT_ROW_EXISTS, src->meta.col_types[k], err);
            has_mask = rc == 0;
        }
    Op *op = rc ? NULL : mt_scan_part_ex(t, q, src, cols, ncols, MT_SCAN_RAW | MT_SCAN_GRANULES);
    for (uint32_t g = 0; !rc; g++) {
        Chunk *got;
        if ((rc = op_next(op, &got, err)) || !got) break;
        Chunk *full = full_chunk(t, got, cols, ncols);
        chunk_free(got);
        Column *mask = NULL;
        if (lightweight) {
            mask = col_new(type_basic(TYPE_UINT8));
            if (has_mask) {
                rc = mt_reader_read(&mask_reader, src, g, g + 1, mask, err);
                if (!rc && mask->rows != full->rows) rc = err_set(err, ERR_CORRUPTED_DATA, "Corrupted deleted-rows mask in part %s", src->name);
            } else {
                for (size_t r = 0; r < full->rows; r++) COL_PUSH(mask, uint8_t, 1);
            }
        }
        uint64_t touched;
        if (!rc) rc = mutation_apply(plan, full, lightweight ? &mask : NULL, &touched, err);
        if (!rc) {
            Chunk *out = chunk_new(nout, full->rows);
            if (lightweight) out->cols[0] = col_ref(mask);
            for (int k = 0; k < nw && !lightweight; k++) out->cols[k] = col_materialize(full->cols[wcols[k]]);
            rc = mt_writer_write(w, out, NULL, err);
            chunk_free(out);
        }
        col_unref(mask);
        chunk_free(full);
    }
    op_close(op);
    if (has_mask) mt_reader_close(&mask_reader);
    if (rc) {
        mt_writer_abort(w);
        return rc;
    }
    NewCols nc = {.n = nout, .names = (const char **)names, .types = types};
    if ((rc = mt_writer_finish_columns(w, tmp, cap, &nc.files, &nc.nfiles, &nc.raw_bytes, err))) return rc;
    rc = assemble(mt, src, pn, tmp, &nc, err);
    for (int i = 0; i < nc.nfiles; i++) free(nc.files[i].name);
    free(nc.files);
    if (rc) fs_remove_tree(tmp);
    return rc;
}

static int to_writer(MtPartWriter *w, MtSkipBuilder *sb, MtTable *mt, Table *t, QueryCtx *q, Chunk *rows, Err *err)
{
    Column **pk = xcalloc((size_t)mt->primary.n + 1, sizeof *pk);
    int rc = mt_ttl_note(mt, t, q, rows, w, err);
    if (!rc) rc = mt_eval_key(q, t, &mt->primary, rows, pk, err);
    if (!rc) rc = mt_writer_write(w, rows, pk, err);
    if (!rc && sb) {
        uint32_t ng;
        const uint32_t *gs = mt_writer_granules(w, &ng);
        rc = mt_skip_builder_add(sb, t, q, rows, gs, ng, err);
    }
    for (int k = 0; k < mt->primary.n; k++) col_unref(pk[k]);
    free(pk);
    return rc;
}

/* DELETE: every visible row read, the commands applied, the rest written as
 * a new part in the table's current columns. */
static int rewrite_part(MtTable *mt, Table *t, QueryCtx *q, MutPlan *plan, MtPart *src, const MtPartName *pn, char *tmp, size_t cap,
                        Err *err)
{
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].default_kind == CD_ALIAS || t->cols[i].default_kind == CD_EPHEMERAL)
            return err_set(err, ERR_NOT_IMPLEMENTED, "Mutations of tables with ALIAS or EPHEMERAL columns are not supported yet");
    int *cols = arena_alloc(&q->arena, sizeof *cols * (size_t)(t->ncols + 1));
    for (int i = 0; i < t->ncols; i++) cols[i] = i;
    MtWriteSpec spec;
    mt_write_spec(mt, t, q, src->meta.partition, &spec);
    spec.compact = (src->meta.flags & MT_PART_COMPACT) != 0;
    MtPartWriter *w;
    int rc = mt_writer_open(&spec, pn, "mutate", &w, err);
    if (rc) return rc;
    MtSkipBuilder *sb = mt_skip_builder_new(mt);
    Op *op = mt_scan_part(t, q, src, cols, t->ncols);
    while (!rc) {
        Chunk *ch;
        if ((rc = op_next(op, &ch, err)) || !ch) break;
        uint64_t touched;
        rc = mutation_apply(plan, ch, NULL, &touched, err);
        if (!rc && ch->rows) rc = to_writer(w, sb, mt, t, q, ch, err);
        chunk_free(ch);
    }
    op_close(op);
    if (!rc) rc = mt_skip_builder_finish(sb, w, err);
    else mt_skip_builder_free(sb);
    if (rc) {
        mt_writer_abort(w);
        return rc;
    }
    return mt_writer_finish(w, tmp, cap, err);
}

static bool updates_indexed(MtTable *mt, Table *t, QueryCtx *q, MutPlan *plan)
{
    if (!mt->nskip || mutation_is_lightweight(plan)) return false;
    bool *writes = arena_alloc(&q->arena, (size_t)t->ncols + 1);
    memset(writes, 0, (size_t)t->ncols + 1);
    mutation_writes(plan, writes);
    return mt_skip_reads_columns(mt, t, q, writes);
}

/* whole: rewrite a touched part entirely rather than only the written columns */
static int mutate_part(MtTable *mt, Table *t, QueryCtx *q, MutPlan *plan, bool whole, MtPart *src, int64_t v, MtPartName *pn,
                       char *tmp, size_t cap, Err *err)
{
    *pn = src->info;
    pn->mutation = v;
    uint64_t touched;
    int rc = count_touched(t, q, plan, src, &touched, err);
    if (rc) return rc;
    if (!touched) return clone_part(mt, src, pn, tmp, cap, err);
    if (whole) return rewrite_part(mt, t, q, plan, src, pn, tmp, cap, err);
    return rewrite_columns(mt, t, q, plan, src, pn, tmp, cap, err);
}

/* Runs mutation e over every part it has not reached: all new parts first,
 * then the commits. Merges must be held off by the caller. */
static int run_mutation(MtTable *mt, Table *t, QueryCtx *q, MtMutationEntry *e, Err *err)
{
    MutPlan *plan;
    int rc = mutation_bind(t, q, &e->m, &plan, err);
    if (rc) return rc;
    /* DELETE drops rows; a TTL table's parts record their TTL range; an index
     * over an updated column summarises new values: rewrite parts whole */
    bool whole = mutation_deletes(plan) || mutation_rebuilds(plan) || mt->ttl_sql || updates_indexed(mt, t, q, plan);
    bool columns = e->m.n == 1 && e->m.cmds[0].kind == MUT_COLUMNS;   /* links only, no row read */
    pthread_mutex_lock(&mt->lock);
    MtPart **todo = xcalloc((size_t)mt->nparts + 1, sizeof *todo);
    int n = 0;
    for (int i = 0; i < mt->nparts; i++)
        if (data_version(mt->parts[i]) < e->version) {
            mt->parts[i]->merging = true;
            todo[n++] = mt_part_ref(mt->parts[i]);
        }
    pthread_mutex_unlock(&mt->lock);
    MtPartName *names = xcalloc((size_t)n + 1, sizeof *names);
    char (*tmps)[4096] = xcalloc((size_t)n + 1, sizeof *tmps);
    int done = 0;
    for (; done < n && !rc; done++) {
        MtPartName target = todo[done]->info;
        target.mutation = e->version;
        MtRunning *r = mt_running_add(mt, &todo[done], 1, &target, true);
        if (columns) {
            names[done] = target;
            rc = columns_part(mt, todo[done], &target, &e->m.cmds[0], tmps[done], sizeof tmps[done], err);
        } else {
            rc = mutate_part(mt, t, q, plan, whole, todo[done], e->version, &names[done], tmps[done], sizeof tmps[done], err);
        }
        mt_running_remove(mt, r);
        if (rc) {
            snprintf(e->fail_part, sizeof e->fail_part, "%s", todo[done]->name);
            break;
        }
    }
    if (rc) {
        for (int i = 0; i < done; i++) fs_remove_tree(tmps[i]);
    } else {
        for (int i = 0; i < n; i++) {
            MtPart *np = NULL;
            Err ce;
            if (mt_commit_new_part(mt, tmps[i], &names[i], &np, &ce) != 0) {
                /* the record stays: the next start finishes the mutation */
                fprintf(stderr, "basalt: committing part %s of mutation %lld failed: %s\n", todo[i]->name, (long long)e->version, ce.msg);
                if (!rc) *err = ce, rc = ce.code;
                continue;
            }
            mt_replace_parts(mt, &todo[i], 1, np);
        }
    }
    pthread_mutex_lock(&mt->lock);
    for (int i = 0; i < n; i++) todo[i]->merging = false;
    pthread_mutex_unlock(&mt->lock);
    mt_parts_release(todo, n);
    free(names);
    free(tmps);
    return rc;
}

/* Holds merges off: waits for running ones and for another mutation. */
static void exclusive_begin(MtTable *mt)
{
    pthread_mutex_lock(&mt->lock);
    while (mt->mutating) pthread_cond_wait(&mt->wake, &mt->lock);
    mt->mutating = true;
    while (mt->merges_running) pthread_cond_wait(&mt->wake, &mt->lock);
    mt->merges_running++;
    pthread_mutex_unlock(&mt->lock);
}

static void exclusive_end(MtTable *mt)
{
    pthread_mutex_lock(&mt->lock);
    mt->merges_running--;
    mt->mutating = false;
    pthread_cond_broadcast(&mt->wake);
    pthread_mutex_unlock(&mt->lock);
}

int mt_mutate(Table *t, QueryCtx *q, const Mutation *m, Err *err)
{
    MtTable *mt = t->impl;
    MutPlan *plan;
    int rc = mutation_bind(t, q, m, &plan, err);   /* errors before anything is written */
    if (rc) return rc;
    pthread_rwlock_rdlock(&t->lock);
    exclusive_begin(mt);
    pthread_mutex_lock(&mt->lock);
    MtMutationEntry e = {.version = ++mt->block_counter, .create_time = (uint64_t)time(NULL)};
    pthread_mutex_unlock(&mt->lock);
    for (int i = 0; i < m->n; i++) {
        const MutCommand *c = &m->cmds[i];
        mutation_add(&e.m, c->kind, c->predicate, c->text);
        for (int k = 0; k < c->nset; k++) mutation_add_set(&e.m, c->set_cols[k], c->set_exprs[k]);
    }
    Buf rec = {0};
    char path[4096];
    mutation_encode(&e.m, e.create_time, &rec);
    record_path(mt, e.version, path, sizeof path);
    rc = fs_write_atomic(path, rec.data, rec.len, err);
    buf_free(&rec);
    if (!rc) rc = run_mutation(mt, t, q, &e, err);
    pthread_mutex_lock(&mt->lock);
    bool committed = false;
    for (int i = 0; i < mt->nparts; i++) committed |= mt->parts[i]->info.mutation == e.version;
    if (rc && !committed) {
        /* nothing committed: forget it */
        Err ignored;
        fs_unlink(path, &ignored);
        entry_free(&e);
    } else if (rc) {
        e.fail_reason = xstrdup(err->msg);
        e.fail_code = err->code;
        e.fail_time = (uint64_t)time(NULL);
        add_entry(mt, &e);
    } else {
        add_entry(mt, &e);
    }
    trim_finished(mt);
    pthread_mutex_unlock(&mt->lock);
    exclusive_end(mt);
    pthread_rwlock_unlock(&t->lock);
    mt_merger_wake(mt);
    return rc;
}

void mt_mutations_resume(MtTable *mt, Table *t, QueryCtx *q)
{
    for (int i = 0; i < mt->nmutations; i++) {
        MtMutationEntry *e = &mt->mutations[i];
        if (!parts_to_do(mt, e->version)) continue;
        Err err;
        if (run_mutation(mt, t, q, e, &err) != 0) {
            fprintf(stderr, "basalt: mutation %lld of %s failed: %s\n", (long long)e->version, mt->dir, err.msg);
            free(e->fail_reason);
            e->fail_reason = xstrdup(err.msg);
            e->fail_code = err.code;
            e->fail_time = (uint64_t)time(NULL);
        }
    }
}

void mt_mutations_free(MtTable *mt)
{
    for (int i = 0; i < mt->nmutations; i++) entry_free(&mt->mutations[i]);
    free(mt->mutations);
    mt->mutations = NULL;
    mt->nmutations = 0;
}

/* ---- system.mutations ---- */

int mt_list_mutations(Table *t, MtMutationInfo **out, int *n)
{
    MtTable *mt = t->impl;
    pthread_mutex_lock(&mt->lock);
    int total = 0;
    for (int i = 0; i < mt->nmutations; i++) total += mt->mutations[i].m.n;
    MtMutationInfo *r = xcalloc((size_t)total + 1, sizeof *r);
    int k = 0;
    for (int i = 0; i < mt->nmutations; i++) {
        MtMutationEntry *e = &mt->mutations[i];
        Buf todo = {0};
        int ntodo = 0;
        for (int p = 0; p < mt->nparts; p++)
            if (data_version(mt->parts[p]) < e->version) {
                buf_puts(&todo, mt->parts[p]->name);
                buf_putc(&todo, 0);
                ntodo++;
            }
        for (int c = 0; c < e->m.n; c++, k++) {
            MtMutationInfo *x = &r[k];
            snprintf(x->id, sizeof x->id, "mutation_%lld.txt", (long long)e->version);
            x->command = xstrdup(e->m.cmds[c].text);
            x->create_time = e->create_time;
            x->version = e->version;
            x->parts_to_do = ntodo;
            x->parts_to_do_names = xmalloc(todo.len + 1);
            memcpy(x->parts_to_do_names, todo.data ? todo.data : "", todo.len);
            x->parts_to_do_names_len = todo.len;
            snprintf(x->fail_part, sizeof x->fail_part, "%s", e->fail_reason ? e->fail_part : "");
            x->fail_reason = xstrdup(e->fail_reason ? e->fail_reason : "");
            x->fail_code = e->fail_reason ? e->fail_code : 0;
            x->fail_time = e->fail_reason ? e->fail_time : 0;
        }
        buf_free(&todo);
    }
    pthread_mutex_unlock(&mt->lock);
    *out = r;
    *n = total;
    return 0;
}

void mt_free_mutation_infos(MtMutationInfo *infos, int n)
{
    for (int i = 0; i < n; i++) {
        free(infos[i].command);
        free(infos[i].parts_to_do_names);
        free(infos[i].fail_reason);
    }
    free(infos);
}

/* ---- DROP PARTITION and empty parts ---- */

/* Takes parts out of the active set for good (not listed as outdated). Lock held. */
static void forget_part(MtTable *mt, int k)
{
    MtPart *p = mt->parts[k];
    memmove(mt->parts + k, mt->parts + k + 1, sizeof *mt->parts * (size_t)(mt->nparts - k - 1));
    mt->nparts--;
    p->state = PART_OUTDATED;
    p->remove_when_free = true;
    mt_part_unref(p);
}

/* Parts a mutation emptied go once they are min_age seconds old. Lock held. */
static void clear_empty_locked(MtTable *mt, uint64_t min_age)
{
    uint64_t now = (uint64_t)time(NULL);
    for (int i = 0; i < mt->nparts;) {
        MtPart *p = mt->parts[i];
        if (!p->meta.rows && !p->merging && p->meta.create_time + min_age <= now) forget_part(mt, i);
        else i++;
    }
}

void mt_clear_empty_parts(MtTable *mt)
{
    pthread_mutex_lock(&mt->lock);
    clear_empty_locked(mt, 1);
    pthread_mutex_unlock(&mt->lock);
}

int mt_drop_part(Table *t, const char *name, Err *err)
{
    MtTable *mt = t->impl;
    exclusive_begin(mt);
    pthread_mutex_lock(&mt->lock);
    int k = -1;
    for (int i = 0; i < mt->nparts; i++)
        if (!strcmp(mt->parts[i]->name, name)) k = i;
    if (k >= 0) forget_part(mt, k);
    pthread_mutex_unlock(&mt->lock);
    exclusive_end(mt);
    if (k < 0) return err_set(err, ERR_NO_SUCH_DATA_PART, "No part %s in committed state", name);
    return 0;
}

int mt_drop_partition(Table *t, QueryCtx *q, const char *partition_id, Err *err)
{
    MtTable *mt = t->impl;
    exclusive_begin(mt);
    pthread_mutex_lock(&mt->lock);
    for (int i = 0; i < mt->nparts;) {
        if (!strcmp(mt->parts[i]->info.partition_id, partition_id)) forget_part(mt, i);
        else i++;
    }
    /* as ClickHouse does after dropping: old and empty parts are cleared too */
    for (int i = 0; i < mt->noutdated; i++) mt_part_unref(mt->outdated[i]);
    mt->noutdated = 0;
    clear_empty_locked(mt, 0);
    pthread_mutex_unlock(&mt->lock);
    exclusive_end(mt);
    mt_merger_wake(mt);
    return 0;
}
