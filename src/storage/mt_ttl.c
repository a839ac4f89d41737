/* mt_ttl.c — the table TTL of a MergeTree table (`TTL expr [DELETE] [WHERE
 * cond]`): checking it at CREATE, the range of TTL values each new part
 * records (meta.bin ttl_min / ttl_max, over the rows the WHERE selects), and
 * the removal of expired rows while parts merge.
 *
 * As in ClickHouse, rows are never dropped at INSERT or at SELECT: a merge
 * drops them (unless SYSTEM STOP TTL MERGES), and the background merger
 * schedules a single-part "TTL merge" for a part whose recorded minimum has
 * passed, at most once per partition every merge_with_ttl_timeout seconds.
 * A Date TTL expires at the start of its day (UTC, the server time zone).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../exec/expr.h"
#include "mt_table.h"
#include "mt_write.h"

static int bind_ttl(MtTable *mt, Table *t, QueryCtx *q, Expr **ttl, Expr **where, Err *err)
{
    char **names;
    const DataType **types;
    table_header(t, q, &names, &types);
    Expr **e;
    int n;
    int rc = storage_bind(q, t->ncols, names, types, mt->ttl_sql, &e, &n, err);
    if (rc) return rc;
    if (n != 1) return err_set(err, ERR_BAD_TTL_EXPRESSION, "TTL must be one expression");
    *ttl = e[0];
    *where = NULL;
    if (mt->ttl_where_sql) {
        if ((rc = storage_bind(q, t->ncols, names, types, mt->ttl_where_sql, &e, &n, err))) return rc;
        if (n != 1) return err_set(err, ERR_BAD_TTL_EXPRESSION, "TTL WHERE must be one expression");
        *where = e[0];
    }
    return 0;
}

int mt_ttl_init(MtTable *mt, Table *t, QueryCtx *q, const char *ttl, const char *where, Err *err)
{
    mt->ttl_sql = xstrdup(ttl);
    mt->ttl_where_sql = where ? xstrdup(where) : NULL;
    Expr *e, *w;
    int rc = bind_ttl(mt, t, q, &e, &w, err);
    if (rc) return rc;
    TypeKind k = type_strip_lc(e->type)->kind;
    if (k != TYPE_DATE && k != TYPE_DATE32 && k != TYPE_DATETIME && k != TYPE_DATETIME64)
        return err_set(err, ERR_BAD_TTL_EXPRESSION, "TTL expression result column should have DateTime or Date type, but has %s", e->type->name);
    return 0;
}

bool mt_ttl_reads_column(MtTable *mt, Table *t, QueryCtx *q, int col)
{
    if (!mt->ttl_sql) return false;
    Expr *e, *w;
    Err err;
    if (bind_ttl(mt, t, q, &e, &w, &err)) return true;   /* cannot tell: assume it does */
    bool *used = arena_alloc(&q->arena, (size_t)t->ncols + 1);
    expr_mark_inputs(e, used, t->ncols);
    if (w) expr_mark_inputs(w, used, t->ncols);
    return used[col];
}

int mt_ttl_replace(MtTable *mt, Table *t, QueryCtx *q, const char *ttl, const char *where, Err *err)
{
    char *old_ttl = mt->ttl_sql, *old_where = mt->ttl_where_sql;
    mt->ttl_sql = mt->ttl_where_sql = NULL;
    int rc = ttl ? mt_ttl_init(mt, t, q, ttl, where, err) : 0;
    if (rc) {   /* the rule stays as it was */
        free(mt->ttl_sql);
        free(mt->ttl_where_sql);
        mt->ttl_sql = old_ttl;
        mt->ttl_where_sql = old_where;
        return rc;
    }
    free(old_ttl);
    free(old_where);
    return 0;
}

/* ttl[r]: when row r expires (unix seconds, clamped to 32 bits); applies[r]:
 * the WHERE selects it. */
