/* mt_keycond.c — see mt_keycond.h. */
#include "mt_keycond.h"

#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/numfmt.h"
#include "../column/cast.h"
#include "../column/text.h"

#define MAX_KEYS 64

/* ---- values and ranges ---- */

typedef struct KVal { const Column *c; size_t row; } KVal;       /* c == NULL: infinite */
typedef struct KRange { KVal lo, hi; bool lo_inc, hi_inc; } KRange;

typedef struct Mask { bool t, f; } Mask;   /* can be true, can be false */

typedef enum { KE_UNKNOWN, KE_TRUE, KE_FALSE, KE_IN_RANGE, KE_NOT_IN_RANGE, KE_IN_SET, KE_NOT_IN_SET, KE_IS_NULL, KE_IS_NOT_NULL, KE_AND, KE_OR } KeKind;

typedef struct KElem {
    KeKind kind;
    int key;
    KRange range;
    Column *set;            /* sorted, distinct */
    Expr *wrap;             /* condition-side monotonic function of the key column */
    bool eq_only;           /* reached through a non-monotonic key function */
} KElem;

struct KeyCond {
    QueryCtx *q;
    int nkeys;
    char **names;                    /* key element names (borrowed) */
    const DataType **types;          /* value types, LowCardinality stripped */
    Expr **exprs;                    /* key elements bound over the table header */
    int key_col[MAX_KEYS];           /* the table column a key element is, or -1 */
    int src_col[MAX_KEYS];           /* the one table column a key element reads, or -1 */
    bool monotonic[MAX_KEYS];        /* the key element is a monotonic chain over src_col */
    const int *cols;                 /* scan column -> table column */
    int ncols, ntable;
    KElem *rpn;
    int n, cap;
    bool nulls;                      /* skip-index mode: Nullable keys analysed, NULL sorts last (+Inf) */
    bool index_useful;               /* some atom decides (ClickHouse's rpnEvaluatesAlwaysUnknownOrTrue) */
    bool had_or;                     /* the condition had an OR before simplification */
    Column **owned;
    int nowned, capowned;
};

static Column *own(KeyCond *kc, Column *c)
{
    if (kc->nowned == kc->capowned) {
        kc->capowned = kc->capowned ? kc->capowned * 2 : 16;
        kc->owned = xrealloc(kc->owned, sizeof *kc->owned * (size_t)kc->capowned);
    }
    kc->owned[kc->nowned++] = c;
    return c;
}

static const Column *plain(const Column *c) { return c->type->kind == TYPE_LOWCARDINALITY ? c->sub[0] : c; }

static int vcmp(KVal a, KVal b) { return col_compare(plain(a.c), a.row, plain(b.c), b.row, 1); }

static bool integral(const DataType *t)
{
    return type_is_int(t) || t->kind == TYPE_DATE || t->kind == TYPE_DATE32 || t->kind == TYPE_DATETIME || type_is_enum(t);
}

/* Rows of a range entirely before another: a.hi < b.lo. */
static bool before(const KRange *a, const KRange *b)
{
    if (!a->hi.c || !b->lo.c) return false;
    int c = vcmp(a->hi, b->lo);
    return c < 0 || (c == 0 && !(a->hi_inc && b->lo_inc));
}

static bool intersects(const KRange *a, const KRange *b) { return !before(a, b) && !before(b, a); }

/* a contains b */
static bool contains(const KRange *a, const KRange *b)
{
    if (a->lo.c) {
        if (!b->lo.c) return false;
        int c = vcmp(a->lo, b->lo);
        if (c > 0 || (c == 0 && !a->lo_inc && b->lo_inc)) return false;
    }
    if (a->hi.c) {
        if (!b->hi.c) return false;
        int c = vcmp(a->hi, b->hi);
        if (c < 0 || (c == 0 && !a->hi_inc && b->hi_inc)) return false;
    } else if (!b->hi.c && b->hi_inc && !a->hi_inc) {
        return false;   /* b holds NULL (+Inf), which a range of values excludes */
    }
    return true;
}

static bool is_point(const KRange *r) { return r->lo.c && r->hi.c && r->lo_inc && r->hi_inc && vcmp(r->lo, r->hi) == 0; }

/* ---- building ---- */

static void push(KeyCond *kc, KElem e)
{
    if (kc->n == kc->cap) {
        kc->cap = kc->cap ? kc->cap * 2 : 16;
        kc->rpn = xrealloc(kc->rpn, sizeof *kc->rpn * (size_t)kc->cap);
    }
    kc->rpn[kc->n++] = e;
}

static void push_kind(KeyCond *kc, KeKind k) { push(kc, (KElem){.kind = k}); }

const char *keycond_fname(const Expr *e)
{
    const FuncDef *d = e->call->def;
    return d->alias_of ? d->alias_of : d->name;
}

static const char *fname(const Expr *e) { return keycond_fname(e); }

static bool arg_is_time(const Expr *a)
{
    const DataType *t = type_strip_lc(a->type);
    return type_is_date_or_time(t);
}

/* True if e is a function non-decreasing in its first argument over its whole
 * domain, the other arguments being constants. */
