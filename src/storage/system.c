/* system.c — the `system` database: one, numbers, zeros, databases, tables,
 * columns, functions, settings, formats, build_options, data_type_families,
 * table_engines, table_functions.
 *
 * Each system table is a Table with ENGINE_SYSTEM and a generator that builds
 * its rows when scanned, from the live catalog and registries. Column names
 * and types follow ClickHouse 26.7; columns basalt has no data for hold their
 * type's default value.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/access.h"
#include "../base/mem.h"
#include "../base/proclist.h"
#include "../base/version.h"
#include "../format/format.h"
#include "../func/agg.h"
#include "../func/func.h"
#include "mtree.h"
#include "table.h"

/* ---- row builder ---- */

typedef struct SysBuilder {
    Table *t;
    Column **cols;
    uint8_t set[256];
} SysBuilder;

static void sb_init(SysBuilder *b, Table *t)
{
    b->t = t;
    b->cols = xcalloc((size_t)t->ncols, sizeof *b->cols);
    for (int i = 0; i < t->ncols; i++) b->cols[i] = col_new(t->cols[i].type);
    memset(b->set, 0, sizeof b->set);
}

static int sb_col(SysBuilder *b, const char *name)
{
    int i = table_column_index(b->t, name);
    if (i >= 0 && i < 256 && !b->set[i]) {
        b->set[i] = 1;
        return i;
    }
    return -1;
}

static void sb_str(SysBuilder *b, const char *name, const char *v)
{
    int i = sb_col(b, name);
    if (i < 0) return;
    Column *c = b->cols[i];
    if (c->type->kind == TYPE_NULLABLE) {
        col_push_str(c->sub[0], v, strlen(v));
        col_nullable_commit(c, false);
    } else {
        col_push_str(c, v, strlen(v));
    }
}

static void sb_u64(SysBuilder *b, const char *name, uint64_t v)
{
    int i = sb_col(b, name);
    if (i < 0) return;
    Column *c = b->cols[i];
    Column *target = c->type->kind == TYPE_NULLABLE ? c->sub[0] : c;
    Column *tmp = col_new(type_basic(TYPE_UINT64));
    COL_PUSH(tmp, uint64_t, v);
    FormatSettings fs;
    format_settings_default(&fs);
    Column *cv;
    if (col_cast(tmp, target->type, CAST_THROW, &fs, &cv, NULL) == 0) {
        col_push_from(target, cv, 0);
        col_unref(cv);
    } else {
        col_push_default(target);
    }
    col_unref(tmp);
    if (c->type->kind == TYPE_NULLABLE) col_nullable_commit(c, false);
}

/* An Array(String) value from n NUL-terminated strings laid end to end. */
static void sb_str_array(SysBuilder *b, const char *name, const char *strs, int n)
{
    int i = sb_col(b, name);
    if (i < 0) return;
    Column *c = b->cols[i];
    for (int k = 0; k < n; k++) {
        size_t len = strlen(strs);
        col_push_str(c->sub[0], strs, len);
        strs += len + 1;
    }
    col_close_array(c);
}

static void sb_i64_array(SysBuilder *b, const char *name, const int64_t *v, int n)
{
    int i = sb_col(b, name);
    if (i < 0) return;
    Column *c = b->cols[i];
    for (int k = 0; k < n; k++) COL_PUSH(c->sub[0], int64_t, v[k]);
    col_close_array(c);
}

static void sb_f64(SysBuilder *b, const char *name, double v)
{
    int i = sb_col(b, name);
    if (i < 0) return;
    COL_PUSH(b->cols[i], double, v);
}

/* A raw 64-bit value (DateTime64 ticks). */
static void sb_raw64(SysBuilder *b, const char *name, int64_t v)
{
    int i = sb_col(b, name);
    if (i < 0) return;
    COL_PUSH(b->cols[i], int64_t, v);
}

static void sb_end_row(SysBuilder *b)
{
    for (int i = 0; i < b->t->ncols; i++) {
        if (!b->set[i]) col_push_default(b->cols[i]);
        b->set[i] = 0;
    }
}

static Chunk *sb_finish(SysBuilder *b)
{
    size_t rows = b->t->ncols ? b->cols[0]->rows : 0;
    Chunk *ch = chunk_new(b->t->ncols, rows);
    for (int i = 0; i < b->t->ncols; i++) ch->cols[i] = b->cols[i];
    free(b->cols);
    return ch;
}

/* ---- generators ---- */

static int gen_databases(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    char **names;
    int n;
    catalog_list_databases(q->catalog, &q->arena, &names, &n);
    for (int i = 0; i < n; i++) {
        if (!access_visible(q->access, names[i], NULL)) continue;   /* a user sees what it holds privileges on */
        bool sys = !strcmp(names[i], "system") || !strcasecmp(names[i], "information_schema");
        sb_str(&b, "name", names[i]);
        sb_str(&b, "engine", sys ? (!strcmp(names[i], "system") ? "Atomic" : "Memory") : "Atomic");
        sb_str(&b, "engine_full", sys ? (!strcmp(names[i], "system") ? "Atomic" : "Memory") : "Atomic");
        sb_end_row(&b);
    }
    *out = sb_finish(&b);
    return 0;
}

