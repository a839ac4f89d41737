/* mt_skip_cond.c — using data-skipping indexes at query time: each index
 * turns the query's WHERE into a test of one index granule, and
 * mt_skip_apply runs the useful ones over the granule ranges the primary key
 * left, dropping index granules that cannot hold a matching row.
 *
 *   minmax   ClickHouse's KeyCondition (mt_keycond.c) on [min, max] boxes;
 *   set      the WHERE itself evaluated on the granule's distinct values:
 *            every subtree that only reads indexed expressions and
 *            constants is evaluated, anything else is "unknown", combined
 *            with three-valued AND / OR / NOT;
 *   bloom    =, IN, has, hasAny, hasAll test the hashes of the constants;
 *   tokenbf  =, LIKE, hasToken, startsWith, endsWith, IN, multiSearchAny,
 *            has test the tokens the constant must contain.
 * != / NOT IN / NOT LIKE make a bloom index "useful" (it is listed in
 * EXPLAIN) but never drop anything, as in ClickHouse. Indexes run in
 * ClickHouse's order: minmax first, then coarser GRANULARITY, then smaller
 * index files; each sees the ranges the previous left.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "../exec/expr.h"
#include "mt_keycond.h"
#include "mt_skip.h"

typedef struct Mask { bool t, f; } Mask;

typedef enum { N_AND, N_OR, N_NOT, N_UNKNOWN, N_ATOM } NodeKind;
typedef enum { A_EQ, A_NE, A_ALL, A_TOKENS, A_ANY_TOKENS, A_SET } AtomKind;

/* One piece of the condition tree. */
typedef struct Node {
    NodeKind kind;
    struct Node **kids;
    int nkids;
    /* atoms */
    AtomKind akind;
    int key;                   /* the index expression it tests */
    uint64_t *hashes;          /* bloom: value hashes (A_EQ: any of them; A_ALL: all) */
    int nhashes;
    uint8_t **qfilters;        /* tokenbf: one query filter per alternative (any must be contained) */
    int nq;
    bool never_prunes;         /* != / NOT IN / NOT LIKE */
    Expr *expr;                /* set: the subtree over the set's value columns */
} Node;

typedef struct Cond {
    const MtSkipIndex *ix;
    Expr **kexprs;             /* index expressions bound over the table */
    const int *cols;
    int ncols;
    QueryCtx *q;
    KeyCond *kc;               /* minmax; set: for the description */
    Node *root;                /* set, bloom, tokenbf */
    bool useful;
    char *text;                /* EXPLAIN condition, NULL: no line */
} Cond;

static Node *node(QueryCtx *q, NodeKind k)
{
    Node *n = arena_alloc(&q->arena, sizeof *n);
    n->kind = k;
    return n;
}

static const char *fn(const Expr *e) { return e->kind == EX_FUNC ? keycond_fname(e) : ""; }

static int key_of(const Cond *c, const Expr *e)
{
    for (int k = 0; k < c->ix->key.n; k++)
        if (keycond_expr_same(e, c->cols, c->ncols, c->kexprs[k])) return k;
    return -1;
}

/* ---- set: subtrees over index expressions and constants ---- */

static bool over_index(const Cond *c, const Expr *e)
{
    if (key_of(c, e) >= 0 || e->kind == EX_CONST) return true;
    if (e->kind != EX_FUNC || (e->call->def->flags & FF_NONDET)) return false;
    for (int i = 0; i < e->nargs; i++)
        if (!over_index(c, e->args[i])) return false;
    return e->nargs > 0;
}

/* The subtree with each index expression replaced by input column k. */
static Expr *rebind(const Cond *c, Expr *e)
{
    int k = key_of(c, e);
    if (k >= 0) return expr_input(c->q, k, e->type, e->name);
    if (e->kind != EX_FUNC) return e;
    Expr *n = arena_alloc(&c->q->arena, sizeof *n);
    *n = *e;
    n->args = arena_alloc(&c->q->arena, sizeof *n->args * (size_t)(e->nargs + 1));
    for (int i = 0; i < e->nargs; i++) n->args[i] = rebind(c, e->args[i]);
    return n;
}

/* ---- bloom_filter atoms ---- */

/* The constant as the index expression's base type, hashed; false if it
 * cannot be converted. */