static bool monotonic_fn(const Expr *e)
{
    if (e->kind != EX_FUNC || e->nargs < 1) return false;
    for (int i = 1; i < e->nargs; i++)
        if (e->args[i]->kind != EX_CONST) return false;
    static const char *const TIME_FNS[] = {
        "toDate", "toDate32", "toDateTime", "toDateTime64", "toStartOfYear", "toStartOfISOYear", "toStartOfQuarter",
        "toStartOfMonth", "toStartOfWeek", "toMonday", "toStartOfDay", "toStartOfHour", "toStartOfMinute",
        "toStartOfSecond", "toStartOfFiveMinutes", "toStartOfFiveMinute", "toStartOfTenMinutes", "toStartOfFifteenMinutes",
        "toStartOfInterval", "toYear", "toYYYYMM", "toYYYYMMDD", "toYYYYMMDDhhmmss", "toRelativeYearNum",
        "toRelativeQuarterNum", "toRelativeMonthNum", "toRelativeWeekNum", "toRelativeDayNum", "toRelativeHourNum",
        "toRelativeMinuteNum", "toRelativeSecondNum", "toUnixTimestamp", "toStartOfMillisecond", "toStartOfMicrosecond",
    };
    const char *n = fname(e);
    for (size_t i = 0; i < sizeof TIME_FNS / sizeof TIME_FNS[0]; i++)
        if (!strcmp(n, TIME_FNS[i])) return arg_is_time(e->args[0]);
    if (!strcmp(n, "identity")) return e->nargs == 1;
    if (!strcmp(n, "intDiv") && e->nargs == 2) {
        const DataType *t = type_strip_lc(e->args[0]->type);
        return type_is_int(t) && col_get_i64(e->args[1]->value, 0) > 0;
    }
    return false;
}

static bool deterministic(const Expr *e)
{
    if (e->kind == EX_FUNC) {
        if (e->call->def->flags & FF_NONDET) return false;
        for (int i = 0; i < e->nargs; i++)
            if (!deterministic(e->args[i])) return false;
    }
    return e->kind != EX_LAMBDA;
}

bool keycond_expr_same(const Expr *e, const int *cols, int ncols, const Expr *ke)
{
    if (e->kind != ke->kind) return false;
    switch (e->kind) {
    case EX_INPUT: return e->input >= 0 && e->input < ncols && cols[e->input] == ke->input;
    case EX_CONST: return e->value->type == ke->value->type && col_equal_rows(e->value, 0, ke->value, 0);
    case EX_FUNC:
        if (strcmp(fname(e), fname(ke)) || e->nargs != ke->nargs) return false;
        for (int i = 0; i < e->nargs; i++)
            if (!keycond_expr_same(e->args[i], cols, ncols, ke->args[i])) return false;
        return true;
    default: return false;
    }
}

/* e over the scan columns is the same expression as key element ke (over the table). */
static bool same_expr(const KeyCond *kc, const Expr *e, const Expr *ke) { return keycond_expr_same(e, kc->cols, kc->ncols, ke); }

typedef struct Match { int key; Expr *wrap; int transform; } Match;   /* transform: 0 none, 1 monotonic, 2 equality only */

static bool match(const KeyCond *kc, Expr *e, Match *m)
{
    for (int k = 0; k < kc->nkeys; k++)
        if (same_expr(kc, e, kc->exprs[k])) {
            *m = (Match){k, NULL, 0};
            return true;
        }
    if (e->kind == EX_INPUT && e->input >= 0 && e->input < kc->ncols) {
        int c = kc->cols[e->input];
        for (int k = 0; k < kc->nkeys; k++)
            if (kc->key_col[k] < 0 && kc->src_col[k] == c) {
                *m = (Match){k, NULL, kc->monotonic[k] ? 1 : 2};
                return true;
            }
    }
    if (monotonic_fn(e)) {
        Match in;
        if (match(kc, e->args[0], &in) && in.transform == 0 && kc->key_col[in.key] >= 0) {
            *m = (Match){in.key, e, 0};
            return true;
        }
    }
    return false;
}

/* Converts a one-row constant to type t; false if it cannot be (exactly). */
static bool convert(KeyCond *kc, const Column *v, const DataType *t, Column **out)
{
    const DataType *from = type_strip_lc(v->type);
    if (from->kind == TYPE_NULLABLE || type_is_null_only(v->type)) return false;
    Column *src = (Column *)plain(v);
    if (from == t) {
        *out = own(kc, col_ref(src));
        return true;
    }
    FormatSettings fs;
    format_settings_default(&fs);
    Err e;
    Column *c;
    if (col_cast(src, t, CAST_THROW, &fs, &c, &e) != 0) return false;
    if ((type_is_number(from) || type_is_decimal(from)) && (type_is_number(t) || type_is_decimal(t))) {
        /* a lossy conversion (3.5 to an integer key) would change the condition */
        Column *back;
        bool exact = col_cast(c, from, CAST_THROW, &fs, &back, &e) == 0 && col_compare(back, 0, src, 0, 1) == 0;
        if (back && exact) col_unref(back);
        else if (back) col_unref(back);
        if (!exact) {
            col_unref(c);
            return false;
        }
    }
    *out = own(kc, c);
    return true;
}

/* Evaluates expression e (whose inputs all read value v) on v's rows. */
static Column *eval_on(KeyCond *kc, Expr *e, const Column *v, int width)
{
    Chunk *ch = chunk_new(width, v->rows);
    for (int i = 0; i < width; i++) ch->cols[i] = col_ref((Column *)v);
    Column *out = NULL;
    Err err;
    if (expr_eval(e, ch, &out, &err) != 0) out = NULL;
    chunk_free(ch);
    if (out && out->is_const) {
        Column *m = col_materialize(out);
        col_unref(out);
        out = m;
    }
    return out ? own(kc, out) : NULL;
}

/* A constant as a value of the atom's compare type (the wrapping function's
 * result type, or the key element's). NULL when it cannot be converted. */
static Column *key_value(KeyCond *kc, const Match *m, const Column *c)
{
    Column *v;
    const DataType *t = m->wrap ? type_strip_lc(m->wrap->type) : kc->types[m->key];
    return convert(kc, c, t, &v) ? v : NULL;
}

static void shrink(KeyCond *kc, KRange *r, const DataType *t)
{
    if (!integral(t)) return;
    for (int side = 0; side < 2; side++) {
        KVal *v = side ? &r->hi : &r->lo;
        bool *inc = side ? &r->hi_inc : &r->lo_inc;
        if (!v->c || *inc) continue;
        i128 x = col_get_i128(plain(v->c), v->row), nx = side ? x - 1 : x + 1;
        Column *c = col_new(t);
        col_push_fixed(c, &nx);   /* little-endian: the low bytes are the value */
        /* the shifted value must still be of the type (no wrap-around) */
        if (col_get_i128(c, 0) != nx) {
            col_unref(c);
            continue;
        }
        own(kc, c);
        *v = (KVal){c, 0};
        *inc = true;
    }
}