static void table_rows_into(SysBuilder *b, Table *t)
{
    sb_str(b, "database", t->is_temporary ? "" : t->db);   /* as ClickHouse shows a session's temporary tables */
    sb_str(b, "name", t->name);
    sb_str(b, "engine", table_engine_name(t));
    sb_u64(b, "is_temporary", t->is_temporary);
    char *create = table_create_sql(t), *line = sql_one_line(create);
    sb_str(b, "create_table_query", line);
    free(create);
    free(line);
    sb_str(b, "engine_full", t->engine_full ? t->engine_full : "");
    line = sql_one_line(t->view_sql ? t->view_sql : "");
    sb_str(b, "as_select", line);   /* views: their SELECT */
    free(line);
    sb_str(b, "comment", t->comment ? t->comment : "");
    sb_u64(b, "has_own_data", mt_is_merge_tree(t));   /* Memory counts as no own data in ClickHouse */
    if (t->engine && t->engine->total_rows && t->engine != &ENGINE_SYSTEM) {
        sb_u64(b, "total_rows", t->engine->total_rows(t));
        sb_u64(b, "total_bytes", t->engine->total_bytes(t));
    }
    sb_end_row(b);
}

/* Calls fn(b, table) for every table of every database (MergeTree tables
 * only with mt_only). */
static void each_table(QueryCtx *q, SysBuilder *b, bool mt_only, void (*fn)(SysBuilder *b, Table *t))
{
    char **dbs;
    int nd;
    catalog_list_databases(q->catalog, &q->arena, &dbs, &nd);
    if (q->temp_db) {   /* the session's temporary tables come too */
        char **all = arena_alloc(&q->arena, sizeof *all * (size_t)(nd + 1));
        memcpy(all, dbs, sizeof *all * (size_t)nd);
        all[nd++] = (char *)q->temp_db;
        dbs = all;
    }
    for (int d = 0; d < nd; d++) {
        Table **tabs;
        int nt;
        if (catalog_list_tables(q->catalog, dbs[d], &tabs, &nt)) continue;
        bool temp = q->temp_db && !strcmp(dbs[d], q->temp_db);
        for (int i = 0; i < nt; i++) {
            if ((!mt_only || mt_is_merge_tree(tabs[i])) && (temp || access_visible(q->access, dbs[d], tabs[i]->name))) fn(b, tabs[i]);
            table_unref(tabs[i]);
        }
        free(tabs);
    }
}

static void each_merge_tree(QueryCtx *q, SysBuilder *b, void (*fn)(SysBuilder *b, Table *t)) { each_table(q, b, true, fn); }

static int gen_tables(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    each_table(q, &b, false, table_rows_into);
    *out = sb_finish(&b);
    return 0;
}

static const char *KIND_TEXT[] = {"", "DEFAULT", "MATERIALIZED", "ALIAS", "EPHEMERAL"};

static void columns_of(SysBuilder *b, Table *tb)
{
    for (int c = 0; c < tb->ncols; c++) {
        const ColumnDef *cd = &tb->cols[c];
        sb_str(b, "database", tb->db);
        sb_str(b, "table", tb->name);
        sb_str(b, "name", cd->name);
        sb_str(b, "type", cd->type->name);
        sb_u64(b, "position", (uint64_t)c + 1);
        sb_str(b, "default_kind", KIND_TEXT[cd->default_kind]);
        sb_str(b, "default_expression", cd->default_sql ? cd->default_sql : "");
        sb_str(b, "comment", cd->comment ? cd->comment : "");
        if (cd->codec) sb_str(b, "compression_codec", cd->codec);
        sb_end_row(b);
    }
}

static int gen_columns(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    each_table(q, &b, false, columns_of);
    *out = sb_finish(&b);
    return 0;
}

static int gen_functions(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    for (size_t i = 0;; i++) {
        const FuncDef *d = func_at(i);
        if (!d) break;
        sb_str(&b, "name", d->name);
        sb_u64(&b, "is_aggregate", 0);
        sb_u64(&b, "case_insensitive", (d->flags & FF_CI) != 0);
        sb_str(&b, "alias_to", d->alias_of ? d->alias_of : "");
        sb_u64(&b, "deterministic", !(d->flags & FF_NONDET));
        sb_u64(&b, "higher_order", (d->flags & FF_LAMBDA) != 0);
        sb_end_row(&b);
    }
    for (size_t i = 0;; i++) {
        const AggDef *d = agg_at(i);
        if (!d) break;
        sb_str(&b, "name", d->name);
        sb_u64(&b, "is_aggregate", 1);
        sb_u64(&b, "case_insensitive", (d->flags & AF_CI) != 0);
        sb_str(&b, "alias_to", d->alias_of ? d->alias_of : "");
        sb_end_row(&b);
    }
    *out = sb_finish(&b);
    return 0;
}

static int gen_settings(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    for (int i = 0; i < SET_COUNT; i++) {
        sb_str(&b, "name", settings_name((SettingId)i));
        sb_str(&b, "value", settings_str(&q->settings, (SettingId)i));
        sb_u64(&b, "changed", q->settings.v[i].changed);
        sb_str(&b, "type", settings_type((SettingId)i));
        sb_str(&b, "default", settings_default((SettingId)i));
        sb_end_row(&b);
    }
    *out = sb_finish(&b);
    return 0;
}

static int gen_formats(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    for (size_t i = 0;; i++) {
        const FormatDef *f = format_at(i);
        if (!f) break;
        sb_str(&b, "name", f->name);
        sb_u64(&b, "is_input", f->read != NULL);
        sb_u64(&b, "is_output", f->write != NULL);
        sb_str(&b, "content_type", f->content_type ? f->content_type : "");
        sb_end_row(&b);
    }
    *out = sb_finish(&b);
    return 0;
}