static bool const_hash(const Cond *c, int k, const Column *v, size_t row, uint64_t *h)
{
    const DataType *t = type_strip_lc(c->ix->key.types[k]);
    if (t->kind == TYPE_NULLABLE) t = type_strip_lc(t->sub[0]);
    if (t->kind == TYPE_ARRAY) t = type_strip_lc(t->sub[0]);
    Column *one = col_new(v->type);
    col_push_from(one, v, row);
    FormatSettings fs;
    format_settings_default(&fs);
    Column *cv = NULL;
    Err err;
    bool ok = col_cast(one, t, CAST_THROW, &fs, &cv, &err) == 0 && !col_is_null(cv, 0);
    if (ok) *h = mt_bloom_value_hash(cv, 0);
    col_unref(one);
    col_unref(cv);
    return ok;
}

/* Constant values of e: a scalar, or the elements of an array / tuple / IN set. */
static const Column *const_values(const Expr *e, size_t *n, size_t *first)
{
    if (e->kind != EX_CONST) return NULL;
    const Column *v = e->value;
    *first = 0;
    *n = 1;
    TypeKind k = v->type->kind;
    if (k == TYPE_ARRAY) {
        *first = col_off_begin(v, 0);
        *n = col_off_end(v, 0) - *first;
        return v->sub[0];
    }
    if (k == TYPE_TUPLE) return NULL;
    return v;
}

static Node *bloom_atom(const Cond *c, Expr *e)
{
    const char *f = fn(e);
    bool eq = !strcmp(f, "equals"), ne = !strcmp(f, "notEquals"), in = !strcmp(f, "in") || !strcmp(f, "globalIn"),
         nin = !strcmp(f, "notIn") || !strcmp(f, "globalNotIn"), has = !strcmp(f, "has"), any = !strcmp(f, "hasAny"),
         all = !strcmp(f, "hasAll");
    if (!(eq || ne || in || nin || has || any || all) || e->nargs != 2) return NULL;
    Expr *col = e->args[0], *val = e->args[1];
    if ((eq || ne) && key_of(c, col) < 0) col = e->args[1], val = e->args[0];
    int k = key_of(c, col);
    if (k < 0 || val->kind != EX_CONST) return NULL;
    bool is_array = type_strip_lc(c->ix->key.types[k])->kind == TYPE_ARRAY;
    if ((has || any || all) != is_array) return NULL;
    size_t n, first;
    const Column *vals;
    if (in || nin) {
        /* an IN set: a tuple of values or an array */
        const Column *v = val->value;
        if (v->type->kind == TYPE_TUPLE) {
            Node *a = node(c->q, N_ATOM);
            a->akind = nin ? A_NE : A_EQ;
            a->key = k;
            a->never_prunes = nin;
            a->hashes = arena_alloc(&c->q->arena, sizeof *a->hashes * (size_t)(v->nsub + 1));
            for (int i = 0; i < v->nsub; i++)
                if (!const_hash(c, k, v->sub[i], 0, &a->hashes[a->nhashes++])) return NULL;
            return a;
        }
        vals = const_values(val, &n, &first);
    } else if (has) {
        vals = val->value, n = 1, first = 0;
    } else if (any || all) {
        vals = const_values(val, &n, &first);
    } else {
        vals = val->value, n = 1, first = 0;
    }
    if (!vals) return NULL;
    Node *a = node(c->q, N_ATOM);
    a->akind = all ? A_ALL : (ne || nin) ? A_NE : A_EQ;
    a->key = k;
    a->never_prunes = ne || nin;
    a->hashes = arena_alloc(&c->q->arena, sizeof *a->hashes * (n + 1));
    for (size_t i = 0; i < n; i++)
        if (!const_hash(c, k, vals, first + i, &a->hashes[a->nhashes++])) return NULL;
    return a;
}

/* ---- tokenbf_v1 atoms ---- */

typedef struct TokCtx {
    const MtSkipIndex *ix;
    uint8_t *filter;
    size_t len;                /* of the string tokenized */
    int drop;                  /* 1: tokens touching the end, 2: touching the start, 3: either */
    int count;
} TokCtx;

static void tok_into(void *ctx, const char *tok, size_t n, size_t at)
{
    TokCtx *t = ctx;
    if ((t->drop & 1) && at + n == t->len) return;
    if ((t->drop & 2) && at == 0) return;
    mt_tokenbf_add(t->filter, t->ix, tok, n);
    t->count++;
}

/* A query filter of the tokens of s (drop: which edge tokens do not count). */
static uint8_t *query_filter(const Cond *c, const char *s, size_t n, int drop)
{
    uint8_t *f = arena_alloc(&c->q->arena, c->ix->bf_bytes + 1);
    memset(f, 0, c->ix->bf_bytes);
    TokCtx t = {c->ix, f, n, drop, 0};
    mt_tokens(s, n, tok_into, &t);
    return f;
}