static const char *const CMP[] = {"equals", "notEquals", "less", "greater", "lessOrEquals", "greaterOrEquals"};

static int cmp_index(const char *n)
{
    for (int i = 0; i < 6; i++)
        if (!strcmp(n, CMP[i])) return i;
    return -1;
}

static int flip_cmp(int op) { static const int F[] = {0, 1, 3, 2, 5, 4}; return F[op]; }
static int negate_cmp(int op) { static const int N[] = {1, 0, 5, 4, 3, 2}; return N[op]; }

/* Applies key element k's own function to a value of its source column. */
static Column *through_key(KeyCond *kc, int k, Column *v) { return eval_on(kc, kc->exprs[k], v, kc->ntable); }

static void range_atom(KeyCond *kc, const Match *m, int op, Column *value)
{
    KElem e = {.kind = KE_IN_RANGE, .key = m->key, .wrap = m->wrap, .eq_only = m->transform == 2};
    KVal v = {value, 0};
    switch (op) {
    case 0: e.range = (KRange){v, v, true, true}; break;
    case 1: e.range = (KRange){v, v, true, true}; e.kind = KE_NOT_IN_RANGE; break;
    case 2: e.range = (KRange){{0}, v, false, false}; break;
    case 3: e.range = (KRange){v, {0}, false, false}; break;
    case 4: e.range = (KRange){{0}, v, false, true}; break;
    default: e.range = (KRange){v, {0}, true, false}; break;
    }
    const DataType *t = m->wrap ? type_strip_lc(m->wrap->type) : kc->types[m->key];
    shrink(kc, &e.range, t);
    push(kc, e);
}

static Column *const_value(KeyCond *kc, const Match *m, const Column *c, int op)
{
    if (!m->transform) return key_value(kc, m, c);
    /* the key is f(column) and the condition is on the column */
    if (m->transform == 2 && op > 1) return NULL;       /* not monotonic: equality only */
    const Expr *ke = kc->exprs[m->key];
    const Expr *leaf = ke;
    while (leaf->kind == EX_FUNC) leaf = leaf->args[0];
    Column *v;
    if (!convert(kc, c, type_strip_lc(leaf->type), &v)) return NULL;
    Column *r = through_key(kc, m->key, v);
    if (!r || r->rows != 1) return NULL;
    if (plain(r)->type != kc->types[m->key]) {
        Column *cv;
        if (!convert(kc, r, kc->types[m->key], &cv)) return NULL;
        r = cv;
    }
    return r;
}

static void atom_compare(KeyCond *kc, Expr *e, bool invert)
{
    int op = cmp_index(fname(e));
    Expr *a = e->args[0], *b = e->args[1];
    Match m;
    if (b->kind == EX_CONST && match(kc, a, &m)) {
    } else if (a->kind == EX_CONST && match(kc, b, &m)) {
        op = flip_cmp(op);
        b = a;
    } else {
        push_kind(kc, KE_UNKNOWN);
        return;
    }
    if (invert) op = negate_cmp(op);
    Column *v = const_value(kc, &m, b->value, op);
    if (!v) {
        push_kind(kc, KE_UNKNOWN);
        return;
    }
    if (m.transform == 1 && op >= 2) {
        /* through a monotonic key function strict bounds become inclusive */
        op = op == 2 ? 4 : op == 3 ? 5 : op;
    }
    range_atom(kc, &m, op, v);
}

static int cmp_set_rows(const void *x, const void *y, void *ctx)
{
    const Column *c = ctx;
    return col_compare(c, *(const uint32_t *)x, c, *(const uint32_t *)y, 1);
}

static void atom_in(KeyCond *kc, Expr *e, bool invert)
{
    bool not_in = !strcmp(fname(e), "notIn") != invert;
    Match m;
    const Column *arr = e->args[1]->kind == EX_CONST ? e->args[1]->value : NULL;
    if (!arr || plain(arr)->type->kind != TYPE_ARRAY || !match(kc, e->args[0], &m)) {
        push_kind(kc, KE_UNKNOWN);
        return;
    }
    arr = plain(arr);
    const Column *vals = arr->sub[0];
    uint64_t b = col_off_begin(arr, 0), en = COL_OFFS(arr)[0];
    const DataType *t = m.wrap ? type_strip_lc(m.wrap->type) : kc->types[m.key];
    Column *set = own(kc, col_new(t));
    for (uint64_t i = b; i < en; i++) {
        if (col_is_null(vals, i)) continue;
        Column *one = col_gather(vals, (uint32_t[]){(uint32_t)i}, 1);
        Column *v = const_value(kc, &m, one, 0);
        col_unref(one);
        if (!v) {
            push_kind(kc, KE_UNKNOWN);
            return;
        }
        col_push_from(set, plain(v), 0);
    }
    /* sort, drop duplicates */
    uint32_t *idx = xcalloc(set->rows + 1, sizeof *idx);
    for (uint32_t i = 0; i < set->rows; i++) idx[i] = i;
    qsort_r(idx, set->rows, sizeof *idx, cmp_set_rows, set);
    uint32_t n = 0;
    for (uint32_t i = 0; i < set->rows; i++)
        if (!n || col_compare(set, idx[i], set, idx[n - 1], 1) != 0) idx[n++] = idx[i];
    Column *sorted = own(kc, col_gather(set, idx, n));
    free(idx);
    push(kc, (KElem){.kind = not_in ? KE_NOT_IN_SET : KE_IN_SET, .key = m.key, .set = sorted, .wrap = m.wrap,
                     .eq_only = m.transform == 2});
}

