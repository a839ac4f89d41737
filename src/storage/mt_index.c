/* mt_index.c — see mt_index.h. */
#include "mt_index.h"

#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "mt_keycond.h"
#include "mt_skip.h"

static void stat_free(MtIndexStat *s)
{
    free(s->condition);
    for (int i = 0; i < s->nkeys; i++) free(s->keys[i]);
    free(s->keys);
    memset(s, 0, sizeof *s);
}

void mt_selection_free(MtSelection *s)
{
    free(s->ranges);
    stat_free(&s->minmax);
    stat_free(&s->partition);
    stat_free(&s->primary);
    for (int i = 0; i < s->nskip; i++) {
        free(s->skip[i].name);
        free(s->skip[i].description);
        stat_free(&s->skip[i]);
    }
    free(s->skip);
    memset(s, 0, sizeof *s);
}

static void add_range(MtSelection *s, int *cap, MtPart *p, uint32_t g0, uint32_t g1)
{
    if (s->nranges && s->ranges[s->nranges - 1].part == p && s->ranges[s->nranges - 1].g1 == g0) {
        s->ranges[s->nranges - 1].g1 = g1;
        return;
    }
    if (s->nranges == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        s->ranges = xrealloc(s->ranges, sizeof *s->ranges * (size_t)*cap);
    }
    s->ranges[s->nranges++] = (MtRange){p, g0, g1};
}

static void stat_from(MtIndexStat *st, KeyCond *kc)
{
    st->condition = kc ? keycond_text(kc) : xstrdup("true");
    if (kc) keycond_used_keys(kc, &st->keys, &st->nkeys);
}

int mt_select(MtTable *mt, Table *t, QueryCtx *q, MtPart **parts, int nparts, Expr *where, Expr *prewhere, const int *cols,
              int ncols, MtSelection *out, Err *err)
{
    memset(out, 0, sizeof *out);
    Expr *cond = where ? where : prewhere;
    Expr *cond2 = where && prewhere ? prewhere : NULL;
    KeyCond *mm = NULL, *pk = NULL, *pt = NULL;
    int rc = keycond_build_minmax(mt, t, q, cond, cond2, cols, ncols, &mm, err);
    if (!rc) rc = keycond_build_key(mt, t, q, &mt->partition, cond, cond2, cols, ncols, false, &pt, err);
    if (!rc) rc = keycond_build_key(mt, t, q, &mt->primary, cond, cond2, cols, ncols, false, &pk, err);
    if (rc) goto done;
    stat_from(&out->minmax, mm);
    stat_from(&out->partition, pt);
    stat_from(&out->primary, pk);
    int cap = 0;
    for (int i = 0; i < nparts; i++) {
        MtPart *p = parts[i];
        if (!p->meta.rows) continue;   /* an empty part a mutation left behind */
        uint64_t granules = p->meta.marks - 1;
        out->minmax.parts_in++;
        out->minmax.granules_in += granules;
        if (mm && !keycond_part_minmax(mm, p)) continue;
        out->minmax.parts_out++;
        out->minmax.granules_out += granules;
        out->partition.parts_in++;
        out->partition.granules_in += granules;
        if (pt && !keycond_part_partition(pt, p)) continue;
        out->partition.parts_out++;
        out->partition.granules_out += granules;
        out->primary.parts_in++;
        out->primary.granules_in += granules;
        int before = out->nranges;
        uint64_t selected = 0;
        if (pk && keycond_useful(pk)) {
            MtRange *rs;
            int nr;
            if ((rc = keycond_part_ranges(pk, p, q, &rs, &nr, &out->primary.binary_search, err))) goto done;
            for (int k = 0; k < nr; k++) {
                add_range(out, &cap, p, rs[k].g0, rs[k].g1);
                selected += rs[k].g1 - rs[k].g0;
            }
            free(rs);
        } else if (granules) {
            add_range(out, &cap, p, 0, (uint32_t)granules);
            selected = granules;
        }
        if (out->nranges > before) {
            out->primary.parts_out++;
            out->parts++;
        }
        out->primary.granules_out += selected;
        out->granules += selected;
    }
    for (int i = 0; i < out->nranges; i++)
        for (uint32_t g = out->ranges[i].g0; g < out->ranges[i].g1; g++) out->rows += mt_granule_rows(out->ranges[i].part, g);
    out->has_partition_key = mt->nminmax > 0 || mt->partition.n > 0;
    out->has_primary_key = mt->primary.n > 0;
    rc = mt_skip_apply(mt, t, q, where, prewhere, cols, ncols, out, err);
done:
    keycond_free(mm);
    keycond_free(pt);
    keycond_free(pk);
    if (rc) mt_selection_free(out);
    return rc;
}

static void describe_stat(const char *title, const MtIndexStat *s, bool algorithm, Buf *out)
{
    buf_printf(out, "  %s\n", title);
    if (s->nkeys) {
        buf_puts(out, "    Keys:\n");
        for (int i = 0; i < s->nkeys; i++) buf_printf(out, "      %s\n", s->keys[i]);
    }
    buf_printf(out, "    Condition: %s\n", s->condition ? s->condition : "true");
    buf_printf(out, "    Parts: %d/%d\n", s->parts_out, s->parts_in);
    buf_printf(out, "    Granules: %llu/%llu\n", (unsigned long long)s->granules_out, (unsigned long long)s->granules_in);
    if (algorithm && s->condition && strcmp(s->condition, "true"))
        buf_printf(out, "    Search Algorithm: %s\n", s->binary_search ? "binary search" : "generic exclusion search");
}

void mt_describe_selection(MtTable *mt, const MtSelection *s, Op *scan, Expr *prewhere, Buf *out)
{
    (void)mt;
    (void)scan;
    (void)prewhere;
    buf_puts(out, "Indexes:\n");
    if (s->has_partition_key) {
        describe_stat("Min-Max", &s->minmax, false, out);
        describe_stat("Partition", &s->partition, false, out);
    }
    if (s->has_primary_key) describe_stat("PrimaryKey", &s->primary, true, out);
    for (int i = 0; i < s->nskip; i++) {
        const MtIndexStat *st = &s->skip[i];
        buf_printf(out, "  Skip\n    Name: %s\n    Description: %s\n", st->name, st->description);
        if (st->condition) buf_printf(out, "    Condition: %s\n", st->condition);
        buf_printf(out, "    Parts: %d/%d\n", st->parts_out, st->parts_in);
        buf_printf(out, "    Granules: %llu/%llu\n", (unsigned long long)st->granules_out, (unsigned long long)st->granules_in);
    }
    buf_printf(out, "  Ranges: %d\n", s->nranges);
}
