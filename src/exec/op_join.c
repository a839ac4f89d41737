/* op_join.c — hash join: the build input is read whole and indexed by its key
 * columns, the probe input streams through. The build input is the right
 * side, or the left one when that is known to be smaller
 * (query_plan_join_swap_table, as ClickHouse chooses it; ALL joins only,
 * LEFT becoming RIGHT); output columns stay in the query's order. Supports INNER, LEFT,
 * RIGHT, FULL and CROSS joins with ALL / ANY / SEMI / ANTI strictness.
 * Unmatched rows get the other side's default values, or NULLs with
 * join_use_nulls (then the other side's columns are Nullable). NULL keys never
 * match. Output columns: left's, then right's.
 */
#include <string.h>

#include "../base/mem.h"
#include "op.h"

typedef struct JoinOp {
    Op base;
    Op *left, *right;         /* probe and build inputs (swapped: the query's right and left) */
    bool swapped;
    JoinSpec spec;
    Chunk *rtab;              /* right side, concatenated */
    size_t rrows;
    /* hash index: bucket -> first row; next[row] -> next row with the same bucket */
    uint32_t *bucket_head;
    uint32_t *next;
    uint64_t *row_hash;
    size_t nbuckets;
    uint8_t *rmatched;        /* RIGHT/FULL: right rows that found a partner */
    bool built, left_done, tail_done;
} JoinOp;

#define NO_ROW UINT32_MAX

static bool key_has_null(Chunk *c, int *keys, int n, size_t row)
{
    for (int k = 0; k < n; k++)
        if (col_is_null(c->cols[keys[k]], row)) return true;
    return false;
}

static uint64_t row_key_hash(Chunk *c, int *keys, int n, size_t row)
{
    uint64_t h = 0x12345;
    for (int k = 0; k < n; k++) h = col_hash_row(c->cols[keys[k]], row, h);
    return h;
}

static bool keys_equal(JoinOp *j, Chunk *l, size_t lr, size_t rr)
{
    for (int k = 0; k < j->spec.nkeys; k++)
        if (!col_equal_rows(l->cols[j->spec.left_keys[k]], lr, j->rtab->cols[j->spec.right_keys[k]], rr)) return false;
    return true;
}

static int build(JoinOp *j, Err *err)
{
    Chunk **chunks;
    int n;
    int rc = op_drain(j->right, &chunks, &n, err);
    if (rc) return rc;
    if (n == 0) {
        j->rtab = chunk_new(j->right->ncols, 0);
        for (int i = 0; i < j->right->ncols; i++) j->rtab->cols[i] = col_new(j->right->types[i]);
    } else {
        j->rtab = chunks_concat(chunks, n, j->right->ncols, j->right->types);
    }
    chunks_free(chunks, n);
    j->rrows = j->rtab->rows;
    if (j->rrows >= NO_ROW) return err_set(err, ERR_TOO_MANY_ROWS, "Right side of JOIN is too large");
    size_t nb = 16;
    while (nb < j->rrows * 2) nb *= 2;
    j->nbuckets = nb;
    j->bucket_head = mem_alloc(nb * sizeof *j->bucket_head);
    memset(j->bucket_head, 0xff, nb * sizeof *j->bucket_head);
    j->next = mem_alloc((j->rrows + 1) * sizeof *j->next);
    j->row_hash = mem_alloc((j->rrows + 1) * sizeof *j->row_hash);
    j->rmatched = mem_calloc(j->rrows + 1);
    /* insert in reverse so chains list rows in input order */
    for (size_t r = j->rrows; r-- > 0;) {
        j->next[r] = NO_ROW;
        if (j->spec.nkeys && key_has_null(j->rtab, j->spec.right_keys, j->spec.nkeys, r)) continue;
        uint64_t h = j->spec.nkeys ? row_key_hash(j->rtab, j->spec.right_keys, j->spec.nkeys, r) : 0;
        j->row_hash[r] = h;
        size_t b = h & (nb - 1);
        j->next[r] = j->bucket_head[b];
        j->bucket_head[b] = (uint32_t)r;
    }
    j->built = true;
    return mem_check(err);
}

/* Gathers a column by index; NO_ROW entries become default (or NULL). */
static Column *gather_or_default(Column *src, const DataType *out_type, const uint32_t *idx, size_t n)
{
    Column *c = col_new(out_type);
    col_reserve(c, n);
    bool wrap = out_type->kind == TYPE_NULLABLE && src->type->kind != TYPE_NULLABLE;
    for (size_t i = 0; i < n; i++) {
        if (idx[i] == NO_ROW) {
            col_push_default(c);
        } else if (wrap) {
            col_push_from(c->sub[0], src, idx[i]);
            col_nullable_commit(c, false);
        } else {
            col_push_from(c, src, idx[i]);
        }
    }
    return c;
}