/* LIKE 'abc%' / startsWith(x, 'abc') on a String key: x in ['abc', 'abd'). */
static void atom_prefix(KeyCond *kc, Expr *e, bool invert, bool like)
{
    Match m;
    const Column *pc = e->args[1]->kind == EX_CONST ? plain(e->args[1]->value) : NULL;
    if (invert || !pc || !type_is_stringy(pc->type) || !match(kc, e->args[0], &m) || m.wrap || m.transform ||
        kc->types[m.key]->kind != TYPE_STRING) {
        push_kind(kc, KE_UNKNOWN);
        return;
    }
    size_t n;
    const char *s = col_str(pc, 0, &n);
    Buf pre = {0};
    bool exact = true;
    for (size_t i = 0; i < n; i++) {
        if (like && (s[i] == '%' || s[i] == '_')) {
            exact = false;
            break;
        }
        if (like && s[i] == '\\' && i + 1 < n) i++;
        buf_putc(&pre, s[i]);
    }
    if (!like) exact = false;
    if (!pre.len && !exact) {   /* LIKE '%...': no prefix to search by */
        buf_free(&pre);
        push_kind(kc, KE_UNKNOWN);
        return;
    }
    Column *lo = own(kc, col_new(type_basic(TYPE_STRING)));
    col_push_str(lo, pre.data ? pre.data : "", pre.len);
    KElem el = {.kind = KE_IN_RANGE, .key = m.key};
    if (exact) {
        el.range = (KRange){{lo, 0}, {lo, 0}, true, true};
    } else {
        /* the smallest string greater than every string with the prefix */
        while (pre.len && (unsigned char)pre.data[pre.len - 1] == 0xff) pre.len--;
        el.range = (KRange){{lo, 0}, {0}, true, false};
        if (pre.len) {
            pre.data[pre.len - 1]++;
            Column *hi = own(kc, col_new(type_basic(TYPE_STRING)));
            col_push_str(hi, pre.data, pre.len);
            el.range.hi = (KVal){hi, 0};
        }
    }
    buf_free(&pre);
    push(kc, el);
}

/* isNull(k) / isNotNull(k) on a Nullable key of a skip index. */
static void atom_null(KeyCond *kc, Expr *e, bool invert, bool is_null)
{
    Match m;
    if (!kc->nulls || !match(kc, e->args[0], &m) || m.wrap || m.transform) {
        push_kind(kc, KE_UNKNOWN);
        return;
    }
    push(kc, (KElem){.kind = is_null != invert ? KE_IS_NULL : KE_IS_NOT_NULL, .key = m.key});
}

static void build(KeyCond *kc, Expr *e, bool invert, int depth)
{
    if (depth > 100) {
        push_kind(kc, KE_UNKNOWN);
        return;
    }
    if (e->kind == EX_CONST) {
        const Column *v = plain(e->value);
        if (col_is_null(v, 0) || !(type_is_number(type_strip_nullable(v->type)) || type_strip_nullable(v->type)->kind == TYPE_BOOL)) {
            push_kind(kc, KE_UNKNOWN);
            return;
        }
        bool val = col_get_f64(v->type->kind == TYPE_NULLABLE ? v->sub[0] : v, 0) != 0;
        push_kind(kc, val != invert ? KE_TRUE : KE_FALSE);
        return;
    }
    if (e->kind != EX_FUNC) {
        push_kind(kc, KE_UNKNOWN);
        return;
    }
    const char *n = fname(e);
    if ((!strcmp(n, "and") || !strcmp(n, "or")) && e->nargs >= 1) {
        KeKind op = (!strcmp(n, "and")) != invert ? KE_AND : KE_OR;
        build(kc, e->args[0], invert, depth + 1);
        for (int i = 1; i < e->nargs; i++) {
            build(kc, e->args[i], invert, depth + 1);
            push_kind(kc, op);
        }
        return;
    }
    if (!strcmp(n, "not") && e->nargs == 1) {
        build(kc, e->args[0], !invert, depth + 1);
        return;
    }
    if (cmp_index(n) >= 0 && e->nargs == 2) atom_compare(kc, e, invert);
    else if ((!strcmp(n, "in") || !strcmp(n, "notIn")) && e->nargs == 2) atom_in(kc, e, invert);
    else if (!strcmp(n, "like") && e->nargs == 2) atom_prefix(kc, e, invert, true);
    else if (!strcmp(n, "startsWith") && e->nargs == 2) atom_prefix(kc, e, invert, false);
    else if ((!strcmp(n, "isNull") || !strcmp(n, "isNotNull")) && e->nargs == 1) atom_null(kc, e, invert, !strcmp(n, "isNull"));
    else push_kind(kc, KE_UNKNOWN);
}

/* Drops unknown operands of AND, makes OR with an unknown operand unknown. */
static void simplify(KeyCond *kc)
{
    /* each stack entry: [start, end) of the rewritten sequence in out */
    KElem *out = xcalloc((size_t)kc->n + 1, sizeof *out);
    int *start = xcalloc((size_t)kc->n + 1, sizeof *start), sp = 0, no = 0;
    for (int i = 0; i < kc->n; i++) {
        KElem *e = &kc->rpn[i];
        if (e->kind != KE_AND && e->kind != KE_OR) {
            start[sp++] = no;
            out[no++] = *e;
            continue;
        }
        if (sp < 2) break;
        int sb = start[--sp], sa = start[sp - 1];
        bool ua = sb - sa == 1 && out[sa].kind == KE_UNKNOWN, ub = no - sb == 1 && out[sb].kind == KE_UNKNOWN;
        if (e->kind == KE_AND && ua) {
            memmove(&out[sa], &out[sb], sizeof *out * (size_t)(no - sb));
            no -= sb - sa;
        } else if (e->kind == KE_AND && ub) {
            no = sb;
        } else if (e->kind == KE_OR && (ua || ub)) {
            out[sa] = (KElem){.kind = KE_UNKNOWN};
            no = sa + 1;
        } else {
            out[no++] = *e;
        }
    }
    free(kc->rpn);
    kc->rpn = out;
    kc->n = no;
    kc->cap = kc->n + 1;
    free(start);
}