static int gen_build_options(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    static const char *OPTS[][2] = {
        {"VERSION_FULL", "basalt " BASALT_VERSION " (ClickHouse " BASALT_CH_VERSION " compatible)"},
        {"VERSION_DESCRIBE", "v" BASALT_CH_VERSION},
        {"VERSION_INTEGER", "26007001"},
        {"SYSTEM", "Linux"},
        {"BUILD_TYPE", "RelWithDebInfo"},
        {"CXX_COMPILER", "gcc (C11)"},
        {"USE_PCRE2", "1"},
        {"USE_XXHASH", "1"},
    };
    SysBuilder b;
    sb_init(&b, t);
    for (size_t i = 0; i < sizeof OPTS / sizeof OPTS[0]; i++) {
        sb_str(&b, "name", OPTS[i][0]);
        sb_str(&b, "value", OPTS[i][1]);
        sb_end_row(&b);
    }
    *out = sb_finish(&b);
    return 0;
}

static int gen_type_families(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    static const char *FAMILIES[] = {"Array", "Bool", "Date", "Date32", "DateTime", "DateTime32", "DateTime64", "Decimal",
                                     "Decimal128", "Decimal32", "Decimal64", "Enum", "Enum16", "Enum8", "FixedString",
                                     "Float32", "Float64", "IPv4", "IPv6", "Int128", "Int16", "Int32", "Int64", "Int8",
                                     "IntervalDay", "IntervalHour", "IntervalMicrosecond", "IntervalMillisecond",
                                     "IntervalMinute", "IntervalMonth", "IntervalNanosecond", "IntervalQuarter",
                                     "IntervalSecond", "IntervalWeek", "IntervalYear", "LowCardinality", "Map", "Nothing",
                                     "Nullable", "String", "Tuple", "UInt128", "UInt16", "UInt32", "UInt64", "UInt8", "UUID"};
    SysBuilder b;
    sb_init(&b, t);
    for (size_t i = 0; i < sizeof FAMILIES / sizeof FAMILIES[0]; i++) {
        sb_str(&b, "name", FAMILIES[i]);
        sb_end_row(&b);
    }
    *out = sb_finish(&b);
    return 0;
}

/* system.parts: the parts of every MergeTree table. */
static void part_row(SysBuilder *b, Table *t, const MtPartInfo *x)
{
    sb_str(b, "partition", x->partition);
    sb_str(b, "name", x->name);
    sb_str(b, "part_type", x->compact ? "Compact" : "Wide");
    sb_u64(b, "active", x->active);
    sb_u64(b, "marks", x->marks);
    sb_u64(b, "rows", x->rows);
    sb_u64(b, "files", 0);
    sb_u64(b, "bytes_on_disk", x->bytes_on_disk);
    sb_u64(b, "data_compressed_bytes", x->compressed);
    sb_u64(b, "data_uncompressed_bytes", x->uncompressed);
    sb_u64(b, "modification_time", x->modification_time);
    sb_u64(b, "refcount", 1);
    for (int k = 0; k < x->nminmax; k++) {
        const Column *mm = x->minmax[k];
        TypeKind kind = type_strip_lc(mm->type)->kind;
        if (kind == TYPE_DATE || kind == TYPE_DATE32) {
            sb_u64(b, "min_date", col_get_u64(mm, 0));
            sb_u64(b, "max_date", col_get_u64(mm, 1));
        } else if (kind == TYPE_DATETIME) {
            sb_u64(b, "min_time", col_get_u64(mm, 0));
            sb_u64(b, "max_time", col_get_u64(mm, 1));
        }
    }
    sb_str(b, "partition_id", x->partition_id);
    sb_u64(b, "min_block_number", (uint64_t)x->min_block);
    sb_u64(b, "max_block_number", (uint64_t)x->max_block);
    sb_u64(b, "level", x->level);
    sb_u64(b, "data_version", (uint64_t)(x->mutation ? x->mutation : x->min_block));
    sb_str(b, "database", t->db);
    sb_str(b, "table", t->name);
    sb_str(b, "engine", table_engine_name(t));
    sb_str(b, "disk_name", "default");
    Buf path = {0};
    buf_printf(&path, "%s/%s/", t->data_dir ? t->data_dir : "", x->name);
    buf_putc(&path, 0);
    sb_str(b, "path", path.data);
    buf_free(&path);
    sb_u64(b, "visible", 1);
    sb_u64(b, "has_lightweight_delete", x->has_lightweight_delete);
    sb_u64(b, "delete_ttl_info_min", x->delete_ttl_min);
    sb_u64(b, "delete_ttl_info_max", x->delete_ttl_max);
    sb_str(b, "removal_state", "Cleanup thread hasn't seen this part yet");
    sb_u64(b, "bytes", x->bytes_on_disk);
    sb_str(b, "part_name", x->name);
    sb_end_row(b);
}

static void parts_of(SysBuilder *b, Table *t)
{
    MtPartInfo *infos;
    int n;
    mt_list_parts(t, &infos, &n);
    for (int k = 0; k < n; k++) part_row(b, t, &infos[k]);
    mt_free_part_infos(infos, n);
}

static int gen_parts(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    each_merge_tree(q, &b, parts_of);
    *out = sb_finish(&b);
    return 0;
}

/* system.mutations: one row per command of each mutation in a MergeTree log. */
static void mutation_row(SysBuilder *b, Table *t, const MtMutationInfo *x)
{
    sb_str(b, "database", t->db);
    sb_str(b, "table", t->name);
    sb_str(b, "mutation_id", x->id);
    Buf cmd = {0};
    buf_printf(&cmd, "(%s)", x->command);
    buf_putc(&cmd, 0);
    sb_str(b, "command", cmd.data);
    buf_free(&cmd);
    sb_u64(b, "create_time", x->create_time);
    sb_str_array(b, "block_numbers.partition_id", "", 1);
    sb_i64_array(b, "block_numbers.number", &x->version, 1);
    sb_str_array(b, "parts_to_do_names", x->parts_to_do_names, x->parts_to_do);
    sb_u64(b, "parts_to_do", (uint64_t)x->parts_to_do);
    sb_u64(b, "is_done", x->parts_to_do == 0);
    sb_str(b, "latest_failed_part", x->fail_part);
    sb_u64(b, "latest_fail_time", x->fail_time);
    sb_str(b, "latest_fail_reason", x->fail_reason);
    sb_str(b, "latest_fail_error_code_name", x->fail_code ? err_name(x->fail_code) : "");
    sb_end_row(b);
}

