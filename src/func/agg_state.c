/* agg_state.c — aggregate states as values (see agg.h): resolving xState,
 * xMerge and xMergeState, the AggregateFunction(x, types) type of their
 * values, and the byte form of a state.
 *
 * Where it sits: the analyzer resolves aggregate calls through agg_resolve,
 * which hands -State / -Merge names here; AggregatingMergeTree merges and
 * finalizeAggregation rebuild a call from a column's type with
 * agg_resolve_type. A state's bytes: for a combinator, its "seen" byte then
 * the nested state; for a function with a serializer, what it writes; for a
 * plain-data state, its raw bytes. They never leave the process except in
 * parts written by this same code (no ClickHouse byte compatibility).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/text.h"
#include "../storage/mt_serial.h"
#include "agg.h"

/* ---- bytes ---- */

static int bad_state(Err *err) { return err_set(err, ERR_CANNOT_READ_ALL_DATA, "Cannot read all data of an aggregate function state"); }

int agg_in_read(AggIn *in, void *dst, size_t n, Err *err)
{
    if ((size_t)(in->end - in->p) < n) return bad_state(err);
    memcpy(dst, in->p, n);
    in->p += n;
    return 0;
}

void agg_out_column(const Column *c, Buf *out) { mt_blob_put(c, out); }

int agg_in_column(AggIn *in, const DataType *t, Column **out, Err *err)
{
    ByteSrc s;
    bs_init_mem(&s, in->p, (size_t)(in->end - in->p));
    int rc = mt_blob_get(t, &s, out, err);
    if (!rc) in->p = s.p;
    return rc;
}

bool agg_serializable(const AggCall *ac)
{
    for (; !ac->def; ac = ac->inner)
        if (ac->comb == COMB_DISTINCT) return false;
    return ac->def->serialize || !ac->def->destroy;
}

void agg_serialize(AggCall *ac, const void *st, Buf *out)
{
    if (ac->def) {
        if (ac->def->serialize) ac->def->serialize(ac, st, out);
        else buf_put(out, st, ac->state_size);
        return;
    }
    buf_putc(out, ((const char *)st)[0]);
    agg_serialize(ac->inner, (const char *)st + AGG_COMB_HDR, out);
}

static int deserialize_in(AggCall *ac, void *st, AggIn *in, Err *err)
{
    if (ac->def) {
        if (ac->def->deserialize) return ac->def->deserialize(ac, st, in, err);
        return agg_in_read(in, st, ac->state_size, err);
    }
    int rc = agg_in_read(in, st, 1, err);
    if (!rc && ((unsigned char *)st)[0] > 1) rc = bad_state(err);
    return rc ? rc : deserialize_in(ac->inner, (char *)st + AGG_COMB_HDR, in, err);
}

int agg_deserialize(AggCall *ac, void *st, const char *data, size_t len, Err *err)
{
    /* no bytes: the column's default value, the state nothing was added to
     * (every serialized state has at least one byte) */
    if (len == 0) return 0;
    AggIn in = {data, data + len};
    int rc = deserialize_in(ac, st, &in, err);
    if (!rc && in.p != in.end) rc = bad_state(err);
    return rc;
}

/* ---- the function a type names: "quantiles(0.5, 0.9)" ---- */

/* A parameter literal as a constant column. */
static Column *param_value(const char *s, size_t n)
{
    while (n && (*s == ' ')) s++, n--;
    while (n && s[n - 1] == ' ') n--;
    char buf[128];
    snprintf(buf, sizeof buf, "%.*s", (int)n, s);
    Column *c;
    if (n >= 2 && buf[0] == '\'' && buf[n - 1] == '\'') {
        c = col_new(type_basic(TYPE_STRING));
        col_push_str(c, buf + 1, n - 2);
    } else if (strpbrk(buf, ".eE")) {
        c = col_new(type_basic(TYPE_FLOAT64));
        double v = strtod(buf, NULL);
        col_push_fixed(c, &v);
    } else if (buf[0] == '-') {
        c = col_new(type_basic(TYPE_INT64));
        int64_t v = strtoll(buf, NULL, 10);
        col_push_fixed(c, &v);
    } else {
        c = col_new(type_basic(TYPE_UINT64));
        uint64_t v = strtoull(buf, NULL, 10);
        col_push_fixed(c, &v);
    }
    return c;
}

/* Splits spec into its name (into name[cap]) and parameter columns. */
static int parse_spec(QueryCtx *q, const char *spec, char *name, size_t cap, Column ***params, int *nparams)
{
    const char *lp = strchr(spec, '(');
    size_t nl = lp ? (size_t)(lp - spec) : strlen(spec);
    snprintf(name, cap, "%.*s", (int)nl, spec);
    *nparams = 0;
    *params = arena_alloc(&q->arena, sizeof **params * 64);
    if (!lp) return 0;
    const char *p = lp + 1, *end = spec + strlen(spec) - 1;   /* the closing ')' */
    while (p < end && *nparams < 64) {
        const char *c = p;
        bool quoted = false;
        while (c < end && (quoted || *c != ',')) {
            if (*c == '\'') quoted = !quoted;
            c++;
        }
        Column *v = param_value(p, (size_t)(c - p));
        qctx_defer(q, (void (*)(void *))col_unref, v);
        (*params)[(*nparams)++] = v;
        p = c + 1;
    }
    return 0;
}