/* ---- construction ---- */

static void analyze_key(KeyCond *kc, int k)
{
    kc->key_col[k] = kc->src_col[k] = -1;
    kc->monotonic[k] = false;
    const Expr *e = kc->exprs[k];
    if (e->kind == EX_INPUT) {
        kc->key_col[k] = kc->src_col[k] = e->input;
        kc->monotonic[k] = true;
        return;
    }
    bool mono = true;
    while (e->kind == EX_FUNC) {
        for (int i = 1; i < e->nargs; i++)
            if (e->args[i]->kind != EX_CONST) return;
        if (e->nargs < 1 || !deterministic(e)) return;
        mono = mono && monotonic_fn(e);
        e = e->args[0];
    }
    if (e->kind == EX_INPUT) {
        kc->src_col[k] = e->input;
        kc->monotonic[k] = mono;
    }
}

/* Whether a skip index can use the condition, before unknown operands are
 * simplified away: an atom under OR with an unknown still counts (the index
 * is listed in EXPLAIN and takes part in combining disjunctions). */
enum { U_FALSE, U_TRUE, U_ALWAYS_TRUE, U_ALWAYS_FALSE };

static int u_and(int a, int b)
{
    if (a == U_ALWAYS_FALSE || b == U_ALWAYS_FALSE) return U_ALWAYS_FALSE;
    if (a == U_TRUE || b == U_TRUE) return U_TRUE;
    return a == U_FALSE || b == U_FALSE ? U_FALSE : U_ALWAYS_TRUE;
}

static int u_or(int a, int b)
{
    if (a == U_ALWAYS_TRUE || b == U_ALWAYS_TRUE) return U_ALWAYS_TRUE;
    if (a == U_TRUE || b == U_TRUE) return U_TRUE;
    return a == U_FALSE || b == U_FALSE ? U_FALSE : U_ALWAYS_FALSE;
}

static bool rpn_useful(const KeyCond *kc)
{
    int *st = xcalloc((size_t)kc->n + 1, sizeof *st), sp = 0;
    for (int i = 0; i < kc->n; i++) {
        KeKind k = kc->rpn[i].kind;
        if (k == KE_AND || k == KE_OR) {
            if (sp < 2) break;
            int a = st[--sp], b = st[--sp];
            st[sp++] = k == KE_AND ? u_and(a, b) : u_or(a, b);
        } else {
            st[sp++] = k == KE_UNKNOWN ? U_FALSE : k == KE_TRUE ? U_ALWAYS_TRUE : k == KE_FALSE ? U_ALWAYS_FALSE : U_TRUE;
        }
    }
    bool r = sp == 1 && st[0] == U_TRUE;
    free(st);
    return r;
}

bool keycond_index_useful(const KeyCond *kc) { return kc && kc->index_useful; }

static int finish(KeyCond *kc, Expr *cond, Expr *cond2, KeyCond **out)
{
    if (!cond) {
        keycond_free(kc);
        *out = NULL;
        return 0;
    }
    build(kc, cond, false, 0);
    if (cond2) {
        build(kc, cond2, false, 0);
        push_kind(kc, KE_AND);
    }
    kc->index_useful = rpn_useful(kc);
    for (int i = 0; i < kc->n; i++) kc->had_or |= kc->rpn[i].kind == KE_OR;
    simplify(kc);
    *out = kc;
    return 0;
}

static KeyCond *kc_new(QueryCtx *q, Table *t, const int *cols, int ncols)
{
    KeyCond *kc = xcalloc(1, sizeof *kc);
    kc->q = q;
    kc->cols = cols;
    kc->ncols = ncols;
    kc->ntable = t->ncols;
    return kc;
}

static void header_of(Table *t, QueryCtx *q, char ***names, const DataType ***types)
{
    *names = arena_alloc(&q->arena, sizeof **names * (size_t)(t->ncols + 1));
    *types = arena_alloc(&q->arena, sizeof **types * (size_t)(t->ncols + 1));
    for (int i = 0; i < t->ncols; i++) {
        (*names)[i] = t->cols[i].name;
        (*types)[i] = t->cols[i].type;
    }
}

int keycond_build_key(MtTable *mt, Table *t, QueryCtx *q, const MtKey *key, Expr *cond, Expr *cond2, const int *cols, int ncols,
                      bool nulls, KeyCond **out, Err *err)
{
    *out = NULL;
    if (!key->n || !cond || key->n > MAX_KEYS) return 0;
    char **names;
    const DataType **types;
    header_of(t, q, &names, &types);
    Expr **exprs;
    int n;
    int rc = storage_bind(q, t->ncols, names, types, key->sql, &exprs, &n, err);
    if (rc) return rc;
    KeyCond *kc = kc_new(q, t, cols, ncols);
    kc->nkeys = n < key->n ? n : key->n;
    kc->names = key->names;
    kc->exprs = exprs;
    kc->types = xcalloc((size_t)kc->nkeys + 1, sizeof *kc->types);
    kc->nulls = nulls;
    for (int k = 0; k < kc->nkeys; k++) {
        kc->types[k] = type_strip_lc(key->types[k]);
        analyze_key(kc, k);
        if (nulls) kc->types[k] = type_strip_lc(type_strip_nullable(kc->types[k]));
        /* Nullable primary keys are not analysed (NULL ordering): treat as unknown */
        else if (kc->types[k]->kind == TYPE_NULLABLE) kc->key_col[k] = kc->src_col[k] = -2;
    }
    return finish(kc, cond, cond2, out);
}