static void mutations_of(SysBuilder *b, Table *t)
{
    MtMutationInfo *infos;
    int n;
    mt_list_mutations(t, &infos, &n);
    for (int k = 0; k < n; k++) mutation_row(b, t, &infos[k]);
    mt_free_mutation_infos(infos, n);
}

static int gen_mutations(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    each_merge_tree(q, &b, mutations_of);
    *out = sb_finish(&b);
    return 0;
}

/* system.merges: merges and mutations running now. */
static void merge_row(SysBuilder *b, Table *t, const MtMergeInfo *x)
{
    sb_str(b, "database", t->db);
    sb_str(b, "table", t->name);
    sb_f64(b, "elapsed", x->elapsed);
    sb_f64(b, "progress", x->progress);
    sb_u64(b, "num_parts", (uint64_t)x->nsources);
    sb_str_array(b, "source_part_names", x->sources, x->nsources);
    sb_str(b, "result_part_name", x->result);
    sb_str(b, "partition_id", x->partition_id);
    sb_u64(b, "is_mutation", x->is_mutation);
    sb_u64(b, "total_size_bytes_compressed", x->total_bytes);
    sb_u64(b, "total_size_bytes_uncompressed", x->total_uncompressed);
    sb_u64(b, "total_size_marks", x->total_marks);
    sb_u64(b, "rows_read", x->rows_written);
    sb_u64(b, "bytes_read_uncompressed", x->bytes_written);
    sb_u64(b, "rows_written", x->rows_written);
    sb_u64(b, "bytes_written_uncompressed", x->bytes_written);
    sb_str(b, "merge_type", x->is_mutation ? "" : "Regular");
    sb_str(b, "merge_algorithm", x->is_mutation ? "Undecided" : "Horizontal");
    sb_end_row(b);
}

static void merges_of(SysBuilder *b, Table *t)
{
    MtMergeInfo *infos;
    int n;
    mt_list_merges(t, &infos, &n);
    for (int k = 0; k < n; k++) merge_row(b, t, &infos[k]);
    mt_free_merge_infos(infos, n);
}

/* system.processes: the queries running now (server/http.c registers them). */
static void process_row(void *ctx, const ProcInfo *p)
{
    SysBuilder *b = ctx;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t now = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
    sb_u64(b, "is_initial_query", 1);
    sb_str(b, "user", p->user);
    sb_str(b, "query_id", p->query_id);
    sb_str(b, "initial_user", p->user);
    sb_str(b, "initial_query_id", p->query_id);
    sb_f64(b, "elapsed", (double)(now - p->start_us) / 1e6);
    sb_u64(b, "is_cancelled", p->cancel != 0);
    if (p->q) {
        sb_u64(b, "read_rows", __atomic_load_n(&p->q->rows_read, __ATOMIC_RELAXED));
        sb_u64(b, "read_bytes", __atomic_load_n(&p->q->bytes_read, __ATOMIC_RELAXED));
        sb_u64(b, "written_rows", p->q->rows_written);
        sb_u64(b, "written_bytes", p->q->bytes_written);
        sb_u64(b, "memory_usage", (uint64_t)(p->q->mem.used > 0 ? p->q->mem.used : 0));
        sb_u64(b, "peak_memory_usage", (uint64_t)(p->q->mem.peak > 0 ? p->q->mem.peak : 0));
    }
    sb_str(b, "query", p->query ? p->query : "");
    sb_str(b, "current_database", p->database ? p->database : "");
    sb_end_row(b);
}

/* system.users, system.roles: from the access store's lister. */
static void (*access_lister)(bool roles, SysAccessRow row, void *ctx);

void system_set_access_lister(void (*fn)(bool roles, SysAccessRow row, void *ctx)) { access_lister = fn; }

static void access_row(void *ctx, const char *name, const char *storage, const char *auth_type, const char *default_db)
{
    SysBuilder *b = ctx;
    sb_str(b, "name", name);
    sb_str(b, "storage", storage);
    if (auth_type) sb_str_array(b, "auth_type", auth_type, 1);
    if (default_db) sb_str(b, "default_database", default_db);
    sb_end_row(b);
}

static int gen_access(Table *t, QueryCtx *q, bool roles, Chunk **out)
{
    SysBuilder b;
    sb_init(&b, t);
    if (access_lister) access_lister(roles, access_row, &b);
    *out = sb_finish(&b);
    return 0;
}

static int gen_users(Table *t, QueryCtx *q, Chunk **out, Err *err) { return gen_access(t, q, false, out); }
static int gen_roles(Table *t, QueryCtx *q, Chunk **out, Err *err) { return gen_access(t, q, true, out); }

static int gen_processes(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    proc_each(process_row, &b);
    *out = sb_finish(&b);
    return 0;
}