static Chunk *assemble(JoinOp *j, Chunk *l, const uint32_t *li, const uint32_t *ri, size_t n)
{
    Op *op = &j->base;
    int nl = j->left->ncols, nr = j->right->ncols;
    int lo = j->swapped ? nr : 0, ro = j->swapped ? 0 : nl;   /* where each input's columns go */
    Chunk *res = chunk_new(op->ncols, n);
    bool all_present = true;
    for (size_t i = 0; i < n && all_present; i++) all_present = li[i] != NO_ROW;
    for (int c = 0; c < nl; c++) {
        if (all_present && op->types[lo + c] == l->cols[c]->type) res->cols[lo + c] = col_gather(l->cols[c], li, n);
        else res->cols[lo + c] = gather_or_default(l->cols[c], op->types[lo + c], li, n);
    }
    for (int c = 0; c < nr; c++) res->cols[ro + c] = gather_or_default(j->rtab->cols[c], op->types[ro + c], ri, n);
    return res;
}

/* The output's row pairs: left (probe) row, right (build) row or NO_ROW. */
typedef struct Pairs {
    uint32_t *li, *ri;
    size_t n, cap;
} Pairs;

static void push_pair(Pairs *p, uint32_t l, uint32_t r)
{
    if (p->n == p->cap) {
        p->li = mem_realloc(p->li, p->cap * 4, p->cap * 8);
        p->ri = mem_realloc(p->ri, p->cap * 4, p->cap * 8);
        p->cap *= 2;
    }
    p->li[p->n] = l, p->ri[p->n] = r, p->n++;
}

static int probe(JoinOp *j, Chunk *l, Chunk **out)
{
    Pairs pp = {.cap = l->rows + 16};
    pp.li = mem_alloc(pp.cap * 4), pp.ri = mem_alloc(pp.cap * 4);
    JoinSpec *s = &j->spec;
    bool keep_unmatched_left = s->kind == EJ_LEFT || s->kind == EJ_FULL;
    bool right_filter = s->kind == EJ_RIGHT && (s->strict == EJS_SEMI || s->strict == EJS_ANTI);
    for (size_t r = 0; r < l->rows; r++) {
        bool matched = false;
        uint32_t first = NO_ROW;   /* SEMI: the right row that matched first */
        if (s->kind == EJ_CROSS || s->nkeys == 0) {
            for (size_t rr = 0; rr < j->rrows; rr++) {
                push_pair(&pp, (uint32_t)r, (uint32_t)rr);
                matched = true;
            }
        } else if (!key_has_null(l, s->left_keys, s->nkeys, r)) {
            uint64_t h = row_key_hash(l, s->left_keys, s->nkeys, r);
            for (uint32_t rr = j->bucket_head[h & (j->nbuckets - 1)]; rr != NO_ROW; rr = j->next[rr]) {
                if (j->row_hash[rr] != h || !keys_equal(j, l, r, rr)) continue;
                if (right_filter) {   /* RIGHT SEMI: a right row once, with its first partner; ANTI: the tail */
                    if (s->strict == EJS_SEMI && !j->rmatched[rr]) push_pair(&pp, (uint32_t)r, rr);
                    j->rmatched[rr] = 1;
                    continue;
                }
                if (s->strict == EJS_ANY && s->kind == EJ_RIGHT && j->rmatched[rr]) continue;
                matched = true;
                j->rmatched[rr] = 1;
                first = rr;
                if (s->strict == EJS_SEMI || s->strict == EJS_ANTI) break;
                push_pair(&pp, (uint32_t)r, rr);
                if (s->strict == EJS_ANY && s->kind != EJ_RIGHT) break;
            }
        }
        bool emit_left_only = !right_filter && ((s->strict == EJS_SEMI && matched) || (s->strict == EJS_ANTI && !matched) ||
                              (!matched && keep_unmatched_left && s->strict != EJS_SEMI && s->strict != EJS_ANTI));
        if (emit_left_only) push_pair(&pp, (uint32_t)r, s->strict == EJS_SEMI ? first : NO_ROW);
    }
    *out = pp.n ? assemble(j, l, pp.li, pp.ri, pp.n) : NULL;
    mem_free(pp.li, pp.cap * 4);
    mem_free(pp.ri, pp.cap * 4);
    return 0;
}

