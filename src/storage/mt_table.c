/* mt_table.c — ENGINE = MergeTree (and its family): creation and attach,
 * INSERT into parts, the parts list, startup recovery; see mt_table.h.
 *
 * INSERT: the block is split by partition (in order of first appearance),
 * each piece sorted by the sorting key (stable) and written as one part with
 * a fresh block number; the rename of its directory is the commit, and the
 * INSERT returns only after every part is durable (fsync_after_insert, on by
 * default). Startup: `tmp_*` directories are garbage and removed; every part
 * is loaded (meta, sizes, primary index) and a broken one is moved to
 * `detached/broken-on-start_<name>`; parts contained in another loaded part
 * (the sources of a merge that committed) are removed; the block counter
 * resumes after the highest block number seen.
 */
#include "mt_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "../base/mem.h"
#include "../base/pool.h"
#include "../base/tz.h"
#include "../column/cast.h"
#include "../column/text.h"
#include "../format/format.h"
#include "../exec/expr.h"
#include "fs.h"
#include "mt_skip.h"
#include "mt_sortkey.h"
#include "mt_write.h"
#include "mtree.h"

/* ---- MergeTree settings ---- */

typedef struct MtSettingDef { const char *name; const char *dflt; } MtSettingDef;

/* Settings basalt applies, then settings ClickHouse has that are accepted and
 * kept for SHOW CREATE but change nothing here. */
static const MtSettingDef MT_SETTINGS[] = {
    {"index_granularity", "8192"}, {"min_compress_block_size", "65536"}, {"max_compress_block_size", "1048576"},
    {"parts_to_delay_insert", "1000"}, {"parts_to_throw_insert", "3000"}, {"max_parts_in_total", "100000"},
    {"fsync_after_insert", "1"}, {"fsync_part_directory", "1"}, {"allow_nullable_key", "0"},
    {"max_parts_to_merge_at_once", "100"}, {"max_bytes_to_merge_at_max_space_in_pool", "161061273600"},
    {"merge_with_ttl_timeout", "14400"}, {"ttl_only_drop_parts", "0"}, {"default_compression_codec", ""},
    {"index_granularity_bytes", "10485760"}, {"primary_key_ratio_of_unique_prefix_values_to_skip_suffix_columns", "0.9"},
    {"min_index_granularity_bytes", ""}, {"enable_mixed_granularity_parts", ""},
    {"min_bytes_for_wide_part", "10485760"}, {"min_rows_for_wide_part", "0"}, {"storage_policy", ""}, {"old_parts_lifetime", ""},
    {"merge_max_block_size", ""}, {"min_age_to_force_merge_seconds", ""}, {"compress_marks", ""},
    {"compress_primary_key", ""}, {"replace_long_file_name_to_hash", ""}, {"allow_experimental_replacing_merge_with_cleanup", ""},
    {"min_merge_bytes_to_use_direct_io", ""}, {"merge_selecting_sleep_ms", ""}, {"non_replicated_deduplication_window", ""},
    {"use_minimalistic_part_header_in_zookeeper", ""}, {"write_final_mark", ""},
    {"ratio_of_defaults_for_sparse_serialization", ""}, {"max_suspicious_broken_parts", ""}, {"cleanup_delay_period", ""},
    {"number_of_free_entries_in_pool_to_execute_mutation", ""}, {"vertical_merge_algorithm_min_rows_to_activate", ""},
    {"vertical_merge_algorithm_min_columns_to_activate", ""}, {"temporary_directories_lifetime", ""},
    {"allow_dimensions_outside_sorting_key", "0"}, {"auto_statistics_types", ""}, {NULL, NULL},
};

static const char *setting_value(const MtDef *d, const char *name)
{
    for (int i = 0; i < d->nsettings; i++)
        if (!strcmp(d->setting_names[i], name)) return d->setting_values[i];
    for (const MtSettingDef *s = MT_SETTINGS; s->name; s++)
        if (!strcmp(s->name, name)) return s->dflt;
    return "";
}

static uint64_t setting_u64(const MtDef *d, const char *name) { return strtoull(setting_value(d, name), NULL, 10); }

static int parse_settings(MtTable *mt, const MtDef *d, Err *err)
{
    for (int i = 0; i < d->nsettings; i++) {
        bool known = false;
        for (const MtSettingDef *s = MT_SETTINGS; s->name && !known; s++) known = !strcmp(s->name, d->setting_names[i]);
        if (!known) return err_set(err, ERR_UNKNOWN_SETTING, "Unknown setting '%s': for storage MergeTree", d->setting_names[i]);
    }
    MtSettings *s = &mt->settings;
    uint64_t g = setting_u64(d, "index_granularity");
    if (g == 0 || g > (1u << 30)) return err_set(err, ERR_BAD_ARGUMENTS, "index_granularity: value %llu makes no sense", (unsigned long long)g);
    s->index_granularity = (uint32_t)g;
    s->index_granularity_bytes = setting_u64(d, "index_granularity_bytes");
    s->min_bytes_for_wide_part = setting_u64(d, "min_bytes_for_wide_part");
    s->min_rows_for_wide_part = setting_u64(d, "min_rows_for_wide_part");
    s->pk_skip_suffix_ratio = strtod(setting_value(d, "primary_key_ratio_of_unique_prefix_values_to_skip_suffix_columns"), NULL);
    s->min_compress_block_size = setting_u64(d, "min_compress_block_size");
    s->max_compress_block_size = setting_u64(d, "max_compress_block_size");
    if (!s->max_compress_block_size || s->max_compress_block_size > (1u << 30)) s->max_compress_block_size = 1 << 20;
    s->parts_to_delay_insert = setting_u64(d, "parts_to_delay_insert");
    s->parts_to_throw_insert = setting_u64(d, "parts_to_throw_insert");
    s->max_parts_in_total = setting_u64(d, "max_parts_in_total");
    s->fsync_after_insert = setting_u64(d, "fsync_after_insert") != 0;
    s->fsync_part_directory = setting_u64(d, "fsync_part_directory") != 0;
    s->allow_nullable_key = setting_u64(d, "allow_nullable_key") != 0;
    s->max_parts_to_merge_at_once = setting_u64(d, "max_parts_to_merge_at_once");
    if (s->max_parts_to_merge_at_once < 2) s->max_parts_to_merge_at_once = 2;
    s->max_bytes_to_merge_at_max_space_in_pool = setting_u64(d, "max_bytes_to_merge_at_max_space_in_pool");
    s->merge_with_ttl_timeout = (int64_t)setting_u64(d, "merge_with_ttl_timeout");
    s->ttl_only_drop_parts = setting_u64(d, "ttl_only_drop_parts") != 0;
    const char *codec = setting_value(d, "default_compression_codec");
    s->default_compression_codec = *codec ? xstrdup(codec) : NULL;
    mt->nsettings = d->nsettings;
    mt->setting_names = xcalloc((size_t)d->nsettings + 1, sizeof *mt->setting_names);
    mt->setting_values = xcalloc((size_t)d->nsettings + 1, sizeof *mt->setting_values);
    for (int i = 0; i < d->nsettings; i++) {
        mt->setting_names[i] = xstrdup(d->setting_names[i]);
        mt->setting_values[i] = xstrdup(d->setting_values[i]);
    }
    return 0;
}

/* ---- keys ---- */