/* system.query_log: a start row and an end row per query the server ran. */
static void query_log_row(void *ctx, const QueryLogRow *r)
{
    SysBuilder *b = ctx;
    sb_u64(b, "type", (uint64_t)r->type);
    sb_u64(b, "event_date", (uint64_t)(r->event_us / 1000000 / 86400));
    sb_u64(b, "event_time", (uint64_t)(r->event_us / 1000000));
    sb_raw64(b, "event_time_microseconds", r->event_us);
    sb_u64(b, "query_start_time", (uint64_t)(r->start_us / 1000000));
    sb_raw64(b, "query_start_time_microseconds", r->start_us);
    sb_u64(b, "query_duration_ms", r->duration_ms);
    sb_u64(b, "read_rows", r->read_rows);
    sb_u64(b, "read_bytes", r->read_bytes);
    sb_u64(b, "written_rows", r->written_rows);
    sb_u64(b, "written_bytes", r->written_bytes);
    sb_u64(b, "result_rows", r->result_rows);
    sb_u64(b, "result_bytes", r->result_bytes);
    sb_u64(b, "memory_usage", (uint64_t)(r->memory_usage > 0 ? r->memory_usage : 0));
    sb_str(b, "current_database", r->database ? r->database : "");
    sb_str(b, "query", r->query ? r->query : "");
    sb_u64(b, "exception_code", (uint64_t)r->exception_code);
    sb_str(b, "exception", r->exception ? r->exception : "");
    sb_u64(b, "is_initial_query", 1);
    sb_str(b, "user", r->user ? r->user : "");
    sb_str(b, "query_id", r->query_id ? r->query_id : "");
    sb_str(b, "initial_user", r->user ? r->user : "");
    sb_str(b, "initial_query_id", r->query_id ? r->query_id : "");
    sb_u64(b, "interface", 2);   /* HTTP */
    sb_end_row(b);
}

static int gen_query_log(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    querylog_each(query_log_row, &b);
    *out = sb_finish(&b);
    return 0;
}

static int gen_events(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    for (int e = 0; e < EV_COUNT; e++) {
        if (!event_get((EventId)e)) continue;   /* as ClickHouse: only events that happened */
        sb_str(&b, "event", event_name((EventId)e));
        sb_u64(&b, "value", event_get((EventId)e));
        sb_str(&b, "description", event_description((EventId)e));
        sb_end_row(&b);
    }
    *out = sb_finish(&b);
    return 0;
}

static int gen_metrics(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    for (int m = 0; m < MET_COUNT; m++) {
        sb_str(&b, "metric", metric_name((MetricId)m));
        sb_u64(&b, "value", (uint64_t)metric_get((MetricId)m));
        sb_str(&b, "description", metric_description((MetricId)m));
        sb_end_row(&b);
    }
    *out = sb_finish(&b);
    return 0;
}

static int gen_merges(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    each_merge_tree(q, &b, merges_of);
    *out = sb_finish(&b);
    return 0;
}

/* system.data_skipping_indices: the INDEX clauses of MergeTree tables. */
static void skip_indices_of(SysBuilder *b, Table *t)
{
    MtSkipInfo *x;
    int n;
    mt_list_skip_indexes(t, &x, &n);
    for (int k = 0; k < n; k++) {
        sb_str(b, "database", t->db);
        sb_str(b, "table", t->name);
        sb_str(b, "name", x[k].name);
        sb_str(b, "type", x[k].type);
        sb_str(b, "type_full", x[k].type_full);
        sb_str(b, "expr", x[k].expr);
        sb_u64(b, "granularity", x[k].granularity);
        sb_u64(b, "data_compressed_bytes", x[k].bytes);
        sb_u64(b, "data_uncompressed_bytes", x[k].bytes);
        sb_end_row(b);
    }
    free(x);
}

static int gen_skip_indices(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    SysBuilder b;
    sb_init(&b, t);
    each_merge_tree(q, &b, skip_indices_of);
    *out = sb_finish(&b);
    return 0;
}

static int gen_engines(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    static const char *E[] = {"AggregatingMergeTree", "CollapsingMergeTree", "Memory", "MergeTree", "Null", "ReplacingMergeTree",
                              "SummingMergeTree", "VersionedCollapsingMergeTree"};
    SysBuilder b;
    sb_init(&b, t);
    for (size_t i = 0; i < sizeof E / sizeof E[0]; i++) {
        sb_str(&b, "name", E[i]);
        sb_end_row(&b);
    }
    *out = sb_finish(&b);
    return 0;
}

static int gen_table_functions(Table *t, QueryCtx *q, Chunk **out, Err *err)
{
    static const char *F[] = {"numbers", "numbers_mt", "values", "zeros", "zeros_mt", "generateRandom", "null", "view"};
    SysBuilder b;
    sb_init(&b, t);
    for (size_t i = 0; i < sizeof F / sizeof F[0]; i++) {
        sb_str(&b, "name", F[i]);
        sb_u64(&b, "allow_readonly", 1);
        sb_end_row(&b);
    }
    *out = sb_finish(&b);
    return 0;
}

/* ---- engine ---- */

static int sys_scan(Table *t, QueryCtx *q, const int *cols, int ncols, Op **out, Err *err)
{
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(ncols ? ncols : 1));
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(ncols ? ncols : 1));
    for (int k = 0; k < ncols; k++) {
        names[k] = t->cols[cols[k]].name;
        types[k] = t->cols[cols[k]].type;
    }
    if (!strcmp(t->name, "numbers") || !strcmp(t->name, "numbers_mt") || !strcmp(t->name, "zeros") || !strcmp(t->name, "zeros_mt")) {
        bool zeros = t->name[0] == 'z';
        *out = op_numbers(q, 0, 0, 1, true, zeros ? "zero" : "number", zeros);
        if (ncols == 0) *out = op_project(*out, NULL, 0, NULL);
        return 0;
    }
    if (!strcmp(t->name, "one")) {
        Op *o = op_one(q);
        if (ncols == 0) o = op_project(o, NULL, 0, NULL);
        *out = o;
        return 0;
    }
    Chunk *all;
    int rc = t->generate(t, q, &all, err);
    if (rc) return rc;
    Chunk *c = chunk_new(ncols, all->rows);
    for (int k = 0; k < ncols; k++) c->cols[k] = col_ref(all->cols[cols[k]]);
    chunk_free(all);
    Chunk **arr = xmalloc(sizeof *arr);
    arr[0] = c;
    *out = op_chunks(q, ncols, names, types, arr, 1);
    return 0;
}