int agg_resolve_type(AggCall *ac, QueryCtx *q, const DataType *t, Err *err)
{
    if (t->kind != TYPE_AGGSTATE) return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Type %s is not AggregateFunction", t->name);
    char name[256];
    Column **params;
    int np;
    parse_spec(q, t->agg, name, sizeof name, &params, &np);
    if (!agg_is_aggregate(name)) return err_set(err, ERR_UNKNOWN_AGGREGATE_FUNCTION, "Unknown aggregate function %s", name);
    return agg_resolve(ac, q, name, t->sub, t->nsub, params, np, err);
}

/* ---- -State and -Merge ---- */

static bool ends_with(const char *s, const char *suffix, size_t *base_len)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n <= k || strcmp(s + n - k, suffix)) return false;
    *base_len = n - k;
    return true;
}

/* "quantiles(0.5, 0.9)": the name with its parameters, as the type prints it. */
static char *spec_text(QueryCtx *q, const char *name, Column **params, int nparams)
{
    Buf b = {0};
    buf_puts(&b, name);
    if (nparams) {
        FormatSettings fs;
        format_settings_default(&fs);
        buf_putc(&b, '(');
        for (int i = 0; i < nparams; i++) {
            if (i) buf_puts(&b, ", ");
            text_write(&b, params[i], 0, TS_QUOTED, &fs);
        }
        buf_putc(&b, ')');
    }
    char *s = arena_strndup(&q->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

static int resolve_state(AggCall *ac, QueryCtx *q, const char *name, const char *base, const DataType **types, int nargs,
                         Column **params, int nparams, Err *err)
{
    AggCall *inner = arena_alloc(&q->arena, sizeof *inner);
    int rc = agg_resolve(inner, q, base, types, nargs, params, nparams, err);
    if (rc) return rc;
    if (!agg_serializable(inner))
        return err_set(err, ERR_NOT_IMPLEMENTED, "Aggregate function %s cannot keep its state as a value yet", name);
    /* xMergeState keeps the states it merged: their type */
    const DataType *st_type;
    if (inner->comb == COMB_MERGE) st_type = inner->types[0];
    else st_type = type_aggstate(spec_text(q, base, params, nparams), nargs, types);
    *ac = *agg_wrap(q, COMB_STATE, inner, name);
    ac->nargs = nargs;
    ac->types = arena_alloc(&q->arena, sizeof *ac->types * (size_t)(nargs ? nargs : 1));
    for (int i = 0; i < nargs; i++) ac->types[i] = types[i];
    ac->ret = st_type;
    return 0;
}

static int resolve_merge(AggCall *ac, QueryCtx *q, const char *name, const char *base, const DataType **types, int nargs,
                         int nparams, Err *err)
{
    if (nargs != 1)
        return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function %s requires 1 argument, passed %d", name, nargs);
    const DataType *t = types[0];
    char fname[256];
    Column **params;
    int np;
    if (t->kind == TYPE_AGGSTATE) parse_spec(q, t->agg, fname, sizeof fname, &params, &np);
    if (t->kind != TYPE_AGGSTATE || strcmp(fname, base))
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT,
                       "Illegal type %s of argument for aggregate function %s, expected AggregateFunction(%s, ...) or equivalent type",
                       t->name, name, base);
    (void)nparams;   /* quantilesMerge(0.5)(s): the states' own parameters decide */
    AggCall *inner = arena_alloc(&q->arena, sizeof *inner);
    int rc = agg_resolve_type(inner, q, t, err);
    if (rc) return rc;
    if (!agg_serializable(inner)) return err_set(err, ERR_NOT_IMPLEMENTED, "Aggregate function %s cannot read states yet", name);
    *ac = *agg_wrap(q, COMB_MERGE, inner, name);
    ac->nargs = 1;
    ac->types = arena_alloc(&q->arena, sizeof *ac->types);
    ac->types[0] = t;
    return 0;
}

int agg_resolve_state_merge(AggCall *ac, QueryCtx *q, const char *name, const DataType **types, int nargs, Column **params,
                            int nparams, Err *err)
{
    size_t bl;
    char base[256];
    if (ends_with(name, "State", &bl) && bl < sizeof base) {
        snprintf(base, sizeof base, "%.*s", (int)bl, name);
        if (agg_is_aggregate(base)) return resolve_state(ac, q, name, base, types, nargs, params, nparams, err);
    }
    if (ends_with(name, "Merge", &bl) && bl < sizeof base) {
        snprintf(base, sizeof base, "%.*s", (int)bl, name);
        if (agg_is_aggregate(base)) return resolve_merge(ac, q, name, base, types, nargs, nparams, err);
    }
    return 1;
}

bool agg_state_name(const char *name)
{
    size_t bl;
    char base[256];
    if ((ends_with(name, "State", &bl) || ends_with(name, "Merge", &bl)) && bl < sizeof base) {
        snprintf(base, sizeof base, "%.*s", (int)bl, name);
        return agg_is_aggregate(base);
    }
    return false;
}