static int join_next(Op *op, Chunk **out, Err *err)
{
    JoinOp *j = (JoinOp *)op;
    *out = NULL;
    int rc;
    if (!j->built && (rc = build(j, err))) return rc;
    while (!j->left_done) {
        Chunk *l;
        if ((rc = op_next(j->left, &l, err))) return rc;
        if (!l) {
            j->left_done = true;
            break;
        }
        Chunk *res;
        probe(j, l, &res);
        chunk_free(l);
        if (res) {
            *out = res;
            return mem_check(err);
        }
    }
    if (!j->tail_done && (j->spec.kind == EJ_RIGHT || j->spec.kind == EJ_FULL) && j->spec.strict != EJS_SEMI) {
        j->tail_done = true;
        size_t n = 0;
        uint32_t *li = mem_alloc((j->rrows + 1) * 4), *ri = mem_alloc((j->rrows + 1) * 4);
        for (size_t r = 0; r < j->rrows; r++)
            if (!j->rmatched[r]) li[n] = NO_ROW, ri[n] = (uint32_t)r, n++;
        if (n) {
            Chunk *empty_left = chunk_new(j->left->ncols, 0);
            for (int c = 0; c < j->left->ncols; c++) empty_left->cols[c] = col_new(j->left->types[c]);
            *out = assemble(j, empty_left, li, ri, n);
            chunk_free(empty_left);
        }
        mem_free(li, (j->rrows + 1) * 4);
        mem_free(ri, (j->rrows + 1) * 4);
    }
    return 0;
}

static void join_close(Op *op)
{
    JoinOp *j = (JoinOp *)op;
    if (j->built) {
        mem_free(j->bucket_head, j->nbuckets * sizeof *j->bucket_head);
        mem_free(j->next, (j->rrows + 1) * sizeof *j->next);
        mem_free(j->row_hash, (j->rrows + 1) * sizeof *j->row_hash);
        mem_free(j->rmatched, j->rrows + 1);
        j->built = false;
    }
    chunk_free(j->rtab);
    j->rtab = NULL;
    op_close(j->left);
    op_close(j->right);
    j->left = j->right = NULL;
}

static void join_describe(Op *op, PlanDesc *d)
{
    JoinOp *j = (JoinOp *)op;
    static const char *K[] = {"inner", "left", "right", "full", "cross"};
    static const char *S[] = {"all", "any", "semi", "anti"};
    d->name = "Join (JOIN FillRightFirst)";
    buf_printf(&d->details, "Type: %s | Strictness: %s | Algorithm: HashJoin\n", K[j->spec.kind], S[j->spec.strict]);
    d->children[d->nchildren++] = j->left;
    d->children[d->nchildren++] = j->right;
}

static const OpVt JOIN_VT = {.name = "Join", .next = join_next, .close = join_close, .describe = join_describe};

/* ClickHouse's rule: swap when the left side's rows are known (even only as
 * a bound) and fewer than a point estimate of the right side's. */
static bool want_swap(QueryCtx *q, Op *left, Op *right, const JoinSpec *spec)
{
    if (spec->strict != EJS_ALL || spec->kind == EJ_CROSS || spec->nkeys == 0 || spec->keep_sides) return false;
    int64_t mode = settings_int(&q->settings, SET_query_plan_join_swap_table);   /* -1 auto */
    if (mode >= 0) return mode == 1;
    uint64_t nl, nr;
    int kl = op_rows_estimate(left, &nl), kr = op_rows_estimate(right, &nr);
    return kl != EST_UNKNOWN && (kr == EST_EXACT || kr == EST_POINT) && nl < nr;
}

static void mirror_spec(JoinSpec *s)
{
    int *k = s->left_keys;
    s->left_keys = s->right_keys;
    s->right_keys = k;
    if (s->kind == EJ_LEFT) s->kind = EJ_RIGHT;
    else if (s->kind == EJ_RIGHT) s->kind = EJ_LEFT;
}

Op *op_join(Op *left, Op *right, JoinSpec *spec)
{
    QueryCtx *q = left->q;
    JoinOp *j = op_alloc(q, sizeof *j, &JOIN_VT);
    j->left = left;
    j->right = right;
    j->spec = *spec;
    if (want_swap(q, left, right, spec)) {
        j->swapped = true;
        j->left = right;
        j->right = left;
        mirror_spec(&j->spec);
    }
    int n = left->ncols + right->ncols;
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)n);
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)n);
    bool left_nullable = spec->use_nulls && (spec->kind == EJ_RIGHT || spec->kind == EJ_FULL);
    bool right_nullable = spec->use_nulls && (spec->kind == EJ_LEFT || spec->kind == EJ_FULL);
    for (int i = 0; i < left->ncols; i++) {
        names[i] = left->names[i];
        types[i] = left_nullable && type_can_be_nullable(type_strip_lc(left->types[i])) ? type_nullable(left->types[i]) : left->types[i];
    }
    for (int i = 0; i < right->ncols; i++) {
        names[left->ncols + i] = right->names[i];
        const DataType *t = right->types[i];
        types[left->ncols + i] = right_nullable && type_can_be_nullable(type_strip_lc(t)) ? type_nullable(t) : t;
    }
    op_set_header(&j->base, n, names, types);
    return &j->base;
}