int keycond_build_minmax(MtTable *mt, Table *t, QueryCtx *q, Expr *cond, Expr *cond2, const int *cols, int ncols, KeyCond **out,
                         Err *err)
{
    *out = NULL;
    if (!mt->nminmax || !cond || mt->nminmax > MAX_KEYS) return 0;
    KeyCond *kc = kc_new(q, t, cols, ncols);
    kc->nkeys = mt->nminmax;
    kc->names = mt->minmax_cols;
    kc->exprs = arena_alloc(&q->arena, sizeof *kc->exprs * (size_t)kc->nkeys);
    kc->types = xcalloc((size_t)kc->nkeys + 1, sizeof *kc->types);
    for (int k = 0; k < kc->nkeys; k++) {
        int c = table_column_index(t, mt->minmax_cols[k]);
        if (c < 0) {
            keycond_free(kc);
            return err_set(err, ERR_LOGICAL_ERROR, "Partition column %s is missing", mt->minmax_cols[k]);
        }
        kc->exprs[k] = expr_input(q, c, t->cols[c].type, t->cols[c].name);
        kc->types[k] = type_strip_lc(t->cols[c].type);
        analyze_key(kc, k);
        if (kc->types[k]->kind == TYPE_NULLABLE) kc->key_col[k] = kc->src_col[k] = -2;
    }
    return finish(kc, cond, cond2, out);
}

void keycond_free(KeyCond *kc)
{
    if (!kc) return;
    for (int i = 0; i < kc->nowned; i++) col_unref(kc->owned[i]);
    free(kc->owned);
    free(kc->rpn);
    free(kc->types);
    free(kc);
}

bool keycond_useful(const KeyCond *kc)
{
    return kc && kc->n > 0 && !(kc->n == 1 && (kc->rpn[0].kind == KE_UNKNOWN || kc->rpn[0].kind == KE_TRUE));
}

/* ---- text ---- */

static void value_text(const KVal *v, Buf *out)
{
    const Column *c = plain(v->c);
    const DataType *t = c->type;
    if (integral(t)) {
        i128 x = col_get_i128(c, v->row);
        if (x < 0) buf_printf(out, "-%llu", (unsigned long long)(-(x)));
        else buf_printf(out, "%llu", (unsigned long long)x);
    } else if (type_is_float(t)) {
        fmt_double(out, col_get_f64(c, v->row));
    } else if (type_is_stringy(t)) {
        size_t n;
        const char *s = col_str(c, v->row, &n);
        text_quote_sql(out, s, n);
    } else if (t->kind == TYPE_BOOL) {
        buf_puts(out, col_get_u64(c, v->row) ? "true" : "false");
    } else {
        FormatSettings fs;
        format_settings_default(&fs);
        text_write(out, c, v->row, TS_QUOTED, &fs);
    }
}

static void range_text(const KRange *r, Buf *out)
{
    buf_putc(out, r->lo.c && r->lo_inc ? '[' : '(');
    if (r->lo.c) value_text(&r->lo, out);
    else buf_puts(out, "-Inf");
    buf_puts(out, ", ");
    if (r->hi.c) value_text(&r->hi, out);
    else buf_puts(out, "+Inf");
    buf_putc(out, r->hi.c && r->hi_inc ? ']' : ')');
}