/* LIKE: only tokens bounded on both sides by a separator or the pattern's
 * ends count, never by a wildcard. */
static uint8_t *like_filter(const Cond *c, const char *p, size_t n)
{
    uint8_t *f = arena_alloc(&c->q->arena, c->ix->bf_bytes + 1);
    memset(f, 0, c->ix->bf_bytes);
    char *tok = arena_alloc(&c->q->arena, n + 1);
    size_t len = 0;
    bool bad = false;
    for (size_t i = 0; i <= n; i++) {
        bool sep = i == n;
        unsigned char ch = i < n ? (unsigned char)p[i] : 0;
        if (!sep && (ch == '%' || ch == '_')) {
            len = 0;
            bad = true;
            continue;
        }
        if (!sep && ch == '\\' && i + 1 < n) {
            i++;
            ch = (unsigned char)p[i];
            if (!(ch >= 0x80 || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) sep = true;
        } else if (!sep) {
            sep = !(ch >= 0x80 || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
        }
        if (sep) {
            if (len && !bad) mt_tokenbf_add(f, c->ix, tok, len);
            len = 0;
            bad = false;
            continue;
        }
        tok[len++] = (char)ch;
    }
    return f;
}

static bool const_string(const Expr *e, const char **s, size_t *n)
{
    if (e->kind != EX_CONST) return false;
    const DataType *t = type_strip_lc(e->value->type);
    if (t->kind != TYPE_STRING && t->kind != TYPE_FIXEDSTRING) return false;
    *s = col_str(e->value, 0, n);
    return true;
}

static Node *tok_node(const Cond *c, int k, int nq, bool never)
{
    Node *a = node(c->q, N_ATOM);
    a->akind = A_TOKENS;
    a->key = k;
    a->never_prunes = never;
    a->qfilters = arena_alloc(&c->q->arena, sizeof *a->qfilters * (size_t)(nq + 1));
    return a;
}

static Node *tokenbf_atom(const Cond *c, Expr *e)
{
    const char *f = fn(e);
    if (e->nargs != 2) return NULL;
    Expr *col = e->args[0], *val = e->args[1];
    bool eq = !strcmp(f, "equals"), ne = !strcmp(f, "notEquals");
    if ((eq || ne) && key_of(c, col) < 0) col = e->args[1], val = e->args[0];
    int k = key_of(c, col);
    if (k < 0 || val->kind != EX_CONST) return NULL;
    bool is_array = type_strip_lc(c->ix->key.types[k])->kind == TYPE_ARRAY;
    const char *s;
    size_t n;
    if ((eq || ne || !strcmp(f, "hasToken") || !strcmp(f, "hasTokenOrNull")) && !is_array && const_string(val, &s, &n)) {
        Node *a = tok_node(c, k, 1, ne);
        a->qfilters[a->nq++] = query_filter(c, s, n, 0);
        return a;
    }
    bool like = !strcmp(f, "like"), nlike = !strcmp(f, "notLike");
    if ((like || nlike) && !is_array && const_string(val, &s, &n)) {
        Node *a = tok_node(c, k, 1, nlike);
        a->qfilters[a->nq++] = like_filter(c, s, n);
        return a;
    }
    bool sw = !strcmp(f, "startsWith"), ew = !strcmp(f, "endsWith");
    if ((sw || ew) && !is_array && const_string(val, &s, &n)) {
        Node *a = tok_node(c, k, 1, false);
        a->qfilters[a->nq++] = query_filter(c, s, n, sw ? 1 : 2);
        return a;
    }
    if (!strcmp(f, "has") && is_array && const_string(val, &s, &n)) {
        Node *a = tok_node(c, k, 1, false);
        a->qfilters[a->nq++] = query_filter(c, s, n, 0);
        return a;
    }
    bool in = !strcmp(f, "in") || !strcmp(f, "globalIn"), msa = !strcmp(f, "multiSearchAny");
    if ((in || msa) && !is_array) {
        const Column *v = val->value;
        size_t cnt = 0, first = 0;
        const Column *items = NULL;
        if (v->type->kind == TYPE_TUPLE) cnt = (size_t)v->nsub;
        else if ((items = const_values(val, &cnt, &first)) == NULL) return NULL;
        Node *a = tok_node(c, k, (int)cnt, false);
        for (size_t i = 0; i < cnt; i++) {
            const Column *iv = items ? items : v->sub[i];
            size_t row = items ? first + i : 0;
            if (col_is_null(iv, row)) return NULL;
            const DataType *t = type_strip_lc(iv->type);
            if (t->kind == TYPE_NULLABLE) iv = iv->sub[0], t = type_strip_lc(iv->type);
            if (t->kind != TYPE_STRING && t->kind != TYPE_FIXEDSTRING) return NULL;
            s = col_str(iv, row, &n);
            a->qfilters[a->nq++] = query_filter(c, s, n, msa ? 3 : 0);
        }
        a->akind = A_ANY_TOKENS;
        return a;
    }
    return NULL;
}

/* ---- the tree ---- */

static Node *build(Cond *c, Expr *e)
{
    const char *f = fn(e);
    if (!strcmp(f, "and") || !strcmp(f, "or")) {
        Node *n = node(c->q, f[0] == 'a' ? N_AND : N_OR);
        n->kids = arena_alloc(&c->q->arena, sizeof *n->kids * (size_t)(e->nargs + 1));
        for (int i = 0; i < e->nargs; i++) n->kids[n->nkids++] = build(c, e->args[i]);
        return n;
    }
    if (!strcmp(f, "not") && e->nargs == 1) {
        Node *n = node(c->q, N_NOT);
        n->kids = arena_alloc(&c->q->arena, sizeof *n->kids);
        n->kids[n->nkids++] = build(c, e->args[0]);
        return n;
    }
    Node *a = NULL;
    if (c->ix->kind == SKIP_SET) {
        if (e->kind != EX_CONST && over_index(c, e)) {
            a = node(c->q, N_ATOM);
            a->akind = A_SET;
            a->expr = rebind(c, e);
        }
    } else if (c->ix->kind == SKIP_BLOOM) {
        a = bloom_atom(c, e);
    } else {
        a = tokenbf_atom(c, e);
    }
    return a ? a : node(c->q, N_UNKNOWN);
}

static bool tree_useful(const Node *n)
{
    if (n->kind == N_ATOM) return true;
    for (int i = 0; i < n->nkids; i++)
        if (tree_useful(n->kids[i])) return true;
    return false;
}

/* ---- evaluation ---- */

static Mask combine(NodeKind k, Mask a, Mask b)
{
    if (k == N_AND) return (Mask){a.t && b.t, a.f || b.f};
    return (Mask){a.t || b.t, a.f && b.f};
}

static bool contains(const uint8_t *f, const uint8_t *q, uint64_t bytes)
{
    for (uint64_t i = 0; i < bytes; i++)
        if ((f[i] & q[i]) != q[i]) return false;
    return true;
}

/* Bloom / tokenbf: one index granule. */
static Mask eval_filter(const Cond *c, const Node *n, const MtSkipData *d, uint64_t g)
{
    switch (n->kind) {
    case N_UNKNOWN: return (Mask){true, true};
    case N_NOT: {
        Mask m = eval_filter(c, n->kids[0], d, g);
        return (Mask){m.f, m.t};
    }
    case N_AND: case N_OR: {
        Mask m = eval_filter(c, n->kids[0], d, g);
        for (int i = 1; i < n->nkids; i++) m = combine(n->kind, m, eval_filter(c, n->kids[i], d, g));
        return m;
    }
    case N_ATOM: break;
    }
    uint64_t bytes = d->filter_bytes[g];
    const uint8_t *f = d->filters + d->filter_off[g] + bytes * (uint64_t)n->key;
    bool may;
    if (c->ix->kind == SKIP_BLOOM) {
        may = n->akind == A_ALL;
        for (int i = 0; i < n->nhashes; i++) {
            bool h = mt_bloom_has_hash(f, bytes, n->hashes[i], c->ix->nhashes);
            if (n->akind == A_ALL) may = may && h;
            else may = may || h;
        }
    } else {
        may = false;
        for (int i = 0; i < n->nq && !may; i++) may = contains(f, n->qfilters[i], bytes);
    }
    if (n->never_prunes) return (Mask){true, may};   /* != / NOT IN / NOT LIKE: the negated test */
    return (Mask){may, true};
}

/* Set: every row of the granule's values at once; t/f are per-row bits. */
static int eval_set(const Cond *c, const Node *n, Chunk *vals, uint8_t *t, uint8_t *f, Err *err)
{
    size_t rows = vals->rows;
    switch (n->kind) {
    case N_UNKNOWN:
        memset(t, 1, rows);
        memset(f, 1, rows);
        return 0;
    case N_NOT:
        return eval_set(c, n->kids[0], vals, f, t, err);
    case N_AND: case N_OR: {
        int rc = eval_set(c, n->kids[0], vals, t, f, err);
        uint8_t *t2 = xmalloc(rows + 1), *f2 = xmalloc(rows + 1);
        for (int i = 1; i < n->nkids && !rc; i++) {
            rc = eval_set(c, n->kids[i], vals, t2, f2, err);
            for (size_t r = 0; r < rows && !rc; r++) {
                Mask m = combine(n->kind, (Mask){t[r], f[r]}, (Mask){t2[r], f2[r]});
                t[r] = m.t, f[r] = m.f;
            }
        }
        free(t2);
        free(f2);
        return rc;
    }
    case N_ATOM: break;
    }
    Column *v;
    int rc = expr_eval(n->expr, vals, &v, err);
    if (rc) {
        /* an expression that fails on these values decides nothing */
        memset(t, 1, rows);
        memset(f, 1, rows);
        return 0;
    }
    Column *full = col_materialize(v);
    col_unref(v);
    const Column *b = full->type->kind == TYPE_NULLABLE ? full->sub[0] : full;
    bool num = type_is_number(type_strip_lc(b->type)) || type_strip_lc(b->type)->kind == TYPE_BOOL;
    for (size_t r = 0; r < rows; r++) {
        if (!num || col_is_null(full, r)) {
            t[r] = f[r] = 1;
            continue;
        }
        bool x = type_is_float(b->type) ? col_get_f64(b, r) != 0 : col_get_u64(b, r) != 0;
        t[r] = x;
        f[r] = !x;
    }
    col_unref(full);
    return 0;
}

/* Can the condition be true / false for some row of index granule g? */
static Mask granule_mask(const Cond *c, const MtSkipData *d, uint64_t g)
{
    if (!d || g >= d->ngranules) return (Mask){true, true};
    switch (c->ix->kind) {
    case SKIP_MINMAX: {
        Mask m;
        m.t = keycond_check_box_mask(c->kc, d->lo, d->hi, (size_t)g, d->flags + g * (uint64_t)d->nkeys, &m.f);
        return m;
    }
    case SKIP_SET: {
        if (!d->counts[g]) return (Mask){true, true};
        Chunk *vals = chunk_new(d->nkeys, (size_t)d->counts[g]);
        for (int k = 0; k < d->nkeys; k++) vals->cols[k] = col_slice(d->values[k], (size_t)d->starts[g], (size_t)d->counts[g]);
        uint8_t *t = xmalloc(vals->rows + 1), *f = xmalloc(vals->rows + 1);
        Err err;
        Mask m = {true, true};
        if (eval_set(c, c->root, vals, t, f, &err) == 0) {
            m = (Mask){false, false};
            for (size_t r = 0; r < vals->rows; r++) m.t |= t[r], m.f |= f[r];
        }
        free(t);
        free(f);
        chunk_free(vals);
        return m;
    }
    default:
        return eval_filter(c, c->root, d, g);
    }
}

static bool granule_may_match(const Cond *c, const MtSkipData *d, uint64_t g) { return granule_mask(c, d, g).t; }

/* ---- preparing ---- */

static int prepare(MtTable *mt, Table *t, QueryCtx *q, const MtSkipIndex *ix, Expr *cond, Expr *cond2, const int *cols, int ncols,
                   Cond *c, Err *err)
{
    memset(c, 0, sizeof *c);
    c->ix = ix;
    c->cols = cols;
    c->ncols = ncols;
    c->q = q;
    char **names;
    const DataType **types;
    table_header(t, q, &names, &types);
    int n;
    int rc = storage_bind(q, t->ncols, names, types, ix->key.sql, &c->kexprs, &n, err);
    if (rc) return rc;
    if (ix->kind == SKIP_MINMAX || ix->kind == SKIP_SET) {
        if ((rc = keycond_build_key(mt, t, q, &ix->key, cond, cond2, cols, ncols, true, &c->kc, err))) return rc;
    }
    if (ix->kind == SKIP_MINMAX) {
        c->useful = keycond_index_useful(c->kc);
        c->text = c->kc ? keycond_text(c->kc) : NULL;
        return 0;
    }
    Node *root = cond ? build(c, cond) : NULL;
    if (cond2) {
        Node *b = build(c, cond2);
        if (root) {
            Node *a = node(q, N_AND);
            a->kids = arena_alloc(&q->arena, sizeof *a->kids * 2);
            a->kids[0] = root;
            a->kids[1] = b;
            a->nkids = 2;
            b = a;
        }
        root = b;
    }
    c->root = root;
    c->useful = root && tree_useful(root);
    if (ix->kind == SKIP_SET) c->text = c->kc && keycond_useful(c->kc) ? keycond_text(c->kc) : xstrdup("true");
    return 0;
}

static void cond_free(Cond *c)
{
    keycond_free(c->kc);
    free(c->text);
}

/* ---- applying ---- */

typedef struct Ranges { MtRange *r; int n, cap; } Ranges;

static void push_range(Ranges *rs, MtPart *p, uint32_t g0, uint32_t g1)
{
    if (rs->n && rs->r[rs->n - 1].part == p && rs->r[rs->n - 1].g1 == g0) {
        rs->r[rs->n - 1].g1 = g1;
        return;
    }
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 16;
        rs->r = xrealloc(rs->r, sizeof *rs->r * (size_t)rs->cap);
    }
    rs->r[rs->n++] = (MtRange){p, g0, g1};
}

static uint64_t granules_of(const MtRange *r, int n)
{
    uint64_t g = 0;
    for (int i = 0; i < n; i++) g += r[i].g1 - r[i].g0;
    return g;
}

/* Keeps the marks of in[] whose index granule may match. */
static void filter_ranges(const Cond *c, const MtSkipData *d, const MtRange *in, int n, Ranges *out)
{
    uint64_t gr = c->ix->granularity;
    for (int i = 0; i < n; i++) {
        uint32_t b = in[i].g0, e = in[i].g1;
        for (uint64_t j = b / gr; j * gr < e; j++) {
            if (!granule_may_match(c, d, j)) continue;
            uint64_t lo = j * gr > b ? j * gr : b, hi = (j + 1) * gr < e ? (j + 1) * gr : e;
            push_range(out, in[i].part, (uint32_t)lo, (uint32_t)hi);
        }
    }
}

static int priority(const MtSkipIndex *ix) { return ix->kind == SKIP_MINMAX ? 1 : 2; }

static uint64_t file_size(const MtSkipIndex *ix, const MtPart *p)
{
    char name[512];
    mt_skip_file_name(ix, name, sizeof name);
    const MtFileSum *f = mt_part_file(p, name);
    return f ? f->size : 0;
}

/* ClickHouse's order for a part: minmax first, coarser granularity, smaller files. */
static void order_for(Cond *conds, int *ord, int n, const MtPart *p)
{
    for (int i = 1; i < n; i++) {
        int x = ord[i], j = i;
        const MtSkipIndex *a = conds[x].ix;
        while (j > 0) {
            const MtSkipIndex *b = conds[ord[j - 1]].ix;
            int pa = priority(a), pb = priority(b);
            bool before = pa != pb ? pa < pb
                        : a->granularity != b->granularity ? a->granularity > b->granularity
                                                           : file_size(a, p) < file_size(b, p);
            if (!before) break;
            ord[j] = ord[j - 1];
            j--;
        }
        ord[j] = x;
    }
}

/* ---- disjunctions across indexes ----
 * With use_skip_indexes_for_disjunctions, when the WHERE has an OR and two
 * or more indexes are useful, each leaf of the WHERE is also asked of every
 * index on its own and the answers are combined through the whole AND / OR /
 * NOT tree per granule ("<Combined skip indexes>" in EXPLAIN): a granule
 * goes when no OR branch can hold, even if no single index can tell. */

typedef struct GNode { NodeKind kind; struct GNode **kids; int nkids, leaf; } GNode;

typedef struct Combo {
    GNode *root;
    Cond *leaf;        /* nleaves x nidx: leaf l asked of index i */
    int nleaves, nidx;
} Combo;

static bool has_or(const Expr *e, bool inv, int depth)
{
    const char *f = fn(e);
    if (depth > 100) return false;
    if (!strcmp(f, "and") || !strcmp(f, "or")) {
        if (!strcmp(f, "or") != inv && e->nargs > 1) return true;
        for (int i = 0; i < e->nargs; i++)
            if (has_or(e->args[i], inv, depth + 1)) return true;
        return false;
    }
    if (!strcmp(f, "not") && e->nargs == 1) return has_or(e->args[0], !inv, depth + 1);
    return false;
}

static GNode *gbuild(QueryCtx *q, Expr *e, Expr ***leaves, int *n, int depth)
{
    GNode *g = arena_alloc(&q->arena, sizeof *g);
    const char *f = fn(e);
    bool andor = !strcmp(f, "and") || !strcmp(f, "or"), not = !strcmp(f, "not") && e->nargs == 1;
    if (depth < 100 && (andor || not)) {
        g->kind = not ? N_NOT : f[0] == 'a' ? N_AND : N_OR;
        g->kids = arena_alloc(&q->arena, sizeof *g->kids * (size_t)(e->nargs + 1));
        for (int i = 0; i < e->nargs; i++) g->kids[g->nkids++] = gbuild(q, e->args[i], leaves, n, depth + 1);
        return g;
    }
    g->kind = N_ATOM;
    g->leaf = *n;
    *leaves = xrealloc(*leaves, sizeof **leaves * (size_t)(*n + 1));
    (*leaves)[(*n)++] = e;
    return g;
}

static int combo_init(Combo *cb, MtTable *mt, Table *t, QueryCtx *q, Expr *cond, Expr *cond2, const int *cols, int ncols,
                      const Cond *conds, int nc, Err *err)
{
    memset(cb, 0, sizeof *cb);
    if (!settings_int(&q->settings, SET_use_skip_indexes_for_disjunctions) || nc < 2) return 0;
    if (!has_or(cond, false, 0) && !(cond2 && has_or(cond2, false, 0))) return 0;
    Expr **leaves = NULL;
    int nl = 0;
    cb->root = gbuild(q, cond, &leaves, &nl, 0);
    if (cond2) {
        GNode *a = arena_alloc(&q->arena, sizeof *a);
        a->kind = N_AND;
        a->kids = arena_alloc(&q->arena, sizeof *a->kids * 2);
        a->kids[a->nkids++] = cb->root;
        a->kids[a->nkids++] = gbuild(q, cond2, &leaves, &nl, 0);
        cb->root = a;
    }
    cb->nleaves = nl;
    cb->nidx = nc;
    cb->leaf = xcalloc((size_t)nl * (size_t)nc + 1, sizeof *cb->leaf);
    int rc = 0;
    for (int l = 0; l < nl && !rc; l++)
        for (int i = 0; i < nc && !rc; i++) rc = prepare(mt, t, q, conds[i].ix, leaves[l], NULL, cols, ncols, &cb->leaf[l * nc + i], err);
    free(leaves);
    return rc;
}

static void combo_free(Combo *cb)
{
    for (int i = 0; i < cb->nleaves * cb->nidx; i++) cond_free(&cb->leaf[i]);
    free(cb->leaf);
}

static Mask geval(const Combo *cb, const GNode *n, MtSkipData **data, uint64_t mark)
{
    if (n->kind == N_NOT) {
        Mask m = geval(cb, n->kids[0], data, mark);
        return (Mask){m.f, m.t};
    }
    if (n->kind == N_AND || n->kind == N_OR) {
        Mask m = geval(cb, n->kids[0], data, mark);
        for (int i = 1; i < n->nkids; i++) m = combine(n->kind, m, geval(cb, n->kids[i], data, mark));
        return m;
    }
    Mask m = {true, true};
    for (int i = 0; i < cb->nidx; i++) {
        const Cond *c = &cb->leaf[n->leaf * cb->nidx + i];
        if (!c->useful) continue;
        Mask x = granule_mask(c, data[i], mark / c->ix->granularity);
        m.t = m.t && x.t;
        m.f = m.f && x.f;
    }
    return m;
}

/* Keeps the marks of cur (one part) the combined tree may match. */
static int combo_filter(const Combo *cb, const Cond *conds, MtPart *p, Ranges *cur, Err *err)
{
    MtSkipData **data = xcalloc((size_t)cb->nidx + 1, sizeof *data);
    int rc = 0;
    for (int i = 0; i < cb->nidx && !rc; i++) rc = mt_skip_load(conds[i].ix, p, &data[i], err);
    Ranges next = {0};
    for (int k = 0; k < cur->n && !rc; k++)
        for (uint32_t m = cur->r[k].g0; m < cur->r[k].g1; m++)
            if (geval(cb, cb->root, data, m).t) push_range(&next, p, m, m + 1);
    for (int i = 0; i < cb->nidx; i++) mt_skip_data_free(data[i]);
    free(data);
    free(cur->r);
    *cur = next;
    return rc;
}

static void describe(MtIndexStat *st, const Cond *c)
{
    st->name = xstrdup(c->ix->name);
    char desc[256];
    snprintf(desc, sizeof desc, "%s GRANULARITY %llu", c->ix->type_name, (unsigned long long)c->ix->granularity);
    st->description = xstrdup(desc);
    st->condition = c->text ? xstrdup(c->text) : NULL;
}

int mt_skip_apply(MtTable *mt, Table *t, QueryCtx *q, Expr *cond, Expr *cond2, const int *cols, int ncols, MtSelection *sel, Err *err)
{
    if (!mt->nskip || (!cond && !cond2) || !sel->nranges || !settings_int(&q->settings, SET_use_skip_indexes)) return 0;
    if (!cond) cond = cond2, cond2 = NULL;
    Cond *conds = xcalloc((size_t)mt->nskip + 1, sizeof *conds);
    int nc = 0, rc = 0;
    for (int i = 0; i < mt->nskip && !rc; i++) {
        rc = prepare(mt, t, q, &mt->skip[i], cond, cond2, cols, ncols, &conds[nc], err);
        if (!rc && conds[nc].useful) nc++;
        else if (!rc) cond_free(&conds[nc]);
    }
    if (rc || !nc) {
        for (int i = 0; i < nc; i++) cond_free(&conds[i]);
        free(conds);
        return rc;
    }
    Combo cb;
    if ((rc = combo_init(&cb, mt, t, q, cond, cond2, cols, ncols, conds, nc, err))) {
        combo_free(&cb);
        for (int i = 0; i < nc; i++) cond_free(&conds[i]);
        free(conds);
        return rc;
    }
    int nstats = nc + (cb.root != NULL);
    MtIndexStat *stats = xcalloc((size_t)nstats, sizeof *stats);
    if (cb.root) {
        stats[nc].name = xstrdup("<Combined skip indexes>");
        stats[nc].description = xstrdup("Final set of granules after AND/OR processing");
    }
    int *ord = xcalloc((size_t)nc, sizeof *ord);
    Ranges all = {0};
    bool named = false;
    for (int i = 0; i < sel->nranges && !rc;) {
        MtPart *p = sel->ranges[i].part;
        int j = i;
        while (j < sel->nranges && sel->ranges[j].part == p) j++;
        Ranges cur = {0};
        for (int k = i; k < j; k++) push_range(&cur, p, sel->ranges[k].g0, sel->ranges[k].g1);
        for (int k = 0; k < nc; k++) ord[k] = k;
        order_for(conds, ord, nc, p);
        if (!named) {
            for (int k = 0; k < nc; k++) describe(&stats[k], &conds[ord[k]]);
            named = true;
        }
        for (int k = 0; k < nc && cur.n && !rc; k++) {
            Cond *c = &conds[ord[k]];
            stats[k].parts_in++;
            stats[k].granules_in += granules_of(cur.r, cur.n);
            MtSkipData *d;
            if ((rc = mt_skip_load(c->ix, p, &d, err))) break;
            Ranges next = {0};
            filter_ranges(c, d, cur.r, cur.n, &next);
            mt_skip_data_free(d);
            free(cur.r);
            cur = next;
            stats[k].parts_out += cur.n > 0;
            stats[k].granules_out += granules_of(cur.r, cur.n);
        }
        if (cb.root && !rc) {
            /* ClickHouse counts this step from the primary key's selection */
            stats[nc].parts_in++;
            stats[nc].parts_out++;
            for (int k = i; k < j; k++) stats[nc].granules_in += sel->ranges[k].g1 - sel->ranges[k].g0;
            if (cur.n) rc = combo_filter(&cb, conds, p, &cur, err);
            stats[nc].granules_out += granules_of(cur.r, cur.n);
        }
        for (int k = 0; k < cur.n; k++) push_range(&all, cur.r[k].part, cur.r[k].g0, cur.r[k].g1);
        free(cur.r);
        i = j;
    }
    combo_free(&cb);
    for (int i = 0; i < nc; i++) cond_free(&conds[i]);
    free(conds);
    free(ord);
    if (rc) {
        for (int k = 0; k < nstats; k++) {
            free(stats[k].name);
            free(stats[k].description);
            free(stats[k].condition);
        }
        free(stats);
        free(all.r);
        return rc;
    }
    free(sel->ranges);
    sel->ranges = all.r;
    sel->nranges = all.n;
    sel->skip = stats;
    sel->nskip = nstats;
    sel->granules = granules_of(all.r, all.n);
    sel->parts = 0;
    sel->rows = 0;
    for (int i = 0; i < all.n; i++) {
        if (!i || all.r[i].part != all.r[i - 1].part) sel->parts++;
        for (uint32_t g = all.r[i].g0; g < all.r[i].g1; g++) sel->rows += mt_granule_rows(all.r[i].part, g);
    }
    return 0;
}
