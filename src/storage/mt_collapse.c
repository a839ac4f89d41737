/* mt_collapse.c — see mt_collapse.h. */
#include "mt_collapse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "../func/agg.h"

struct MtCollapse {
    MtKind kind;
    bool final;
    int ncols, nsort, npk;
    int ver, deleted, sign;     /* table column indexes, or -1 */
    bool *summed;               /* SummingMergeTree: columns summed */
    AggCall **aggs;             /* AggregateFunction columns: the aggregate whose states merge (else NULL) */
    AggCall **simple;           /* SimpleAggregateFunction columns (AggregatingMergeTree): f over the values */
    Chunk *group;               /* rows of the current key (table columns) */
    Column **gkeys;             /* their sort key values */
    const DataType **types, **key_types;
};

static int column_of(Table *t, const char *sql)
{
    /* engine arguments are column names, possibly back-quoted */
    char name[512];
    size_t n = strlen(sql);
    if (n >= 2 && sql[0] == '`' && sql[n - 1] == '`') {
        snprintf(name, sizeof name, "%.*s", (int)(n - 2), sql + 1);
        return table_column_index(t, name);
    }
    return table_column_index(t, sql);
}

static bool summable(const DataType *t) { return type_is_number(t) || type_is_decimal(t); }

static bool in_sort_key(MtTable *mt, const char *name)
{
    for (int i = 0; i < mt->sort.n; i++)
        if (!strcmp(mt->sort.names[i], name)) return true;
    return false;
}

static void reset_group(MtCollapse *c)
{
    c->group = chunk_new(c->ncols, 0);
    for (int i = 0; i < c->ncols; i++) c->group->cols[i] = col_new(c->types[i]);
    for (int k = 0; k < c->nsort; k++) c->gkeys[k] = col_new(c->key_types[k]);
}

static void free_group(MtCollapse *c)
{
    chunk_free(c->group);
    for (int k = 0; k < c->nsort; k++) col_unref(c->gkeys[k]);
}

int mt_collapse_new(MtTable *mt, Table *t, QueryCtx *q, MtCollapse **out, Err *err)
{
    *out = NULL;
    if (mt->kind == MT_PLAIN) return 0;
    MtCollapse *c = xcalloc(1, sizeof *c);
    c->kind = mt->kind;
    c->ncols = t->ncols;
    c->nsort = mt->sort.n;
    c->npk = mt->primary.n;
    c->ver = c->deleted = c->sign = -1;
    c->types = xcalloc((size_t)t->ncols + 1, sizeof *c->types);
    for (int i = 0; i < t->ncols; i++) c->types[i] = t->cols[i].type;
    c->key_types = xcalloc((size_t)c->nsort + 1, sizeof *c->key_types);
    for (int k = 0; k < c->nsort; k++) c->key_types[k] = mt->sort.types[k];   /* as the keys are evaluated (LowCardinality kept) */
    c->gkeys = xcalloc((size_t)c->nsort + 1, sizeof *c->gkeys);
    int rc = 0;
    if (c->kind == MT_REPLACING) {
        if (mt->nengine_args > 0 && (c->ver = column_of(t, mt->engine_args[0])) < 0)
            rc = err_set(err, ERR_NO_SUCH_COLUMN_IN_TABLE, "Version column %s does not exist", mt->engine_args[0]);
        if (!rc && mt->nengine_args > 1 && (c->deleted = column_of(t, mt->engine_args[1])) < 0)
            rc = err_set(err, ERR_NO_SUCH_COLUMN_IN_TABLE, "is_deleted column %s does not exist", mt->engine_args[1]);
    } else if (c->kind == MT_COLLAPSING || c->kind == MT_VERSIONED_COLLAPSING) {
        if ((c->sign = column_of(t, mt->engine_args[0])) < 0)
            rc = err_set(err, ERR_NO_SUCH_COLUMN_IN_TABLE, "Sign column %s does not exist", mt->engine_args[0]);
    } else if (c->kind == MT_SUMMING) {
        c->summed = xcalloc((size_t)t->ncols + 1, sizeof *c->summed);
        if (mt->nengine_args) {
            /* SummingMergeTree(col) or SummingMergeTree((a, b)) */
            const char *a = mt->engine_args[0];
            char buf[4096];
            snprintf(buf, sizeof buf, "%s", a[0] == '(' ? a + 1 : a);
            char *save, *tok;
            for (tok = strtok_r(buf, ",) ", &save); tok; tok = strtok_r(NULL, ",) ", &save)) {
                int i = column_of(t, tok);
                if (i >= 0 && summable(type_strip_lc(t->cols[i].type)) && !in_sort_key(mt, t->cols[i].name)) c->summed[i] = true;
            }
        } else {
            for (int i = 0; i < t->ncols; i++)
                c->summed[i] = summable(type_strip_lc(t->cols[i].type)) && !in_sort_key(mt, t->cols[i].name);
        }
    }
    if (!rc && (c->kind == MT_AGGREGATING || c->kind == MT_SUMMING)) {
        c->aggs = xcalloc((size_t)t->ncols + 1, sizeof *c->aggs);
        for (int i = 0; i < t->ncols && !rc; i++) {
            if (t->cols[i].type->kind != TYPE_AGGSTATE || in_sort_key(mt, t->cols[i].name)) continue;
            c->aggs[i] = arena_alloc(&q->arena, sizeof *c->aggs[i]);
            rc = agg_resolve_type(c->aggs[i], q, t->cols[i].type, err);
            if (!rc && !agg_serializable(c->aggs[i]))
                rc = err_set(err, ERR_NOT_IMPLEMENTED, "States of %s cannot be merged yet", t->cols[i].type->name);
            if (c->summed) c->summed[i] = false;
        }
    }
    if (!rc && c->kind == MT_AGGREGATING) {
        c->simple = xcalloc((size_t)t->ncols + 1, sizeof *c->simple);
        for (int i = 0; i < t->ncols && !rc; i++) {
            const DataType *ty = t->cols[i].type;
            if (!ty->simple_agg || in_sort_key(mt, t->cols[i].name)) continue;
            c->simple[i] = arena_alloc(&q->arena, sizeof *c->simple[i]);
            rc = agg_resolve(c->simple[i], q, ty->simple_agg, &ty, 1, NULL, 0, err);
        }
    }
    if (rc) {
        mt_collapse_free(c);
        return rc;
    }
    reset_group(c);
    *out = c;
    return 0;
}