static char *join_sql(char **items, int n)
{
    Buf b = {0};
    for (int i = 0; i < n; i++) {
        if (i) buf_puts(&b, ", ");
        buf_puts(&b, items[i]);
    }
    char *s = xstrndup(b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

int mt_key_bind(MtKey *k, Table *t, QueryCtx *q, char **items, int n, Err *err)
{
    k->sql = join_sql(items, n);
    k->n = n;
    k->names = xcalloc((size_t)n + 1, sizeof *k->names);
    k->types = xcalloc((size_t)n + 1, sizeof *k->types);
    if (!n) return 0;
    char **names;
    const DataType **types;
    table_header(t, q, &names, &types);
    Expr **e;
    int ne;
    int rc = storage_bind(q, t->ncols, names, types, k->sql, &e, &ne, err);
    if (rc) return rc;
    if (ne != n) return err_set(err, ERR_BAD_ARGUMENTS, "Bad key expression %s", k->sql);
    for (int i = 0; i < n; i++) {
        k->names[i] = xstrdup(e[i]->name);
        k->types[i] = e[i]->type;
    }
    return 0;
}

void mt_key_release(MtKey *k)
{
    for (int i = 0; i < k->n; i++) free(k->names[i]);
    free(k->names);
    free(k->types);
    free(k->sql);
}

int mt_eval_key(QueryCtx *q, Table *t, const MtKey *key, Chunk *ch, Column **cols, Err *err)
{
    if (!key->n) return 0;
    char **names;
    const DataType **types;
    table_header(t, q, &names, &types);
    Expr **e;
    int n;
    int rc = storage_bind(q, t->ncols, names, types, key->sql, &e, &n, err);
    if (rc) return rc;
    for (int i = 0; i < n && i < key->n; i++) {
        if ((rc = expr_eval(e[i], ch, &cols[i], err))) {
            for (int k = 0; k < i; k++) col_unref(cols[k]);
            return rc;
        }
        if (cols[i]->is_const) {
            Column *m = col_materialize(cols[i]);
            col_unref(cols[i]);
            cols[i] = m;
        }
    }
    return 0;
}

static bool key_reads(QueryCtx *q, Table *t, const MtKey *key, int col)
{
    if (!key->n) return false;
    char **names;
    const DataType **types;
    table_header(t, q, &names, &types);
    Expr **e;
    int n;
    Err err;
    if (storage_bind(q, t->ncols, names, types, key->sql, &e, &n, &err) != 0) return false;
    bool *used = arena_alloc(&q->arena, (size_t)t->ncols + 1);
    for (int i = 0; i < n; i++) expr_mark_inputs(e[i], used, t->ncols);
    return used[col];
}

bool mt_column_in_keys(Table *t, QueryCtx *q, const char *col)
{
    MtTable *mt = t->impl;
    int i = table_column_index(t, col);
    if (i < 0) return false;
    return key_reads(q, t, &mt->sort, i) || key_reads(q, t, &mt->primary, i) || key_reads(q, t, &mt->partition, i);
}

bool mt_column_in_indexes_or_ttl(Table *t, QueryCtx *q, const char *col)
{
    MtTable *mt = t->impl;
    int i = table_column_index(t, col);
    if (i < 0) return false;
    bool *one = arena_alloc(&q->arena, (size_t)t->ncols + 1);
    one[i] = true;
    return mt_skip_reads_columns(mt, t, q, one) || mt_ttl_reads_column(mt, t, q, i);
}

/* ---- partition ids ---- */

/* ClickHouse's Field type tags, which its partition-id hash includes. */
enum { FT_UINT64 = 1, FT_INT64 = 2, FT_FLOAT64 = 3, FT_UINT128 = 4, FT_INT128 = 5, FT_STRING = 16, FT_UUID = 27, FT_BOOL = 28 };

static bool integral_field(const DataType *t)
{
    t = type_strip_lc(t);
    switch (t->kind) {
    case TYPE_UINT8: case TYPE_UINT16: case TYPE_UINT32: case TYPE_UINT64:
    case TYPE_INT8: case TYPE_INT16: case TYPE_INT32: case TYPE_INT64:
    case TYPE_DATE: case TYPE_DATE32: case TYPE_DATETIME: case TYPE_ENUM8: case TYPE_ENUM16: case TYPE_IPV4: case TYPE_BOOL:
        return true;
    default: return false;
    }
}

static void hash_field(const Column *c, Buf *b)
{
    const DataType *t = type_strip_lc(c->type);
    if (c->type->kind == TYPE_LOWCARDINALITY) c = c->sub[0];
    uint8_t tag;
    if (type_is_stringy(t)) {
        size_t n;
        const char *s = col_str(c, 0, &n);
        uint64_t n64 = n;
        tag = FT_STRING;
        buf_put(b, &tag, 1);
        buf_put(b, &n64, 8);
        buf_put(b, s, n);
        return;
    }
    if (type_is_float(t)) {
        double d = col_get_f64(c, 0);
        tag = FT_FLOAT64;
        buf_put(b, &tag, 1);
        buf_put(b, &d, 8);
        return;
    }
    if (t->kind == TYPE_BOOL) {
        uint64_t v = col_get_u64(c, 0);
        tag = FT_BOOL;
        buf_put(b, &tag, 1);
        buf_put(b, &v, 8);
        return;
    }
    if (t->size == 16) {
        tag = t->kind == TYPE_UUID ? FT_UUID : t->kind == TYPE_INT128 ? FT_INT128 : FT_UINT128;
        buf_put(b, &tag, 1);
        buf_put(b, c->data.data, 16);
        return;
    }
    uint64_t v = (uint64_t)col_get_i64(c, 0);
    tag = type_is_sint(t) ? FT_INT64 : FT_UINT64;
    buf_put(b, &tag, 1);
    buf_put(b, &v, 8);
}

void mt_partition_id(Column **values, int n, char *out, size_t cap)
{
    if (n == 0) {
        snprintf(out, cap, "all");
        return;
    }
    bool integral = true;
    for (int i = 0; i < n; i++) integral &= integral_field(values[i]->type);
    Buf b = {0};
    if (integral) {
        for (int i = 0; i < n; i++) {
            if (i) buf_putc(&b, '-');
            const DataType *t = type_strip_lc(values[i]->type);
            if (t->kind == TYPE_DATE || t->kind == TYPE_DATE32) {
                int64_t day = col_get_i64(values[i], 0);
                int y;
                unsigned m, d;
                civil_from_days(day, &y, &m, &d);
                buf_printf(&b, "%04d%02u%02u", y, m, d);
            } else if (type_is_sint(t) || type_is_enum(t)) {
                buf_printf(&b, "%lld", (long long)col_get_i64(values[i], 0));
            } else {
                buf_printf(&b, "%llu", (unsigned long long)col_get_u64(values[i], 0));
            }
        }
        snprintf(out, cap, "%.*s", (int)b.len, b.data);
    } else {
        for (int i = 0; i < n; i++) hash_field(values[i], &b);
        U128 h = siphash128(b.data, b.len);
        unsigned char bytes[16];
        memcpy(bytes, &h.lo, 8);
        memcpy(bytes + 8, &h.hi, 8);
        size_t k = 0;
        for (int i = 0; i < 16 && k + 2 < cap; i++, k += 2) snprintf(out + k, 3, "%02x", bytes[i]);
        out[k] = 0;
    }
    buf_free(&b);
}

int mt_partition_id_for(Table *t, QueryCtx *q, Column *value, char *out, size_t cap, Err *err)
{
    MtTable *mt = t->impl;
    int n = mt->partition.n;
    Column **vals = xcalloc((size_t)n + 1, sizeof *vals);
    const Column *v = value->type->kind == TYPE_LOWCARDINALITY ? value->sub[0] : value;
    int rc = 0;
    if (n > 1 && (v->type->kind != TYPE_TUPLE || v->nsub != n))
        rc = err_set(err, ERR_INVALID_PARTITION_VALUE, "Wrong number of fields in the partition expression: %d, must be: %d",
                     v->type->kind == TYPE_TUPLE ? v->nsub : 1, n);
    FormatSettings fs;
    format_settings_default(&fs);
    for (int i = 0; i < n && !rc; i++) {
        Column *src = n > 1 ? v->sub[i] : (Column *)v;
        Column *m = col_materialize(src);
        rc = col_cast(m, mt->partition.types[i], CAST_THROW, &fs, &vals[i], err);
        col_unref(m);
    }
    if (!rc) mt_partition_id(vals, n, out, cap);
    for (int i = 0; i < n; i++) col_unref(vals[i]);
    free(vals);
    return rc;
}

/* ---- parts list ---- */

static int part_order(const MtPart *a, const MtPart *b)
{
    int c = strcmp(a->info.partition_id, b->info.partition_id);
    if (c) return c;
    return a->info.min_block < b->info.min_block ? -1 : a->info.min_block > b->info.min_block;
}

/* Adds p (the list takes the reference) keeping partition/min-block order. Lock held. */
static void parts_add(MtTable *mt, MtPart *p)
{
    if (mt->nparts == mt->capparts) {
        mt->capparts = mt->capparts ? mt->capparts * 2 : 16;
        mt->parts = xrealloc(mt->parts, sizeof *mt->parts * (size_t)mt->capparts);
    }
    int i = mt->nparts;
    while (i > 0 && part_order(mt->parts[i - 1], p) > 0) {
        mt->parts[i] = mt->parts[i - 1];
        i--;
    }
    mt->parts[i] = p;
    mt->nparts++;
}

void mt_replace_parts(MtTable *mt, MtPart **sources, int n, MtPart *merged)
{
    pthread_mutex_lock(&mt->lock);
    for (int i = 0; i < n; i++) {
        int k = 0;
        while (k < mt->nparts && mt->parts[k] != sources[i]) k++;
        if (k == mt->nparts) continue;
        MtPart *p = mt->parts[k];
        memmove(mt->parts + k, mt->parts + k + 1, sizeof *mt->parts * (size_t)(mt->nparts - k - 1));
        mt->nparts--;
        p->state = PART_OUTDATED;
        p->remove_when_free = true;
        p->outdated_at = (uint64_t)time(NULL);
        if (mt->noutdated == mt->capoutdated) {
            mt->capoutdated = mt->capoutdated ? mt->capoutdated * 2 : 16;
            mt->outdated = xrealloc(mt->outdated, sizeof *mt->outdated * (size_t)mt->capoutdated);
        }
        mt->outdated[mt->noutdated++] = p;   /* the list's reference moves here */
    }
    if (merged) parts_add(mt, merged);
    pthread_mutex_unlock(&mt->lock);
}

MtPart **mt_parts_snapshot(MtTable *mt, int *n)
{
    pthread_mutex_lock(&mt->lock);
    MtPart **out = xcalloc((size_t)mt->nparts + 1, sizeof *out);
    for (int i = 0; i < mt->nparts; i++) out[i] = mt_part_ref(mt->parts[i]);
    *n = mt->nparts;
    pthread_mutex_unlock(&mt->lock);
    return out;
}

void mt_parts_release(MtPart **parts, int n)
{
    for (int i = 0; i < n; i++) mt_part_unref(parts[i]);
    free(parts);
}

/* Active parts of the busiest partition (parts are kept by partition) and
 * their total size. */
static int max_in_partition(MtTable *mt, uint64_t *bytes)
{
    int best = 0;
    *bytes = 0;
    for (int i = 0; i < mt->nparts;) {
        int j = i;
        uint64_t b = 0;
        for (; j < mt->nparts && !strcmp(mt->parts[j]->info.partition_id, mt->parts[i]->info.partition_id); j++) b += mt->parts[j]->bytes_on_disk;
        if (j - i > best) best = j - i, *bytes = b;
        i = j;
    }
    return best;
}

/* 321.00 B, 1.50 KiB, ... as ClickHouse's formatReadableSizeWithBinarySuffix. */
static void readable_size(double v, char *out, size_t cap)
{
    static const char *UNITS[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (v >= 1024 && u < 6) v /= 1024, u++;
    snprintf(out, cap, "%.2f %s", v, UNITS[u]);
}

/* ---- startup ---- */

static void log_line(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
}

static const DataType **pk_types(MtTable *mt) { return mt->primary.types; }

static int cmp_loaded(const void *x, const void *y)
{
    const MtPart *a = *(MtPart *const *)x, *b = *(MtPart *const *)y;
    /* covering parts first: higher level, then wider range */
    if (a->info.level != b->info.level) return a->info.level > b->info.level ? -1 : 1;
    if (a->info.mutation != b->info.mutation) return a->info.mutation > b->info.mutation ? -1 : 1;
    int64_t wa = a->info.max_block - a->info.min_block, wb = b->info.max_block - b->info.min_block;
    return wa > wb ? -1 : wa < wb;
}

static void detach_broken(MtTable *mt, const char *name, const char *why)
{
    char from[4096], to[8192], dir[4096], msg[8192];
    Err e;
    if (snprintf(dir, sizeof dir, "%s/detached", mt->dir) >= (int)sizeof dir ||
        snprintf(from, sizeof from, "%s/%s", mt->dir, name) >= (int)sizeof from ||
        snprintf(to, sizeof to, "%s/broken-on-start_%s", dir, name) >= (int)sizeof to)
        return;
    fs_mkdir_p(dir, &e);
    fs_remove_tree(to);
    if (fs_rename(from, to, &e) != 0) fs_remove_tree(from);
    if (snprintf(msg, sizeof msg, "%s: %s", name, why) < 0) return;
    log_line("basalt: detaching broken part %s (table directory %s)", msg, mt->dir);
}

static int load_parts(MtTable *mt, Err *err)
{
    char **names;
    int n;
    fs_list(mt->dir, &names, &n);
    MtPart **loaded = xcalloc((size_t)n + 1, sizeof *loaded);
    int nl = 0;
    for (int i = 0; i < n; i++) {
        char path[4096];
        fs_path(path, sizeof path, "%s/%s", mt->dir, names[i]);
        if (!strncmp(names[i], "tmp_", 4)) {
            fs_remove_tree(path);
            continue;
        }
        MtPartName pn;
        if (!fs_is_dir(path) || !mt_part_name_parse(names[i], &pn)) continue;
        if (pn.max_block > mt->block_counter) mt->block_counter = pn.max_block;
        if (pn.mutation > mt->block_counter) mt->block_counter = pn.mutation;
        MtPart *p;
        Err e;
        if (mt_part_load(mt->dir, names[i], pk_types(mt), mt->primary.n, mt->settings.pk_skip_suffix_ratio, &p, &e) != 0) {
            if (e.code == ERR_UNKNOWN_FORMAT_VERSION) {   /* a newer basalt's part is not broken: leave it, refuse the table */
                for (int k = 0; k < nl; k++) mt_part_unref(loaded[k]);
                free(loaded);
                fs_free_names(names, n);
                *err = e;
                return e.code;
            }
            detach_broken(mt, names[i], e.msg);
            continue;
        }
        loaded[nl++] = p;
    }
    fs_free_names(names, n);
    /* containment: a part inside another loaded part was merged away */
    qsort(loaded, (size_t)nl, sizeof *loaded, cmp_loaded);
    for (int i = 0; i < nl; i++) {
        bool covered = false;
        for (int j = 0; j < nl && !covered; j++)
            if (j != i && loaded[j] && loaded[j] != loaded[i] && mt_part_contains(&loaded[j]->info, &loaded[i]->info) &&
                strcmp(loaded[j]->name, loaded[i]->name))
                covered = true;
        if (covered) {
            loaded[i]->remove_when_free = true;
            mt_part_unref(loaded[i]);
            loaded[i] = NULL;
        }
    }
    for (int i = 0; i < nl; i++)
        if (loaded[i]) parts_add(mt, loaded[i]);
    free(loaded);
    return 0;
}

/* ---- SHOW CREATE text ---- */

static char *engine_text(MtTable *mt, const MtDef *d)
{
    Buf b = {0};
    buf_puts(&b, mt->engine_name);
    if (mt->nengine_args) {
        buf_putc(&b, '(');
        for (int i = 0; i < mt->nengine_args; i++) {
            if (i) buf_puts(&b, ", ");
            buf_puts(&b, mt->engine_args[i]);
        }
        buf_putc(&b, ')');
    }
    if (d->partition_by) buf_printf(&b, "\nPARTITION BY %s", d->partition_by);
    if (d->primary_key) buf_printf(&b, "\nPRIMARY KEY %s", d->primary_key);
    buf_printf(&b, "\nORDER BY %s", d->order_by ? d->order_by : d->primary_key ? d->primary_key : "tuple()");
    if (d->sample_by) buf_printf(&b, "\nSAMPLE BY %s", d->sample_by);
    if (d->ttl) buf_printf(&b, "\nTTL %s", d->ttl);
    if (d->ttl && d->ttl_where) buf_printf(&b, " WHERE %s", d->ttl_where);
    buf_puts(&b, "\nSETTINGS ");
    bool has_granularity = false;
    for (int i = 0; i < d->nsettings; i++) has_granularity |= !strcmp(d->setting_names[i], "index_granularity");
    for (int i = 0; i < d->nsettings; i++) buf_printf(&b, "%s%s = %s", i ? ", " : "", d->setting_names[i], d->setting_sql[i]);
    if (!has_granularity) buf_printf(&b, "%sindex_granularity = 8192", d->nsettings ? ", " : "");   /* ClickHouse adds it last */
    char *s = xstrndup(b.data, b.len);
    buf_free(&b);
    return s;
}

/* ---- codecs ---- */

static int table_codecs(MtTable *mt, Table *t, QueryCtx *q, Err *err)
{
    free(mt->codecs);
    mt->codecs = xcalloc((size_t)t->ncols + 1, sizeof *mt->codecs);
    mt->ncodecs = t->ncols;
    for (int i = 0; i < t->ncols; i++) {
        const char *text = t->cols[i].codec ? t->cols[i].codec : mt->settings.default_compression_codec;
        if (!text) {
            codec_chain_default(&mt->codecs[i]);
            continue;
        }
        int rc = codec_chain_parse(text, t->cols[i].type, &mt->codecs[i], err);
        if (rc) return rc;
    }
    return 0;
}

/* ---- engine object ---- */

static int parse_kind(MtTable *mt, const MtDef *d, Err *err)
{
    static const struct { const char *name; MtKind kind; int min_args, max_args; } KINDS[] = {
        {"MergeTree", MT_PLAIN, 0, 0}, {"ReplacingMergeTree", MT_REPLACING, 0, 2}, {"SummingMergeTree", MT_SUMMING, 0, 1},
        {"AggregatingMergeTree", MT_AGGREGATING, 0, 0}, {"CollapsingMergeTree", MT_COLLAPSING, 1, 1},
        {"VersionedCollapsingMergeTree", MT_VERSIONED_COLLAPSING, 2, 2},
    };
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++) {
        if (strcmp(KINDS[i].name, d->engine)) continue;
        if (d->nengine_args < KINDS[i].min_args || d->nengine_args > KINDS[i].max_args)
            return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Storage %s requires %d to %d parameters", d->engine,
                           KINDS[i].min_args, KINDS[i].max_args);
        mt->kind = KINDS[i].kind;
        mt->engine_name = xstrdup(d->engine);
        mt->nengine_args = d->nengine_args;
        mt->engine_args = xcalloc((size_t)d->nengine_args + 1, sizeof *mt->engine_args);
        for (int k = 0; k < d->nengine_args; k++) mt->engine_args[k] = xstrdup(d->engine_args[k]);
        return 0;
    }
    return err_set(err, ERR_UNKNOWN_STORAGE, "Unknown table engine %s", d->engine);
}

static bool key_has_nullable(const MtKey *k)
{
    for (int i = 0; i < k->n; i++)
        if (type_strip_lc(k->types[i])->kind == TYPE_NULLABLE) return true;
    return false;
}

static void mt_free(MtTable *mt)
{
    for (int i = 0; i < mt->nparts; i++) mt_part_unref(mt->parts[i]);
    free(mt->parts);
    for (int i = 0; i < mt->noutdated; i++) mt_part_unref(mt->outdated[i]);
    free(mt->outdated);
    mt_mutations_free(mt);
    mt_skip_free(mt);
    mt_key_release(&mt->sort);
    mt_key_release(&mt->primary);
    mt_key_release(&mt->partition);
    for (int i = 0; i < mt->nminmax; i++) free(mt->minmax_cols[i]);
    free(mt->minmax_cols);
    for (int i = 0; i < mt->nengine_args; i++) free(mt->engine_args[i]);
    free(mt->engine_args);
    for (int i = 0; i < mt->nsettings; i++) {
        free(mt->setting_names[i]);
        free(mt->setting_values[i]);
    }
    free(mt->setting_names);
    free(mt->setting_values);
    free(mt->settings.default_compression_codec);
    free(mt->engine_name);
    free(mt->ttl_sql);
    free(mt->ttl_where_sql);
    free(mt->ttl_times);
    free(mt->codecs);
    free(mt->dir);
    pthread_mutex_destroy(&mt->lock);
    pthread_cond_destroy(&mt->wake);
    free(mt);
}

static int init_keys(MtTable *mt, Table *t, QueryCtx *q, const MtDef *d, Err *err)
{
    int rc = mt_key_bind(&mt->sort, t, q, d->order_items, d->norder_items, err);
    if (!rc) rc = d->primary_key ? mt_key_bind(&mt->primary, t, q, d->primary_items, d->nprimary_items, err)
                                 : mt_key_bind(&mt->primary, t, q, d->order_items, d->norder_items, err);
    if (!rc) rc = mt_key_bind(&mt->partition, t, q, d->partition_items, d->npartition_items, err);
    if (rc) return rc;
    if (d->primary_key && d->order_by) {
        if (mt->primary.n > mt->sort.n)
            return err_set(err, ERR_BAD_ARGUMENTS, "Primary key must be a prefix of the sorting key, but its length: %d is greater than the sorting key length: %d",
                           mt->primary.n, mt->sort.n);
        for (int i = 0; i < mt->primary.n; i++)
            if (strcmp(mt->primary.names[i], mt->sort.names[i]))
                return err_set(err, ERR_BAD_ARGUMENTS, "Primary key must be a prefix of the sorting key, but the column in the position %d is %s, not %s",
                               i, mt->sort.names[i], mt->primary.names[i]);
    } else if (d->primary_key) {
        /* PRIMARY KEY alone is also the sorting key */
        mt_key_release(&mt->sort);
        if ((rc = mt_key_bind(&mt->sort, t, q, d->primary_items, d->nprimary_items, err))) return rc;
    }
    if (!mt->settings.allow_nullable_key && (key_has_nullable(&mt->sort) || key_has_nullable(&mt->partition)))
        return err_set(err, ERR_ILLEGAL_COLUMN, "%s key contains nullable columns, but merge tree setting `allow_nullable_key` is disabled",
                       key_has_nullable(&mt->sort) ? "Sorting" : "Partition");
    mt->nminmax = d->nminmax_cols;
    mt->minmax_cols = xcalloc((size_t)d->nminmax_cols + 1, sizeof *mt->minmax_cols);
    for (int i = 0; i < d->nminmax_cols; i++) mt->minmax_cols[i] = xstrdup(d->minmax_cols[i]);
    return 0;
}

/* ClickHouse 26.7 refuses AggregatingMergeTree columns that are neither
 * keys nor aggregate states: merges would keep an arbitrary value of them. */
static int check_dimensions(MtTable *mt, Table *t, QueryCtx *q, const MtDef *d, Err *err)
{
    if (mt->kind != MT_AGGREGATING || setting_u64(d, "allow_dimensions_outside_sorting_key")) return 0;
    Buf bad = {0};
    for (int i = 0; i < t->ncols; i++) {
        const ColumnDef *c = &t->cols[i];
        if (c->type->kind == TYPE_AGGSTATE || c->type->simple_agg || c->default_kind == CD_ALIAS || c->default_kind == CD_MATERIALIZED ||
            c->default_kind == CD_EPHEMERAL || key_reads(q, t, &mt->sort, i) || key_reads(q, t, &mt->partition, i))
            continue;
        buf_printf(&bad, "%s%s", bad.len ? ", " : "", c->name);
    }
    if (!bad.len) return 0;
    buf_putc(&bad, 0);
    int rc = err_set(err, ERR_BAD_ARGUMENTS,
                     "Column(s) %s of the AggregatingMergeTree table are neither part of the sorting key nor aggregate measures "
                     "(AggregateFunction or SimpleAggregateFunction). During background merges, rows with the same value of the "
                     "sorting key are collapsed into one, so these columns keep an arbitrary value, which silently produces wrong "
                     "results for queries that GROUP BY or filter on them. Add them to the sorting key (ORDER BY), or set "
                     "'allow_dimensions_outside_sorting_key = 1' if this is intentional (for example, when the columns are "
                     "functionally dependent on the sorting key).", bad.data);
    buf_free(&bad);
    return rc;
}

int mt_engine_init(Table *t, QueryCtx *q, const MtDef *d, bool attach, Err *err)
{
    MtTable *mt = xcalloc(1, sizeof *mt);
    pthread_mutex_init(&mt->lock, NULL);
    pthread_cond_init(&mt->wake, NULL);
    mt->table = t;
    mt->dir = xstrdup(d->data_dir);
    int rc = parse_kind(mt, d, err);
    if (!rc) rc = parse_settings(mt, d, err);
    if (!rc) rc = init_keys(mt, t, q, d, err);
    if (!rc && !attach) rc = check_dimensions(mt, t, q, d, err);
    if (!rc) rc = table_codecs(mt, t, q, err);
    if (!rc && d->ttl) rc = mt_ttl_init(mt, t, q, d->ttl, d->ttl_where, err);
    if (!rc && d->nindexes) rc = mt_skip_init(mt, t, q, d, err);
    if (!rc && !attach) {
        fs_remove_tree(mt->dir);
        rc = fs_mkdir_p(mt->dir, err);
    } else if (!rc) {
        rc = fs_mkdir_p(mt->dir, err);
        if (!rc) rc = load_parts(mt, err);
        if (!rc) mt_mutations_load(mt);
    }
    if (rc) {
        mt_free(mt);
        return rc;
    }
    t->impl = mt;
    t->engine = &ENGINE_MERGE_TREE;
    t->engine_full = engine_text(mt, d);
    if (attach) mt_mutations_resume(mt, t, q);
    mt_merger_start(mt);
    return 0;
}

/* ---- INSERT ---- */

/* Stable sort of rows by key columns: perm[i] = source row of output row i. */
/* Key columns for comparing rows: fixed-width integers (and dates, times,
 * enums: the same order) compare inline, anything else through col_compare. */
typedef enum { KC_GENERIC, KC_U8, KC_U16, KC_U32, KC_U64, KC_I8, KC_I16, KC_I32, KC_I64 } KeyCmp;
typedef struct MtSortKey { const Column *col; const void *data; KeyCmp kind; } MtSortKey;
typedef struct SortCtx { MtSortKey *keys; int n; } SortCtx;

static KeyCmp key_cmp_kind(const Column *c)
{
    if (c->is_const) return KC_GENERIC;
    switch (c->type->kind) {
    case TYPE_UINT8: case TYPE_BOOL: return KC_U8;
    case TYPE_UINT16: case TYPE_DATE: return KC_U16;
    case TYPE_UINT32: case TYPE_DATETIME: case TYPE_IPV4: return KC_U32;
    case TYPE_UINT64: return KC_U64;
    case TYPE_INT8: case TYPE_ENUM8: return KC_I8;
    case TYPE_INT16: case TYPE_ENUM16: return KC_I16;
    case TYPE_INT32: case TYPE_DATE32: return KC_I32;
    case TYPE_INT64: case TYPE_DATETIME64: return KC_I64;
    default: return KC_GENERIC;
    }
}

#define CMP3(c, T, k, a, b)                                                            \
    do {                                                                                \
        T _x = ((const T *)(k)->data)[a], _y = ((const T *)(k)->data)[b];               \
        (c) = (_x > _y) - (_x < _y);                                                    \
    } while (0)

static int cmp_rows(const SortCtx *s, uint32_t a, uint32_t b)
{
    for (int i = 0; i < s->n; i++) {
        const MtSortKey *k = &s->keys[i];
        int c;
        switch (k->kind) {
        case KC_U8: CMP3(c, uint8_t, k, a, b); break;
        case KC_U16: CMP3(c, uint16_t, k, a, b); break;
        case KC_U32: CMP3(c, uint32_t, k, a, b); break;
        case KC_U64: CMP3(c, uint64_t, k, a, b); break;
        case KC_I8: CMP3(c, int8_t, k, a, b); break;
        case KC_I16: CMP3(c, int16_t, k, a, b); break;
        case KC_I32: CMP3(c, int32_t, k, a, b); break;
        case KC_I64: CMP3(c, int64_t, k, a, b); break;
        default: c = col_compare(k->col, a, k->col, b, 1); break;
        }
        if (c) return c;
    }
    return a < b ? -1 : a > b;
}

static void merge_runs(const SortCtx *s, uint32_t *a, uint32_t *tmp, size_t h, size_t n)
{
    if (cmp_rows(s, a[h - 1], a[h]) <= 0) return;
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = cmp_rows(s, a[j], a[i]) < 0 ? a[j++] : a[i++];
    while (i < h) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

static void merge_sort(const SortCtx *s, uint32_t *a, uint32_t *tmp, size_t n)
{
    if (n < 2) return;
    size_t h = n / 2;
    merge_sort(s, a, tmp, h);
    merge_sort(s, a + h, tmp, n - h);
    merge_runs(s, a, tmp, h, n);
}

typedef struct HalfSort { const SortCtx *s; uint32_t *a, *tmp; size_t n; } HalfSort;

static void *half_sort(void *arg)
{
    HalfSort *h = arg;
    merge_sort(h->s, h->a, h->tmp, h->n);
    return NULL;
}

/* Stable: equal keys keep their order. A large block sorts its two halves
 * on two threads, then merges them. */
void mt_sort_perm(Column **keys, int nkeys, size_t rows, uint32_t *perm)
{
    for (size_t i = 0; i < rows; i++) perm[i] = (uint32_t)i;
    if (!nkeys || rows < 2) return;
    int nw = mt_nk_words_cols(keys, nkeys);
    if (nw) {   /* integer-like keys: packed into words and radix sorted */
        uint64_t *nk = xmalloc(rows * (size_t)nw * sizeof *nk);
        mt_nk_pack(keys, nkeys, rows, nw, nk);
        mt_nk_sort(nk, nw, rows, perm);
        free(nk);
        return;
    }
    uint32_t *tmp = xcalloc(rows, sizeof *tmp);
    MtSortKey *sk = xcalloc((size_t)nkeys, sizeof *sk);
    for (int k = 0; k < nkeys; k++) {
        const Column *c = keys[k]->type->kind == TYPE_LOWCARDINALITY ? keys[k]->sub[0] : keys[k];
        sk[k] = (MtSortKey){keys[k], c->data.data, key_cmp_kind(c)};
    }
    SortCtx s = {sk, nkeys};
    size_t h = rows / 2;
    HalfSort hs = {&s, perm + h, tmp + h, rows - h};
    pthread_t th;
    if (rows >= 65536 && sysconf(_SC_NPROCESSORS_ONLN) > 1 && thread_start(&th, half_sort, &hs, false) == 0) {
        merge_sort(&s, perm, tmp, h);
        pthread_join(th, NULL);
        merge_runs(&s, perm, tmp, h, rows);
    } else {
        merge_sort(&s, perm, tmp, rows);
    }
    free(sk);
    free(tmp);
}

typedef struct GatherJobs {
    const Chunk *in;
    Chunk *out;
    const uint32_t *idx;
    size_t n;
    int next;          /* next column (atomic) */
    MemTracker *mem;   /* the query's tracker, shared by both threads */
} GatherJobs;

static void *gather_worker(void *arg)
{
    GatherJobs *j = arg;
    mem_current = j->mem;
    for (int c; (c = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED)) < j->in->ncols;)
        j->out->cols[c] = col_gather(j->in->cols[c], j->idx, j->n);
    return NULL;
}

/* The rows of ch in the order idx gives; a large block's columns on a second
 * thread too (the permutation makes this a memory-bound random read). */
static Chunk *gather_chunk(const Chunk *ch, const uint32_t *idx, size_t n)
{
    Chunk *out = chunk_new(ch->ncols, n);
    GatherJobs j = {ch, out, idx, n, 0, mem_current};
    pthread_t th;
    bool two = n >= 65536 && ch->ncols >= 2 && sysconf(_SC_NPROCESSORS_ONLN) > 1 && thread_start(&th, gather_worker, &j, false) == 0;
    gather_worker(&j);
    if (two) pthread_join(th, NULL);
    return out;
}

/* As ClickHouse checks before an INSERT: the busiest partition's active
 * parts against parts_to_delay_insert / parts_to_throw_insert. */
static int check_pressure(MtTable *mt, Err *err)
{
    pthread_mutex_lock(&mt->lock);
    uint64_t bytes;
    int n = max_in_partition(mt, &bytes), total = mt->nparts;
    pthread_mutex_unlock(&mt->lock);
    uint64_t thr = mt->settings.parts_to_throw_insert, delay = mt->settings.parts_to_delay_insert;
    if ((thr && (uint64_t)n >= thr) || (mt->settings.max_parts_in_total && (uint64_t)total >= mt->settings.max_parts_in_total)) {
        char avg[64];
        readable_size(n ? (double)bytes / n : 0, avg, sizeof avg);
        return err_set(err, ERR_TOO_MANY_PARTS, "Too many parts (%d with average size of %s) in table '%s.%s'. Merges are processing significantly slower than inserts",
                       n, avg, mt->table->db, mt->table->name);
    }
    if (delay && (uint64_t)n >= delay && thr > delay) {
        /* linear back-pressure up to one second, as ClickHouse since 23.1 */
        uint64_t k = (uint64_t)n - delay + 1, max_k = thr - delay;
        uint64_t ms = 1000 * k / max_k;
        if (ms < 10) ms = 10;
        mt_merger_wake(mt);
        usleep((useconds_t)(ms * 1000));
    }
    return 0;
}

/* Writes the rows of one partition as a new part. */
/* What every part of the table is written with. */
void mt_write_spec(MtTable *mt, Table *t, QueryCtx *q, Column **pvalues, MtWriteSpec *spec)
{
    char **names;
    const DataType **types;
    table_header(t, q, &names, &types);
    int *mm = arena_alloc(&q->arena, sizeof *mm * (size_t)(mt->nminmax + 1));
    for (int i = 0; i < mt->nminmax; i++) mm[i] = table_column_index(t, mt->minmax_cols[i]);
    *spec = (MtWriteSpec){
        .table_dir = mt->dir, .ncols = t->ncols, .col_names = names, .col_types = types, .codecs = mt->codecs,
        .granularity = mt->settings.index_granularity, .granularity_bytes = mt->settings.index_granularity_bytes,
        .min_compress_block = mt->settings.min_compress_block_size, .max_compress_block = mt->settings.max_compress_block_size,
        .sync = mt->settings.fsync_after_insert, .npk = mt->primary.n, .pk_types = mt->primary.types, .partition = pvalues, .npartition = mt->partition.n,
        .minmax_cols = mm, .minmax_names = mt->minmax_cols, .nminmax = mt->nminmax,
    };
}

bool mt_compact_part(const MtTable *mt, uint64_t bytes, uint64_t rows)
{
    return bytes < mt->settings.min_bytes_for_wide_part || rows < mt->settings.min_rows_for_wide_part;
}

/* Commits a written part and adds it to the active set. */
int mt_commit_new_part(MtTable *mt, const char *tmp, const MtPartName *pn, MtPart **out, Err *err)
{
    char nm[256];
    int rc = mt_part_commit(tmp, mt->dir, pn, mt->settings.fsync_part_directory, err);
    mt_part_name_format(pn, nm, sizeof nm);
    MtPart *p = NULL;
    if (!rc) rc = mt_part_load(mt->dir, nm, mt->primary.types, mt->primary.n, mt->settings.pk_skip_suffix_ratio, &p, err);
    if (rc) return rc;
    *out = p;
    return 0;
}

/* Writes the rows of one partition as a new part. */
static int insert_partition(Table *t, QueryCtx *q, Chunk *rows, Column **pvalues, Err *err)
{
    MtTable *mt = t->impl;
    char pid[128];
    mt_partition_id(pvalues, mt->partition.n, pid, sizeof pid);
    int rc;
    Column **skeys = xcalloc((size_t)mt->sort.n + 1, sizeof *skeys);
    if ((rc = mt_eval_key(q, t, &mt->sort, rows, skeys, err))) {
        free(skeys);
        return rc;
    }
    uint32_t *perm = xcalloc(rows->rows + 1, sizeof *perm);
    mt_sort_perm(skeys, mt->sort.n, rows->rows, perm);
    Chunk *sorted = gather_chunk(rows, perm, rows->rows);
    Column **pk = xcalloc((size_t)mt->primary.n + 1, sizeof *pk);
    for (int i = 0; i < mt->primary.n; i++) pk[i] = col_gather(skeys[i], perm, rows->rows);
    MtWriteSpec spec;
    mt_write_spec(mt, t, q, pvalues, &spec);
    spec.compact = mt_compact_part(mt, chunk_bytes(sorted), sorted->rows);
    MtPartName pn = {0};
    snprintf(pn.partition_id, sizeof pn.partition_id, "%s", pid);
    pthread_mutex_lock(&mt->lock);
    pn.min_block = pn.max_block = ++mt->block_counter;
    pthread_mutex_unlock(&mt->lock);
    char tmp[4096];
    MtPartWriter *w;
    rc = mt_writer_open(&spec, &pn, "insert", &w, err);
    MtSkipBuilder *sb = mt_skip_builder_new(mt);
    if (!rc) rc = mt_ttl_note(mt, t, q, sorted, w, err);
    if (!rc) rc = mt_writer_write(w, sorted, pk, err);
    if (!rc && sb) {
        uint32_t ng;
        const uint32_t *gs = mt_writer_granules(w, &ng);
        rc = mt_skip_builder_add(sb, t, q, sorted, gs, ng, err);
        if (!rc) rc = mt_skip_builder_finish(sb, w, err);
        sb = NULL;
    }
    mt_skip_builder_free(sb);
    if (rc && w) mt_writer_abort(w);
    if (!rc) rc = mt_writer_finish(w, tmp, sizeof tmp, err);
    MtPart *p = NULL;
    if (!rc) rc = mt_commit_new_part(mt, tmp, &pn, &p, err);
    if (!rc) {
        pthread_mutex_lock(&mt->lock);
        parts_add(mt, p);
        pthread_mutex_unlock(&mt->lock);
        mt_merger_wake(mt);
    }
    for (int i = 0; i < mt->sort.n; i++) col_unref(skeys[i]);
    for (int i = 0; i < mt->primary.n; i++) col_unref(pk[i]);
    free(skeys);
    free(pk);
    free(perm);
    chunk_free(sorted);
    return rc;
}

/* Splits rows by partition value, in order of first appearance. */
static int split_partitions(Column **pcols, int np, size_t rows, uint32_t *group, uint32_t **first, uint32_t *ngroups)
{
    size_t cap = 16;
    while (cap < rows * 2) cap *= 2;
    uint32_t *slots = xcalloc(cap, sizeof *slots);   /* group + 1, 0 = empty */
    uint64_t *hashes = xcalloc(cap, sizeof *hashes);
    *first = xcalloc(rows + 1, sizeof **first);
    uint32_t ng = 0;
    for (size_t r = 0; r < rows; r++) {
        uint64_t h = 0x9E3779B97F4A7C15ull;
        for (int k = 0; k < np; k++) h = col_hash_row(pcols[k], r, h);
        size_t j = h & (cap - 1);
        for (;;) {
            if (!slots[j]) {
                slots[j] = ++ng;
                hashes[j] = h;
                (*first)[ng - 1] = (uint32_t)r;
                group[r] = ng - 1;
                break;
            }
            if (hashes[j] == h) {
                uint32_t g = slots[j] - 1, f = (*first)[g];
                bool eq = true;
                for (int k = 0; k < np && eq; k++) eq = col_equal_rows(pcols[k], r, pcols[k], f);
                if (eq) {
                    group[r] = g;
                    break;
                }
            }
            j = (j + 1) & (cap - 1);
        }
    }
    free(slots);
    free(hashes);
    *ngroups = ng;
    return 0;
}

static int insert_block(Table *t, QueryCtx *q, Chunk *ch, Err *err);

/* A block is written under the table's read lock: an ALTER of columns
 * installs its schema between blocks, never during one. */
static int mt_insert(Table *t, QueryCtx *q, Chunk *ch, Err *err)
{
    if (ch->rows == 0) return 0;
    pthread_rwlock_rdlock(&t->lock);
    int rc = insert_block(t, q, ch, err);
    pthread_rwlock_unlock(&t->lock);
    return rc;
}

static int insert_block(Table *t, QueryCtx *q, Chunk *ch, Err *err)
{
    MtTable *mt = t->impl;
    int rc = check_pressure(mt, err);   /* once per block, before any part is written */
    if (rc) return rc;
    if (mt->partition.n == 0) return insert_partition(t, q, ch, NULL, err);
    Column **pcols = xcalloc((size_t)mt->partition.n + 1, sizeof *pcols);
    rc = mt_eval_key(q, t, &mt->partition, ch, pcols, err);
    if (rc) {
        free(pcols);
        return rc;
    }
    uint32_t *group = xcalloc(ch->rows, sizeof *group), *first = NULL, ng = 0;
    split_partitions(pcols, mt->partition.n, ch->rows, group, &first, &ng);
    uint32_t *idx = xcalloc(ch->rows, sizeof *idx);
    for (uint32_t g = 0; g < ng && !rc; g++) {
        size_t n = 0;
        for (size_t r = 0; r < ch->rows; r++)
            if (group[r] == g) idx[n++] = (uint32_t)r;
        Chunk *part = ng == 1 ? NULL : gather_chunk(ch, idx, n);
        Column **pv = xcalloc((size_t)mt->partition.n + 1, sizeof *pv);
        for (int k = 0; k < mt->partition.n; k++) pv[k] = col_gather(pcols[k], &first[g], 1);
        rc = insert_partition(t, q, part ? part : ch, pv, err);
        for (int k = 0; k < mt->partition.n; k++) col_unref(pv[k]);
        free(pv);
        chunk_free(part);
    }
    for (int k = 0; k < mt->partition.n; k++) col_unref(pcols[k]);
    free(pcols);
    free(group);
    free(first);
    free(idx);
    return rc;
}

/* ---- system.parts ---- */

/* The partition value as ClickHouse shows it: a single value as text, a
 * tuple as (v1,v2) with quoted values. */
static char *partition_text(const MtPart *p)
{
    Buf b = {0};
    FormatSettings fs;
    format_settings_default(&fs);
    int n = p->meta.npartition;
    if (n == 0) buf_puts(&b, "tuple()");
    else if (n == 1) text_write(&b, p->meta.partition[0], 0, TS_PLAIN, &fs);
    else {
        buf_putc(&b, '(');
        for (int i = 0; i < n; i++) {
            if (i) buf_putc(&b, ',');
            text_write(&b, p->meta.partition[i], 0, TS_QUOTED, &fs);
        }
        buf_putc(&b, ')');
    }
    char *r = xstrndup(b.data ? b.data : "", b.len);
    buf_free(&b);
    return r;
}

int mt_list_parts(Table *t, MtPartInfo **out, int *n)
{
    MtTable *mt = t->impl;
    pthread_mutex_lock(&mt->lock);
    int np = mt->nparts + mt->noutdated;
    MtPart **parts = xcalloc((size_t)np + 1, sizeof *parts);
    for (int i = 0; i < mt->nparts; i++) parts[i] = mt_part_ref(mt->parts[i]);
    for (int i = 0; i < mt->noutdated; i++) parts[mt->nparts + i] = mt_part_ref(mt->outdated[i]);
    pthread_mutex_unlock(&mt->lock);
    MtPartInfo *r = xcalloc((size_t)np + 1, sizeof *r);
    for (int i = 0; i < np; i++) {
        MtPart *p = parts[i];
        MtPartInfo *x = &r[i];
        snprintf(x->name, sizeof x->name, "%s", p->name);
        snprintf(x->partition_id, sizeof x->partition_id, "%s", p->info.partition_id);
        x->partition = partition_text(p);
        x->rows = p->meta.rows;
        x->bytes_on_disk = p->bytes_on_disk;
        x->compressed = p->compressed_bytes;
        x->uncompressed = p->uncompressed_bytes;
        x->marks = p->meta.marks;
        x->modification_time = p->meta.create_time;
        x->min_block = p->info.min_block;
        x->max_block = p->info.max_block;
        x->mutation = p->info.mutation;
        x->level = p->info.level;
        x->active = p->state == PART_ACTIVE;
        x->compact = (p->meta.flags & MT_PART_COMPACT) != 0;
        if (!mt->ttl_where_sql) x->delete_ttl_min = p->meta.ttl_min, x->delete_ttl_max = p->meta.ttl_max;
        for (int k = 0; k < p->meta.ncols; k++) x->has_lightweight_delete |= !strcmp(p->meta.col_names[k], MUT_ROW_EXISTS);
        x->minmax = p->meta.minmax;
        x->nminmax = p->meta.nminmax;
        for (int k = 0; k < x->nminmax; k++) col_ref(x->minmax[k]);
    }
    mt_parts_release(parts, np);
    *out = r;
    *n = np;
    return 0;
}

void mt_free_part_infos(MtPartInfo *infos, int n)
{
    for (int i = 0; i < n; i++) {
        free(infos[i].partition);
        for (int k = 0; k < infos[i].nminmax; k++) col_unref(infos[i].minmax[k]);
    }
    free(infos);
}

/* ---- CHECK TABLE ---- */

int mt_check_parts(Table *t, QueryCtx *q, const char *partition_id, const char *part, Chunk **out, Err *err)
{
    MtTable *mt = t->impl;
    int n;
    MtPart **parts = mt_parts_snapshot(mt, &n);
    Chunk *ch = chunk_new(3, 0);
    ch->cols[0] = col_new(type_basic(TYPE_STRING));
    ch->cols[1] = col_new(type_basic(TYPE_UINT8));
    ch->cols[2] = col_new(type_basic(TYPE_STRING));
    for (int i = 0; i < n; i++) {
        MtPart *p = parts[i];
        if ((partition_id && strcmp(partition_id, p->info.partition_id)) || (part && strcmp(part, p->name))) continue;
        Err e = {0};
        int rc = mt_part_check(p, &e);
        col_push_str(ch->cols[0], p->name, strlen(p->name));
        COL_PUSH(ch->cols[1], uint8_t, rc == 0);
        col_push_str(ch->cols[2], rc ? e.msg : "", rc ? strlen(e.msg) : 0);
        ch->rows++;
    }
    mt_parts_release(parts, n);
    *out = ch;
    return 0;
}

static int mt_check(Table *t, QueryCtx *q, Chunk **out, Err *err) { return mt_check_parts(t, q, NULL, NULL, out, err); }

/* ---- the rest of the engine interface ---- */

static int mt_truncate(Table *t, Err *err)
{
    MtTable *mt = t->impl;
    pthread_mutex_lock(&mt->lock);
    for (int i = 0; i < mt->nparts; i++) {
        mt->parts[i]->state = PART_OUTDATED;
        mt->parts[i]->remove_when_free = true;
        mt_part_unref(mt->parts[i]);
    }
    mt->nparts = 0;
    pthread_mutex_unlock(&mt->lock);
    return 0;
}

static int mt_reshape(Table *t, QueryCtx *q, const ColumnDef *cols, int ncols, const int *map, Column **fill, Err *err)
{
    /* Parts keep the columns they were written with: a column added later is
     * read as its default, a dropped one is ignored, a changed type is cast. */
    MtTable *mt = t->impl;
    Table tmp = *t;
    tmp.cols = (ColumnDef *)cols;
    tmp.ncols = ncols;
    return table_codecs(mt, &tmp, q, err);
}

static void mt_destroy(Table *t)
{
    MtTable *mt = t->impl;
    if (!mt) return;
    mt_merger_stop(mt);
    bool dropped = mt->dropped;
    char *dir = xstrdup(mt->dir);
    mt_free(mt);
    if (dropped) fs_remove_tree(dir);
    free(dir);
    t->impl = NULL;
}

static uint64_t mt_rows(Table *t)
{
    MtTable *mt = t->impl;
    uint64_t n = 0;
    pthread_mutex_lock(&mt->lock);
    for (int i = 0; i < mt->nparts; i++) n += mt->parts[i]->meta.rows;
    pthread_mutex_unlock(&mt->lock);
    return n;
}

static uint64_t mt_bytes(Table *t)
{
    MtTable *mt = t->impl;
    uint64_t n = 0;
    pthread_mutex_lock(&mt->lock);
    for (int i = 0; i < mt->nparts; i++) n += mt->parts[i]->bytes_on_disk;
    pthread_mutex_unlock(&mt->lock);
    return n;
}

static void mt_on_drop(Table *t)
{
    MtTable *mt = t->impl;
    if (mt) mt->dropped = true;
}

static int mt_rename(Table *t, const char *new_dir, Err *err)
{
    MtTable *mt = t->impl;
    pthread_mutex_lock(&mt->lock);
    int rc = fs_rename(mt->dir, new_dir, err);
    if (!rc) {
        free(mt->dir);
        mt->dir = xstrdup(new_dir);
        for (int i = 0; i < mt->nparts; i++) {
            char path[4096];
            fs_path(path, sizeof path, "%s/%s", new_dir, mt->parts[i]->name);
            free(mt->parts[i]->dir);
            mt->parts[i]->dir = xstrdup(path);
        }
    }
    pthread_mutex_unlock(&mt->lock);
    return rc;
}

const TableEngine ENGINE_MERGE_TREE = {
    .name = "MergeTree",
    .scan = mt_scan,
    .insert = mt_insert,
    .truncate = mt_truncate,
    .reshape = mt_reshape,
    .destroy = mt_destroy,
    .total_rows = mt_rows,
    .total_bytes = mt_bytes,
    .supports_prewhere = true,
    .on_drop = mt_on_drop,
    .rename = mt_rename,
    .optimize = mt_optimize,
    .check = mt_check,
    .mutate = mt_mutate,
    .drop_partition = mt_drop_partition,
};