static char *atom_text(const KeyCond *kc, const KElem *e)
{
    Buf b = {0};
    const char *name = e->wrap ? e->wrap->name : kc->names[e->key];
    switch (e->kind) {
    case KE_UNKNOWN: buf_puts(&b, "unknown"); break;
    case KE_TRUE: buf_puts(&b, "true"); break;
    case KE_FALSE: buf_puts(&b, "false"); break;
    case KE_IN_RANGE: case KE_NOT_IN_RANGE:
        buf_printf(&b, "(%s%s in ", name, e->kind == KE_NOT_IN_RANGE ? " not" : "");
        range_text(&e->range, &b);
        buf_putc(&b, ')');
        break;
    case KE_IN_SET: case KE_NOT_IN_SET:
        buf_printf(&b, "(%s %s %zu-element set)", name, e->kind == KE_IN_SET ? "in" : "notIn", e->set->rows);
        break;
    case KE_IS_NULL: case KE_IS_NOT_NULL:
        buf_printf(&b, "(%s %s)", name, e->kind == KE_IS_NULL ? "isNull" : "isNotNull");
        break;
    default: break;
    }
    char *s = xstrndup(b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

char *keycond_text(const KeyCond *kc)
{
    if (!keycond_useful(kc)) return xstrdup("true");
    char **st = xcalloc((size_t)kc->n + 1, sizeof *st);
    int sp = 0;
    for (int i = 0; i < kc->n; i++) {
        const KElem *e = &kc->rpn[i];
        if (e->kind == KE_AND || e->kind == KE_OR) {
            char *a1 = st[--sp], *a2 = st[--sp];
            Buf b = {0};
            buf_printf(&b, "%s(%s, %s)", e->kind == KE_AND ? "and" : "or", a1, a2);
            free(a1);
            free(a2);
            st[sp++] = xstrndup(b.data, b.len);
            buf_free(&b);
        } else {
            st[sp++] = atom_text(kc, e);
        }
    }
    char *r = sp ? st[0] : xstrdup("true");
    free(st);
    return r;
}

void keycond_used_keys(const KeyCond *kc, char ***keys, int *n)
{
    *keys = NULL;
    *n = 0;
    if (!keycond_useful(kc)) return;
    bool used[MAX_KEYS] = {0};
    for (int i = 0; i < kc->n; i++) {
        KeKind k = kc->rpn[i].kind;
        if (k == KE_IN_RANGE || k == KE_NOT_IN_RANGE || k == KE_IN_SET || k == KE_NOT_IN_SET || k == KE_IS_NULL || k == KE_IS_NOT_NULL) used[kc->rpn[i].key] = true;
    }
    *keys = xcalloc((size_t)kc->nkeys + 1, sizeof **keys);
    for (int i = 0; i < kc->nkeys; i++)
        if (used[i]) (*keys)[(*n)++] = xstrdup(kc->names[i]);
}

/* ---- evaluation over hyperrectangles ---- */

static KRange wrap_range(const KeyCond *kc, const KElem *e, const KRange *r)
{
    KRange out = {{0}, {0}, true, true};
    for (int side = 0; side < 2; side++) {
        const KVal *v = side ? &r->hi : &r->lo;
        if (!v->c) continue;
        Column *one = col_gather(plain(v->c), (uint32_t[]){(uint32_t)v->row}, 1);
        Column *f = eval_on((KeyCond *)kc, e->wrap, one, kc->ncols);
        col_unref(one);
        if (!f) return (KRange){{0}, {0}, false, false};
        if (side) out.hi = (KVal){f, 0};
        else out.lo = (KVal){f, 0};
    }
    return out;
}

static Mask set_check(const Column *set, const KRange *r)
{
    if (is_point(r)) {
        for (size_t i = 0; i < set->rows; i++)
            if (col_compare(set, i, plain(r->lo.c), r->lo.row, 1) == 0) return (Mask){true, false};
        return (Mask){false, true};
    }
    /* first element >= lo (binary search), then check it against hi */
    size_t a = 0, b = set->rows;
    while (a < b) {
        size_t m = (a + b) / 2;
        bool below = false;
        if (r->lo.c) {
            int c = col_compare(set, m, plain(r->lo.c), r->lo.row, 1);
            below = c < 0 || (c == 0 && !r->lo_inc);
        }
        if (below) a = m + 1;
        else b = m;
    }
    bool any = false;
    if (a < set->rows) {
        if (!r->hi.c) any = true;
        else {
            int c = col_compare(set, a, plain(r->hi.c), r->hi.row, 1);
            any = c < 0 || (c == 0 && r->hi_inc);
        }
    }
    return (Mask){any, true};
}

/* nulls (may be NULL): per key, bit 0 some non-NULL value, bit 1 some NULL.
 * A key with no value matches no range; one with NULLs reaches +Inf. */
static Mask check_hyper(const KeyCond *kc, const KRange *h, const uint8_t *nulls)
{
    Mask st[256];
    int sp = 0;
    for (int i = 0; i < kc->n && sp < 255; i++) {
        const KElem *e = &kc->rpn[i];
        Mask m = {true, true};
        switch (e->kind) {
        case KE_TRUE: m = (Mask){true, false}; break;
        case KE_FALSE: m = (Mask){false, true}; break;
        case KE_IS_NULL: case KE_IS_NOT_NULL: {
            uint8_t f = nulls ? nulls[e->key] : 1;
            m = (Mask){(f & 2) != 0, (f & 1) != 0};
            if (e->kind == KE_IS_NOT_NULL) m = (Mask){m.f, m.t};
            break;
        }
        case KE_IN_RANGE: case KE_NOT_IN_RANGE: case KE_IN_SET: case KE_NOT_IN_SET: {
            KRange kr = h[e->key];
            if (nulls && !(nulls[e->key] & 1)) {   /* only NULLs: in no range or set */
                m = e->kind == KE_IN_RANGE || e->kind == KE_IN_SET ? (Mask){false, true} : (Mask){true, false};
                break;
            }
            if (nulls && (nulls[e->key] & 2)) kr.hi = (KVal){0}, kr.hi_inc = true;
            if (e->wrap) kr = wrap_range(kc, e, &kr);
            if (e->kind == KE_IN_RANGE || e->kind == KE_NOT_IN_RANGE) m = (Mask){intersects(&e->range, &kr), !contains(&e->range, &kr)};
            else m = set_check(e->set, &kr);
            if (e->kind == KE_NOT_IN_RANGE || e->kind == KE_NOT_IN_SET) m = (Mask){m.f, m.t};
            break;
        }
        case KE_AND: case KE_OR: {
            Mask a = st[--sp], b = st[--sp];
            m = e->kind == KE_AND ? (Mask){a.t && b.t, a.f || b.f} : (Mask){a.t || b.t, a.f && b.f};
            break;
        }
        default: break;
        }
        st[sp++] = m;
    }
    return sp ? st[0] : (Mask){true, true};
}

bool keycond_part_minmax(const KeyCond *kc, const MtPart *p)
{
    if (!keycond_useful(kc)) return true;
    KRange h[MAX_KEYS];
    for (int k = 0; k < kc->nkeys; k++) {
        h[k] = (KRange){{0}, {0}, false, false};
        for (int i = 0; i < p->meta.nminmax; i++)
            if (!strcmp(p->meta.minmax_names[i], kc->names[k]) && p->meta.minmax[i]->rows == 2)
                h[k] = (KRange){{p->meta.minmax[i], 0}, {p->meta.minmax[i], 1}, true, true};
    }
    return check_hyper(kc, h, NULL).t;
}

bool keycond_check_box(const KeyCond *kc, Column **lo, Column **hi, size_t row, const uint8_t *nulls)
{
    bool f;
    return keycond_check_box_mask(kc, lo, hi, row, nulls, &f);
}

bool keycond_check_box_mask(const KeyCond *kc, Column **lo, Column **hi, size_t row, const uint8_t *nulls, bool *can_be_false)
{
    *can_be_false = true;
    if (!keycond_useful(kc)) return true;
    KRange h[MAX_KEYS];
    for (int k = 0; k < kc->nkeys; k++) h[k] = (KRange){{lo[k], row}, {hi[k], row}, true, true};
    Mask m = check_hyper(kc, h, nulls);
    *can_be_false = m.f;
    return m.t;
}

bool keycond_part_partition(const KeyCond *kc, const MtPart *p)
{
    if (!keycond_useful(kc) || p->meta.npartition != kc->nkeys) return true;
    KRange h[MAX_KEYS];
    for (int k = 0; k < kc->nkeys; k++) h[k] = (KRange){{p->meta.partition[k], 0}, {p->meta.partition[k], 0}, true, true};
    return check_hyper(kc, h, NULL).t;
}

/* Calls check_hyper on every hyperrectangle of the key range between rows a
 * and b of the primary index (ClickHouse's forAnyHyperrectangle). */
static bool any_hyper(const KeyCond *kc, Column **pk, int loaded, size_t a, size_t b, bool lb, bool rb, KRange *h, int prefix)
{
    int n = kc->nkeys;
    if (!lb && !rb) return check_hyper(kc, h, NULL).t;
    if (prefix >= loaded) {
        /* key columns not kept in memory bound nothing */
        for (int i = prefix; i < n; i++) h[i] = (KRange){{0}, {0}, false, false};
        return check_hyper(kc, h, NULL).t;
    }
    if (lb && rb)
        while (prefix < n && prefix < loaded && col_compare(plain(pk[prefix]), a, plain(pk[prefix]), b, 1) == 0) {
            h[prefix] = (KRange){{pk[prefix], a}, {pk[prefix], a}, true, true};
            prefix++;
        }
    if (prefix == n) return check_hyper(kc, h, NULL).t;
    if (prefix >= loaded) return any_hyper(kc, pk, loaded, a, b, lb, rb, h, prefix);
    KVal L = {pk[prefix], a}, R = {pk[prefix], b}, none = {0};
    if (prefix + 1 == n) {
        h[prefix] = (KRange){lb ? L : none, rb ? R : none, lb, rb};
        return check_hyper(kc, h, NULL).t;
    }
    h[prefix] = (KRange){lb ? L : none, rb ? R : none, false, false};
    for (int i = prefix + 1; i < n; i++) h[i] = (KRange){{0}, {0}, false, false};
    if (check_hyper(kc, h, NULL).t) return true;
    if (lb) {
        h[prefix] = (KRange){L, L, true, true};
        if (any_hyper(kc, pk, loaded, a, b, true, false, h, prefix + 1)) return true;
    }
    if (rb) {
        h[prefix] = (KRange){R, R, true, true};
        if (any_hyper(kc, pk, loaded, a, b, false, true, h, prefix + 1)) return true;
    }
    return false;
}

static bool may_be_true(const KeyCond *kc, const MtPart *p, size_t a, size_t b)
{
    KRange h[MAX_KEYS];
    for (int i = 0; i < kc->nkeys; i++) h[i] = (KRange){{0}, {0}, false, false};
    bool rb = b < p->meta.marks;
    int loaded = p->npk_loaded < kc->nkeys ? p->npk_loaded : kc->nkeys;
    return any_hyper(kc, p->pk, loaded, a, rb ? b : a, true, rb, h, 0);
}

/* ClickHouse's matchesExactContinuousRange: one continuous key range. */
static bool exact_continuous(const KeyCond *kc)
{
    enum { POINT, RANGE, UNKNOWN };
    if (kc->had_or) return false;   /* ClickHouse keeps OR (even of unknowns) in its RPN */
    int con[MAX_KEYS];
    for (int k = 0; k < kc->nkeys; k++) con[k] = UNKNOWN;
    for (int i = 0; i < kc->n; i++) {
        const KElem *e = &kc->rpn[i];
        if (e->wrap) return false;
        if (e->kind == KE_AND || e->kind == KE_UNKNOWN) continue;
        if (e->kind == KE_IN_SET && e->set->rows == 1) {
            con[e->key] = POINT;
            continue;
        }
        if (e->kind == KE_IN_RANGE) {
            bool point = e->range.lo.c && e->range.hi.c && vcmp(e->range.lo, e->range.hi) == 0;
            if (point) con[e->key] = POINT;
            if (con[e->key] != POINT) con[e->key] = RANGE;
            continue;
        }
        return false;
    }
    int min = con[0];
    if (min > RANGE) return false;
    for (int k = 1; k < kc->nkeys; k++) {
        if (con[k] < min) return false;
        if (con[k] == RANGE && min == RANGE) return false;
        min = con[k];
    }
    return true;
}

static void add(MtRange **out, int *n, int *cap, const MtPart *p, uint32_t a, uint32_t b)
{
    if (*n && (*out)[*n - 1].g1 == a) {
        (*out)[*n - 1].g1 = b;
        return;
    }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *out = xrealloc(*out, sizeof **out * (size_t)*cap);
    }
    (*out)[(*n)++] = (MtRange){(MtPart *)p, a, b};
}

int keycond_part_ranges(const KeyCond *kc, const MtPart *p, QueryCtx *q, MtRange **out, int *n, bool *binary, Err *err)
{
    *out = NULL;
    *n = 0;
    int cap = 0;
    size_t end = p->meta.marks - 1;   /* granules */
    if (!end) return 0;
    if (exact_continuous(kc)) {
        *binary = true;
        size_t left = 0, right = end + 1;
        while (left + 1 < right) {
            size_t mid = (left + right) / 2;
            if (may_be_true(kc, p, 0, mid)) right = mid;
            else left = mid;
        }
        size_t begin = left;
        right = end;
        while (left + 1 < right) {
            size_t mid = (left + right) / 2;
            if (may_be_true(kc, p, mid, end)) left = mid;
            else right = mid;
        }
        if (begin < right) add(out, n, &cap, p, (uint32_t)begin, (uint32_t)right);
        return 0;
    }
    *binary = false;
    int64_t coarse = settings_int(&q->settings, SET_merge_tree_coarse_index_granularity);
    if (coarse <= 1) return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "Setting merge_tree_coarse_index_granularity should be greater than 1");
    size_t *stack = xcalloc(2 * (end * 2 + 64), sizeof *stack);
    size_t sp = 0;
    stack[sp++] = 0;
    stack[sp++] = end;
    while (sp) {
        size_t b = stack[--sp], a = stack[--sp];
        if (!may_be_true(kc, p, a, b)) continue;
        if (b == a + 1) {
            add(out, n, &cap, p, (uint32_t)a, (uint32_t)b);
            continue;
        }
        size_t step = (b - a - 1) / (size_t)coarse + 1, e2;
        for (e2 = b; e2 > a + step; e2 -= step) {
            stack[sp++] = e2 - step;
            stack[sp++] = e2;
        }
        stack[sp++] = a;
        stack[sp++] = e2;
    }
    free(stack);
    return 0;
}