static uint64_t sys_zero(Table *t) { return 0; }

const TableEngine ENGINE_SYSTEM = {.name = "SystemTable", .scan = sys_scan, .total_rows = sys_zero, .total_bytes = sys_zero};

static void add_system_table(Catalog *c, const char *name, const char *schema,
                             int (*gen)(Table *, QueryCtx *, Chunk **, Err *))
{
    /* schema: "name Type;name Type;..." */
    ColumnDef cols[64];
    int n = 0;
    char *copy = xstrdup(schema), *save = NULL;
    for (char *tok = strtok_r(copy, ";", &save); tok && n < 64; tok = strtok_r(NULL, ";", &save)) {
        char *sp = strchr(tok, ' ');
        *sp = 0;
        memset(&cols[n], 0, sizeof cols[n]);
        cols[n].name = tok;
        if (type_parse(sp + 1, &cols[n].type, NULL) != 0) continue;
        n++;
    }
    Table *t = table_new("system", name, cols, n);
    free(copy);
    t->engine = &ENGINE_SYSTEM;
    t->engine_full = xstrdup("SystemTable");
    t->generate = gen;
    Database *d = NULL;
    for (int i = 0; i < c->ndbs; i++)
        if (!strcmp(c->dbs[i]->name, "system")) d = c->dbs[i];
    if (d->ntables == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->tables = xrealloc(d->tables, sizeof *d->tables * (size_t)d->cap);
    }
    d->tables[d->ntables++] = t;
}

/* information_schema: views over system tables (lower-case columns and
 * their upper-case twins, as ClickHouse defines them). */
static const struct { const char *name, *sql; } INFO_VIEWS[] = {
    {"tables",
     "SELECT database AS table_catalog, database AS table_schema, name AS table_name, "
     "multiIf(is_temporary, 'LOCAL TEMPORARY', engine LIKE '%View', 'VIEW', engine LIKE 'System%', 'SYSTEM VIEW', "
     "has_own_data = 0, 'FOREIGN TABLE', 'BASE TABLE') AS table_type, total_rows AS table_rows, "
     "total_bytes AS data_length, toNullable(toUInt64(0)) AS index_length, "
     "toNullable('utf8mb4_0900_ai_ci') AS table_collation, toNullable(comment) AS table_comment, "
     "table_catalog AS TABLE_CATALOG, table_schema AS TABLE_SCHEMA, table_name AS TABLE_NAME, table_type AS TABLE_TYPE, "
     "table_rows AS TABLE_ROWS, data_length AS DATA_LENGTH, index_length AS INDEX_LENGTH, "
     "table_collation AS TABLE_COLLATION, table_comment AS TABLE_COMMENT FROM system.tables"},
    {"columns",
     "SELECT database AS table_catalog, database AS table_schema, table AS table_name, name AS column_name, "
     "position AS ordinal_position, default_expression AS column_default, "
     "if(type LIKE 'Nullable(%', 'YES', 'NO') AS is_nullable, type AS data_type, "
     "character_octet_length AS character_maximum_length, character_octet_length, numeric_precision, "
     "numeric_precision_radix, numeric_scale, datetime_precision, "
     "CAST(NULL, 'Nullable(String)') AS character_set_catalog, CAST(NULL, 'Nullable(String)') AS character_set_schema, "
     "CAST(NULL, 'Nullable(String)') AS character_set_name, CAST(NULL, 'Nullable(String)') AS collation_catalog, "
     "CAST(NULL, 'Nullable(String)') AS collation_schema, CAST(NULL, 'Nullable(String)') AS collation_name, "
     "CAST(NULL, 'Nullable(String)') AS domain_catalog, CAST(NULL, 'Nullable(String)') AS domain_schema, "
     "CAST(NULL, 'Nullable(String)') AS domain_name, CAST(NULL, 'Nullable(String)') AS extra, "
     "comment AS column_comment, type AS column_type, "
     "table_catalog AS TABLE_CATALOG, table_schema AS TABLE_SCHEMA, table_name AS TABLE_NAME, "
     "column_name AS COLUMN_NAME, ordinal_position AS ORDINAL_POSITION, column_default AS COLUMN_DEFAULT, "
     "is_nullable AS IS_NULLABLE, data_type AS DATA_TYPE, character_maximum_length AS CHARACTER_MAXIMUM_LENGTH, "
     "character_octet_length AS CHARACTER_OCTET_LENGTH, numeric_precision AS NUMERIC_PRECISION, "
     "numeric_precision_radix AS NUMERIC_PRECISION_RADIX, numeric_scale AS NUMERIC_SCALE, "
     "datetime_precision AS DATETIME_PRECISION, character_set_catalog AS CHARACTER_SET_CATALOG, "
     "character_set_schema AS CHARACTER_SET_SCHEMA, character_set_name AS CHARACTER_SET_NAME, "
     "collation_catalog AS COLLATION_CATALOG, collation_schema AS COLLATION_SCHEMA, collation_name AS COLLATION_NAME, "
     "domain_catalog AS DOMAIN_CATALOG, domain_schema AS DOMAIN_SCHEMA, domain_name AS DOMAIN_NAME, extra AS EXTRA, "
     "column_comment AS COLUMN_COMMENT, column_type AS COLUMN_TYPE FROM system.columns"},
    {"schemata",
     "SELECT name AS catalog_name, name AS schema_name, 'default' AS schema_owner, "
     "CAST(NULL, 'Nullable(String)') AS default_character_set_catalog, "
     "CAST(NULL, 'Nullable(String)') AS default_character_set_schema, "
     "CAST(NULL, 'Nullable(String)') AS default_character_set_name, CAST(NULL, 'Nullable(String)') AS sql_path, "
     "catalog_name AS CATALOG_NAME, schema_name AS SCHEMA_NAME, schema_owner AS SCHEMA_OWNER, "
     "default_character_set_catalog AS DEFAULT_CHARACTER_SET_CATALOG, "
     "default_character_set_schema AS DEFAULT_CHARACTER_SET_SCHEMA, "
     "default_character_set_name AS DEFAULT_CHARACTER_SET_NAME, sql_path AS SQL_PATH FROM system.databases"},
};