static int eval_rows(MtTable *mt, Table *t, QueryCtx *q, Chunk *ch, uint32_t *ttl, uint8_t *applies, Err *err)
{
    Expr *e, *w;
    int rc = bind_ttl(mt, t, q, &e, &w, err);
    if (rc) return rc;
    Column *v;
    if ((rc = expr_eval(e, ch, &v, err))) return rc;
    Column *full = col_materialize(v);
    col_unref(v);
    const DataType *ty = type_strip_lc(full->type);
    int64_t scale = 1;
    if (ty->kind == TYPE_DATETIME64)
        for (int i = 0; i < ty->p1; i++) scale *= 10;
    for (size_t r = 0; r < ch->rows; r++) {
        int64_t x = col_get_i64(full, r);
        if (ty->kind == TYPE_DATE || ty->kind == TYPE_DATE32) x *= 86400;
        else if (ty->kind == TYPE_DATETIME64) x /= scale;
        ttl[r] = x < 0 ? 0 : x > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)x;
        applies[r] = 1;
    }
    col_unref(full);
    if (!w) return 0;
    if ((rc = expr_eval(w, ch, &v, err))) return rc;
    full = col_materialize(v);
    col_unref(v);
    const Column *b = full->type->kind == TYPE_NULLABLE ? full->sub[0] : full;
    for (size_t r = 0; r < ch->rows; r++) applies[r] = !col_is_null(full, r) && col_get_u64(b, r) != 0;
    col_unref(full);
    return 0;
}

int mt_ttl_note(MtTable *mt, Table *t, QueryCtx *q, Chunk *ch, MtPartWriter *w, Err *err)
{
    if (!mt->ttl_sql || !ch->rows) return 0;
    uint32_t *ttl = xcalloc(ch->rows, sizeof *ttl);
    uint8_t *applies = xcalloc(ch->rows, 1);
    int rc = eval_rows(mt, t, q, ch, ttl, applies, err);
    uint32_t lo = UINT32_MAX, hi = 0;
    for (size_t r = 0; r < ch->rows && !rc; r++) {
        if (!applies[r]) continue;
        if (ttl[r] < lo) lo = ttl[r];
        if (ttl[r] > hi) hi = ttl[r];
    }
    if (!rc && hi) mt_writer_note_ttl(w, lo ? lo : 1, hi);
    free(ttl);
    free(applies);
    return rc;
}

int mt_ttl_filter(MtTable *mt, Table *t, QueryCtx *q, Chunk *ch, Column **pk, int npk, uint32_t now, Err *err)
{
    if (!mt->ttl_sql || !ch->rows) return 0;
    uint32_t *ttl = xcalloc(ch->rows, sizeof *ttl);
    uint8_t *keep = xcalloc(ch->rows, 1);
    int rc = eval_rows(mt, t, q, ch, ttl, keep, err);
    size_t kept = 0;
    for (size_t r = 0; r < ch->rows && !rc; r++) {
        keep[r] = !(keep[r] && ttl[r] <= now);
        kept += keep[r];
    }
    if (!rc && kept != ch->rows) {
        for (int i = 0; i < ch->ncols; i++) {
            Column *f = col_filter(ch->cols[i], keep, kept);
            col_unref(ch->cols[i]);
            ch->cols[i] = f;
        }
        for (int k = 0; k < npk; k++) {
            Column *f = col_filter(pk[k], keep, kept);
            col_unref(pk[k]);
            pk[k] = f;
        }
        ch->rows = kept;
    }
    free(ttl);
    free(keep);
    return rc;
}

bool mt_ttl_part_expired(const MtPart *p, uint32_t now) { return p->meta.ttl_min && p->meta.ttl_min <= now; }

bool mt_ttl_partition_due(MtTable *mt, const char *pid, uint64_t now)
{
    for (int i = 0; i < mt->nttl_times; i++)
        if (!strcmp(mt->ttl_times[i].partition_id, pid))
            return now >= mt->ttl_times[i].last + (uint64_t)mt->settings.merge_with_ttl_timeout;
    return true;
}

void mt_ttl_partition_merged(MtTable *mt, const char *pid, uint64_t now)
{
    for (int i = 0; i < mt->nttl_times; i++)
        if (!strcmp(mt->ttl_times[i].partition_id, pid)) {
            mt->ttl_times[i].last = now;
            return;
        }
    mt->ttl_times = xrealloc(mt->ttl_times, sizeof *mt->ttl_times * (size_t)(mt->nttl_times + 1));
    MtTtlTime *x = &mt->ttl_times[mt->nttl_times++];
    memset(x, 0, sizeof *x);
    snprintf(x->partition_id, sizeof x->partition_id, "%s", pid);
    x->last = now;
}

void mt_set_ttl_merges_stopped(Table *t, bool stopped)
{
    MtTable *mt = t->impl;
    pthread_mutex_lock(&mt->lock);
    mt->ttl_merges_stopped = stopped;
    pthread_cond_broadcast(&mt->wake);
    pthread_mutex_unlock(&mt->lock);
}