void mt_collapse_set_final(MtCollapse *c)
{
    if (c) c->final = true;
}

static void emit(MtCollapse *c, size_t row, Chunk *out, Column **out_pk)
{
    for (int i = 0; i < c->ncols; i++) col_push_from(out->cols[i], c->group->cols[i], row);
    for (int k = 0; k < c->npk; k++) col_push_from(out_pk[k], c->gkeys[k], row);
}

/* The sum of column i over the group, in the column's type. */
static int group_sum(MtCollapse *c, int i, Column *dst, bool *zero, Err *err)
{
    const Column *col = c->group->cols[i];
    const DataType *t = type_strip_lc(col->type);
    const Column *src = col->type->kind == TYPE_LOWCARDINALITY ? col->sub[0] : col;
    Column *tmp;
    if (type_is_float(t)) {
        double s = 0;
        for (size_t r = 0; r < src->rows; r++) s += col_get_f64(src, r);
        *zero = s == 0;
        tmp = col_new(type_basic(TYPE_FLOAT64));
        COL_PUSH(tmp, double, s);
    } else {
        i128 s = 0;
        for (size_t r = 0; r < src->rows; r++) s += col_get_i128(src, r);
        *zero = s == 0;
        tmp = col_new(t);
        /* wrap-around like ClickHouse's integer sums: the low bytes of the total */
        if (t->size == 16) col_push_fixed(tmp, &s);
        else {
            uint64_t lo = (uint64_t)s;
            col_push_fixed(tmp, &lo);
        }
    }
    Column *cv = tmp;
    if (tmp->type != t) {
        FormatSettings fs;
        format_settings_default(&fs);
        int rc = col_cast(tmp, t, CAST_THROW, &fs, &cv, err);
        col_unref(tmp);
        if (rc) return rc;
    }
    col_push_from(dst, cv, 0);
    col_unref(cv);
    return 0;
}

/* The states of column i over the group merged into one, appended to dst. */
static int group_merge(MtCollapse *c, int i, Column *dst, Err *err)
{
    AggCall *ac = c->aggs[i];
    size_t size = ac->state_size ? ac->state_size : 1;
    char *st = mem_alloc(size), *tmp = mem_alloc(size);
    agg_init(ac, st);
    int rc = 0;
    const Column *col = c->group->cols[i];
    for (size_t r = 0; r < col->rows && !rc; r++) {
        size_t n;
        const char *s = col_str(col, r, &n);
        agg_init(ac, tmp);
        rc = agg_deserialize(ac, tmp, s, n, err);
        if (!rc) agg_merge(ac, st, tmp);
        agg_destroy(ac, tmp);
    }
    if (!rc) {
        Buf b = {0};
        agg_serialize(ac, st, &b);
        col_push_str(dst, b.data ? b.data : "", b.len);
        buf_free(&b);
    }
    agg_destroy(ac, st);
    mem_free(st, size);
    mem_free(tmp, size);
    return rc;
}

/* SimpleAggregateFunction column i: f over the group's values, as the column's type. */
static int group_simple(MtCollapse *c, int i, Column *dst, Err *err)
{
    AggCall *ac = c->simple[i];
    size_t size = ac->state_size ? ac->state_size : 1;
    char *st = mem_alloc(size);
    agg_init(ac, st);
    Column *arg = c->group->cols[i];
    agg_add_batch(ac, st, &arg, arg->rows, NULL);
    Column *v = col_new(ac->ret), *cv = NULL;
    int rc = agg_finalize(ac, st, v, err);
    agg_destroy(ac, st);
    mem_free(st, size);
    if (!rc) rc = col_cast(v, c->types[i], CAST_THROW, NULL, &cv, err);
    if (!rc) col_push_from(dst, cv, 0);
    col_unref(cv);
    col_unref(v);
    return rc;
}