static void add_info_views(Catalog *c, const char *db)
{
    for (size_t i = 0; i < sizeof INFO_VIEWS / sizeof INFO_VIEWS[0]; i++)
        for (int upper = 0; upper < 2; upper++) {
            char name[32];
            size_t k = 0;
            for (; INFO_VIEWS[i].name[k] && k < sizeof name - 1; k++)
                name[k] = upper ? (char)(INFO_VIEWS[i].name[k] - 32) : INFO_VIEWS[i].name[k];
            name[k] = 0;
            Table *t = table_new(db, name, NULL, 0);
            t->is_view = true;
            t->view_sql = xstrdup(INFO_VIEWS[i].sql);
            t->engine = &ENGINE_NULL;
            t->engine_full = xstrdup("View");
            Err e;
            if (catalog_add_table(c, t, true, false, &e)) table_unref(t);
        }
}

void system_tables_register(Catalog *c)
{
    catalog_create_database(c, "system", true, NULL);
    catalog_create_database(c, "INFORMATION_SCHEMA", true, NULL);
    catalog_create_database(c, "information_schema", true, NULL);
    add_info_views(c, "INFORMATION_SCHEMA");   /* before the databases become read-only */
    add_info_views(c, "information_schema");
    for (int i = 0; i < c->ndbs; i++)
        if (!strcmp(c->dbs[i]->name, "system") || !strcasecmp(c->dbs[i]->name, "information_schema")) c->dbs[i]->is_system = true;
    add_system_table(c, "one", "dummy UInt8", NULL);
    add_system_table(c, "users", "name String;storage String;auth_type Array(String);default_database String", gen_users);
    add_system_table(c, "roles", "name String;storage String", gen_roles);
    add_system_table(c, "numbers", "number UInt64", NULL);
    add_system_table(c, "numbers_mt", "number UInt64", NULL);
    add_system_table(c, "zeros", "zero UInt8", NULL);
    add_system_table(c, "zeros_mt", "zero UInt8", NULL);
    add_system_table(c, "databases",
                     "name String;engine String;data_path String;metadata_path String;uuid UUID;engine_full String;comment String;is_external UInt8",
                     gen_databases);
    add_system_table(c, "tables",
                     "database String;name String;uuid UUID;engine String;is_temporary UInt8;data_paths Array(String);"
                     "metadata_path String;metadata_modification_time DateTime;metadata_version Int32;"
                     "dependencies_database Array(String);dependencies_table Array(String);create_table_query String;"
                     "engine_full String;as_select String;partition_key String;sorting_key String;primary_key String;"
                     "sampling_key String;storage_policy String;total_rows Nullable(UInt64);total_bytes Nullable(UInt64);"
                     "total_bytes_uncompressed Nullable(UInt64);parts Nullable(UInt64);active_parts Nullable(UInt64);"
                     "total_marks Nullable(UInt64);lifetime_rows Nullable(UInt64);lifetime_bytes Nullable(UInt64);"
                     "comment String;has_own_data UInt8",
                     gen_tables);
    add_system_table(c, "columns",
                     "database String;table String;name String;type String;position UInt64;default_kind String;"
                     "default_expression String;data_compressed_bytes UInt64;data_uncompressed_bytes UInt64;marks_bytes UInt64;"
                     "comment String;is_in_partition_key UInt8;is_in_sorting_key UInt8;is_in_primary_key UInt8;"
                     "is_in_sampling_key UInt8;compression_codec String;character_octet_length Nullable(UInt64);"
                     "numeric_precision Nullable(UInt64);numeric_precision_radix Nullable(UInt64);numeric_scale Nullable(UInt64);"
                     "datetime_precision Nullable(UInt64)",
                     gen_columns);
    add_system_table(c, "functions",
                     "name String;is_aggregate UInt8;case_insensitive UInt8;alias_to String;create_query String;"
                     "origin Enum8('System' = 0, 'SQLUserDefined' = 1, 'ExecutableUserDefined' = 2, 'WasmUserDefined' = 3);"
                     "description String;syntax String;arguments String;parameters String;returned_value String;"
                     "examples String;introduced_in String;categories String;deterministic Nullable(UInt8);higher_order Nullable(UInt8)",
                     gen_functions);
    add_system_table(c, "settings",
                     "name String;value String;changed UInt8;description String;min Nullable(String);max Nullable(String);"
                     "disallowed_values Array(String);readonly UInt8;type String;default String;alias_for String;is_obsolete UInt8;"
                     "tier Enum8('Production' = 0, 'Obsolete' = 4, 'Experimental' = 8, 'Beta' = 12)",
                     gen_settings);
    add_system_table(c, "formats",
                     "name String;is_input UInt8;is_output UInt8;supports_parallel_parsing UInt8;supports_parallel_formatting UInt8;"
                     "is_tty_friendly UInt8;content_type String;supports_random_access UInt8;has_schema_inference UInt8;"
                     "has_external_schema UInt8;prefers_large_blocks UInt8;supports_append UInt8;supports_subsets_of_columns UInt8;"
                     "description String;examples String;introduced_in String;related Array(String)",
                     gen_formats);
    add_system_table(c, "build_options", "name String;value String", gen_build_options);
    add_system_table(c, "data_type_families",
                     "name String;case_insensitive UInt8;alias_to String;description String;syntax String;examples String;"
                     "introduced_in String;related Array(String)",
                     gen_type_families);
    add_system_table(c, "table_engines",
                     "name String;supports_settings UInt8;supports_skipping_indices UInt8;supports_projections UInt8;"
                     "supports_sort_order UInt8;supports_ttl UInt8;supports_replication UInt8;supports_deduplication UInt8;"
                     "supports_parallel_insert UInt8;description String;syntax String;examples String;introduced_in String;"
                     "related Array(String)",
                     gen_engines);
    add_system_table(c, "table_functions", "name String;description String;allow_readonly UInt8", gen_table_functions);
    add_system_table(c, "parts",
                     "partition String;name String;uuid UUID;part_type String;active UInt8;marks UInt64;rows UInt64;files UInt64;"
                     "bytes_on_disk UInt64;data_compressed_bytes UInt64;data_uncompressed_bytes UInt64;primary_key_size UInt64;"
                     "marks_bytes UInt64;secondary_indices_compressed_bytes UInt64;secondary_indices_uncompressed_bytes UInt64;"
                     "secondary_indices_marks_bytes UInt64;modification_time DateTime;remove_time DateTime;refcount UInt32;"
                     "min_date Date;max_date Date;min_time DateTime;max_time DateTime;partition_id String;"
                     "min_block_number Int64;max_block_number Int64;level UInt32;data_version UInt64;"
                     "primary_key_bytes_in_memory UInt64;primary_key_bytes_in_memory_allocated UInt64;"
                     "index_granularity_bytes_in_memory UInt64;index_granularity_bytes_in_memory_allocated UInt64;is_frozen UInt8;"
                     "database String;table String;engine String;disk_name String;path String;hash_of_all_files String;"
                     "hash_of_uncompressed_files String;uncompressed_hash_of_compressed_files String;delete_ttl_info_min DateTime;"
                     "delete_ttl_info_max DateTime;default_compression_codec String;projections Array(String);visible UInt8;"
                     "has_lightweight_delete UInt8;last_removal_attempt_time DateTime;removal_state String;bytes UInt64;"
                     "marks_size UInt64;part_name String",
                     gen_parts);
    add_system_table(c, "mutations",
                     "database String;table String;mutation_id String;command String;create_time DateTime;"
                     "block_numbers.partition_id Array(String);block_numbers.number Array(Int64);"
                     "parts_in_progress_names Array(String);parts_to_do_names Array(String);parts_to_do Int64;"
                     "parts_postpone_reasons Map(String, String);is_done UInt8;is_killed UInt8;latest_failed_part String;"
                     "latest_fail_time DateTime;latest_fail_reason String;latest_fail_error_code_name String",
                     gen_mutations);
    add_system_table(c, "merges",
                     "database String;table String;elapsed Float64;progress Float64;num_parts UInt64;"
                     "source_part_names Array(String);result_part_name String;source_part_paths Array(String);"
                     "result_part_path String;partition_id String;partition String;is_mutation UInt8;"
                     "total_size_bytes_compressed UInt64;total_size_bytes_uncompressed UInt64;total_size_marks UInt64;"
                     "bytes_read_uncompressed UInt64;rows_read UInt64;bytes_written_uncompressed UInt64;rows_written UInt64;"
                     "columns_written UInt64;memory_usage UInt64;thread_id UInt64;merge_type String;merge_algorithm String;"
                     "current_projection String;current_projection_progress Float64;current_projection_parts_merging UInt64;"
                     "current_projection_parts_remaining UInt64;projections_completed Array(String);projections_remaining Array(String)",
                     gen_merges);
    add_system_table(c, "processes",
                     "is_initial_query UInt8;user String;query_id String;initial_user String;initial_query_id String;"
                     "elapsed Float64;is_cancelled UInt8;read_rows UInt64;read_bytes UInt64;total_rows_approx UInt64;"
                     "written_rows UInt64;written_bytes UInt64;memory_usage Int64;peak_memory_usage Int64;query String;"
                     "query_kind String;current_database String",
                     gen_processes);
    add_system_table(c, "query_log",
                     "type Enum8('QueryStart' = 1, 'QueryFinish' = 2, 'ExceptionBeforeStart' = 3, 'ExceptionWhileProcessing' = 4);"
                     "event_date Date;event_time DateTime;event_time_microseconds DateTime64(6);query_start_time DateTime;"
                     "query_start_time_microseconds DateTime64(6);query_duration_ms UInt64;read_rows UInt64;read_bytes UInt64;"
                     "written_rows UInt64;written_bytes UInt64;result_rows UInt64;result_bytes UInt64;memory_usage UInt64;"
                     "current_database String;query String;exception_code Int32;exception String;is_initial_query UInt8;"
                     "user String;query_id String;initial_user String;initial_query_id String;interface UInt8",
                     gen_query_log);
    add_system_table(c, "events", "event String;value UInt64;description String", gen_events);
    add_system_table(c, "metrics", "metric String;value Int64;description String", gen_metrics);
    add_system_table(c, "data_skipping_indices",
                     "database String;table String;name String;type String;type_full String;expr String;"
                     "creation Enum8('Explicit' = 0, 'Implicit' = 1);granularity UInt64;data_compressed_bytes UInt64;"
                     "data_uncompressed_bytes UInt64;marks_bytes UInt64",
                     gen_skip_indices);
}