/* One row: merged states, and the first row's value elsewhere. */
static int emit_aggregated(MtCollapse *c, Chunk *out, Column **out_pk, Err *err)
{
    Column **merged = xcalloc((size_t)c->ncols + 1, sizeof *merged);
    int rc = 0;
    for (int i = 0; i < c->ncols && !rc; i++) {
        if (c->aggs[i]) {
            merged[i] = col_new(c->types[i]);
            rc = group_merge(c, i, merged[i], err);
        } else if (c->simple && c->simple[i]) {
            merged[i] = col_new(c->types[i]);
            rc = group_simple(c, i, merged[i], err);
        }
    }
    if (!rc) {
        for (int i = 0; i < c->ncols; i++) col_push_from(out->cols[i], merged[i] ? merged[i] : c->group->cols[i], 0);
        for (int k = 0; k < c->npk; k++) col_push_from(out_pk[k], c->gkeys[k], 0);
    }
    for (int i = 0; i < c->ncols; i++) col_unref(merged[i]);
    free(merged);
    return rc;
}

static int flush_group(MtCollapse *c, Chunk *out, Column **out_pk, Err *err)
{
    size_t n = c->group->cols[0] ? c->group->cols[0]->rows : 0;
    if (!n) return 0;
    switch (c->kind) {
    case MT_REPLACING: {
        size_t best = n - 1;
        if (c->ver >= 0)
            for (size_t r = 0; r < n; r++)
                if (col_compare(c->group->cols[c->ver], r, c->group->cols[c->ver], best, 1) >= 0) best = r;
        if (c->final && c->deleted >= 0 && col_get_u64(c->group->cols[c->deleted], best)) break;
        emit(c, best, out, out_pk);
        break;
    }
    case MT_COLLAPSING: case MT_VERSIONED_COLLAPSING: {
        size_t pos = 0, neg = 0, first_neg = 0, last_pos = 0;
        bool last_positive = false;
        for (size_t r = 0; r < n; r++) {
            int64_t s = col_get_i64(c->group->cols[c->sign], r);
            if (s == 1) {
                pos++;
                last_pos = r;
                last_positive = true;
            } else if (s == -1) {
                if (!neg) first_neg = r;
                neg++;
                last_positive = false;
            }
        }
        if (!pos && !neg) break;
        if (last_positive || pos != neg) {
            if (pos <= neg && neg > 0) emit(c, first_neg, out, out_pk);
            if (pos >= neg && pos > 0) emit(c, last_pos, out, out_pk);
        }
        break;
    }
    case MT_AGGREGATING: {
        int rc = emit_aggregated(c, out, out_pk, err);
        if (rc) return rc;
        break;
    }
    case MT_SUMMING: {
        bool all_zero = true, any = false;
        Column **sums = xcalloc((size_t)c->ncols + 1, sizeof *sums);
        int rc = 0;
        for (int i = 0; i < c->ncols && !rc; i++) {
            if (c->aggs[i]) {   /* AggregateFunction columns merge as in AggregatingMergeTree */
                sums[i] = col_new(c->types[i]);
                rc = group_merge(c, i, sums[i], err);
                continue;
            }
            if (!c->summed[i]) continue;
            any = true;
            sums[i] = col_new(c->types[i]);
            bool zero;
            rc = group_sum(c, i, sums[i], &zero, err);
            all_zero &= zero;
        }
        if (!rc && !(any && all_zero)) {
            for (int i = 0; i < c->ncols; i++) col_push_from(out->cols[i], sums[i] ? sums[i] : c->group->cols[i], 0);
            for (int k = 0; k < c->npk; k++) col_push_from(out_pk[k], c->gkeys[k], 0);
        }
        for (int i = 0; i < c->ncols; i++) col_unref(sums[i]);
        free(sums);
        if (rc) return rc;
        break;
    }
    default:
        for (size_t r = 0; r < n; r++) emit(c, r, out, out_pk);
        break;
    }
    free_group(c);
    reset_group(c);
    return 0;
}

int mt_collapse_row(MtCollapse *c, const Chunk *ch, size_t row, Column **keys, Chunk *out, Column **out_pk, Err *err)
{
    size_t n = c->group->cols[0]->rows;
    if (n) {
        bool same = true;
        for (int k = 0; k < c->nsort && same; k++) same = col_compare(keys[k], row, c->gkeys[k], 0, 1) == 0;
        if (!same) {
            int rc = flush_group(c, out, out_pk, err);
            if (rc) return rc;
        }
    }
    for (int i = 0; i < c->ncols; i++) col_push_from(c->group->cols[i], ch->cols[i], row);
    for (int k = 0; k < c->nsort; k++) col_push_from(c->gkeys[k], keys[k], row);
    return 0;
}

int mt_collapse_finish(MtCollapse *c, Chunk *out, Column **out_pk, Err *err) { return flush_group(c, out, out_pk, err); }

void mt_collapse_free(MtCollapse *c)
{
    if (!c) return;
    if (c->group) free_group(c);
    free(c->gkeys);
    free(c->types);
    free(c->key_types);
    free(c->summed);
    free(c->aggs);
    free(c->simple);
    free(c);
}
