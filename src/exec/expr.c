/* expr.c — evaluation of bound expressions over chunks; see expr.h.
 *
 * Conditional functions (if, multiIf, and, or) evaluate their later
 * arguments only on the rows that need them, like ClickHouse's short-circuit
 * evaluation, so `if(x = 0, 0, intDiv(1, x))` never divides by zero.
 */
#include "expr.h"

#include <stdio.h>
#include <string.h>

#include "../base/mem.h"

static void release_col(void *c) { col_unref(c); }

Expr *expr_const(QueryCtx *q, Column *one, const char *name)
{
    Expr *e = arena_alloc(&q->arena, sizeof *e);
    e->kind = EX_CONST;
    if (one->is_const) {
        Column *c = col_slice(one, 0, 1);
        c->is_const = false;
        c->rows = 1;
        col_unref(one);
        one = c;
    }
    e->value = one;
    e->type = one->type;
    e->name = arena_strdup(&q->arena, name);
    qctx_defer(q, release_col, one);
    return e;
}

Expr *expr_input(QueryCtx *q, int index, const DataType *t, const char *name)
{
    Expr *e = arena_alloc(&q->arena, sizeof *e);
    e->kind = EX_INPUT;
    e->input = index;
    e->type = t;
    e->name = arena_strdup(&q->arena, name);
    return e;
}

void expr_mark_inputs(const Expr *e, bool *used, int n)
{
    if (e->kind == EX_INPUT && e->input >= 0 && e->input < n) used[e->input] = true;
    if (e->kind == EX_LAMBDA) {
        for (int i = 0; i < e->ncaptured; i++) expr_mark_inputs(e->captured[i], used, n);
        return;
    }
    for (int i = 0; i < e->nargs; i++) expr_mark_inputs(e->args[i], used, n);
}

bool expr_is_const(const Expr *e)
{
    switch (e->kind) {
    case EX_CONST: return true;
    case EX_INPUT: return false;
    case EX_LAMBDA:
        for (int i = 0; i < e->ncaptured; i++)
            if (!expr_is_const(e->captured[i])) return false;
        return true;
    case EX_FUNC:
        if (e->call->def->flags & FF_NONDET) return false;
        for (int i = 0; i < e->nargs; i++)
            if (!expr_is_const(e->args[i])) return false;
        return true;
    }
    return false;
}

/* Evaluates the lambda body over a chunk [params..., captured...]. */
static int lambda_eval(void *lambda, Chunk *in, Column **out, Err *err)
{
    Expr *l = lambda;
    return expr_eval(l->body, in, out, err);
}

static int eval_args(Expr *e, Chunk *in, Column **cols, int *ncols, Err *err)
{
    int n = 0;
    for (int i = 0; i < e->nargs; i++) {
        Expr *a = e->args[i];
        if (a->kind == EX_LAMBDA) {
            /* captured columns follow the regular arguments */
            continue;
        }
        int rc = expr_eval(a, in, &cols[n], err);
        if (rc) {
            for (int k = 0; k < n; k++) col_unref(cols[k]);
            return rc;
        }
        n++;
    }
    for (int i = 0; i < e->nargs; i++) {
        Expr *a = e->args[i];
        if (a->kind != EX_LAMBDA) continue;
        for (int c = 0; c < a->ncaptured; c++) {
            int rc = expr_eval(a->captured[c], in, &cols[n], err);
            if (rc) {
                for (int k = 0; k < n; k++) col_unref(cols[k]);
                return rc;
            }
            n++;
        }
    }
    *ncols = n;
    return 0;
}

/* Rows of `in` selected by mask as a new chunk. */
static Chunk *chunk_subset(Chunk *in, const uint8_t *mask, size_t kept)
{
    Chunk *c = chunk_new(in->ncols, kept);
    for (int i = 0; i < in->ncols; i++) c->cols[i] = col_filter(in->cols[i], mask, kept);
    return c;
}

static bool row_true(Column *c, size_t i)
{
    if (c->type->kind == TYPE_LOWCARDINALITY) c = c->sub[0];
    size_t k = col_phys(c, i);
    if (c->type->kind == TYPE_NULLABLE) {
        if (COL_NULLS(c)[k]) return false;
        c = c->sub[0];
    }
    if (c->type->kind == TYPE_NOTHING) return false;
    if (c->type->kind == TYPE_UINT8 || c->type->kind == TYPE_BOOL) return COL_DATA(c, uint8_t)[k] != 0;
    Column tmp = *c;
    tmp.is_const = false;
    return col_get_f64(&tmp, k) != 0;
}

/* Scatters `part` (rows where mask is set) into a full-length column of type t,
 * other rows taken from `base` (may be NULL: defaults). */
static Column *merge_rows(const DataType *t, Column *base, Column *part, const uint8_t *mask, size_t rows)
{
    Column *r = col_new(t);
    col_reserve(r, rows);
    size_t k = 0;
    for (size_t i = 0; i < rows; i++) {
        if (mask[i]) col_push_from(r, part, k++);
        else if (base) col_push_from(r, base, i);
        else col_push_default(r);
    }
    return r;
}

/* if(c, a, b) with lazy branches: each branch runs only on its rows. */
static int eval_if_lazy(Expr *e, Chunk *in, Column **out, Err *err)
{
    Column *cond;
    int rc = expr_eval(e->args[0], in, &cond, err);
    if (rc) return rc;
    size_t rows = in->rows, nt = 0;
    uint8_t *mt = mem_alloc(rows ? rows : 1), *mf = mem_alloc(rows ? rows : 1);
    for (size_t i = 0; i < rows; i++) {
        mt[i] = row_true(cond, i);
        mf[i] = !mt[i];
        nt += mt[i];
    }
    col_unref(cond);
    Column *res = NULL, *part = NULL, *cast = NULL;
    FormatSettings fs;
    fn_format_settings(e->call->q, &fs);
    for (int br = 0; br < 2 && !rc; br++) {
        uint8_t *m = br == 0 ? mt : mf;
        size_t cnt = br == 0 ? nt : rows - nt;
        if (cnt == 0) continue;
        Chunk *sub = cnt == rows ? NULL : chunk_subset(in, m, cnt);
        rc = expr_eval(e->args[1 + br], sub ? sub : in, &part, err);
        chunk_free(sub);
        if (rc) break;
        rc = col_cast(part, e->type, CAST_THROW, &fs, &cast, err);
        col_unref(part);
        if (rc) break;
        if (cnt == rows) {
            col_unref(res);
            res = col_materialize(cast);
        } else {
            Column *merged = merge_rows(e->type, res, cast, m, rows);
            col_unref(res);
            res = merged;
        }
        col_unref(cast);
    }
    mem_free(mt, rows ? rows : 1);
    mem_free(mf, rows ? rows : 1);
    if (rc) {
        col_unref(res);
        return rc;
    }
    if (!res) {
        res = col_new(e->type);
    }
    *out = res;
    return 0;
}

static bool needs_lazy(Expr *e)
{
    if (!(e->call->def->flags & FF_SHORT_CIRCUIT) || e->call->null_result) return false;
    /* only worth it when a branch can fail or is expensive: any non-trivial call */
    for (int i = 1; i < e->nargs; i++)
        if (e->args[i]->kind == EX_FUNC) return true;
    return false;
}

int expr_eval(Expr *e, Chunk *in, Column **out, Err *err)
{
    switch (e->kind) {
    case EX_INPUT:
        *out = col_ref(in->cols[e->input]);
        return 0;
    case EX_CONST:
        *out = col_const_of(e->value, 0, in->rows);
        return 0;
    case EX_LAMBDA:
        return err_set(err, ERR_UNEXPECTED_EXPRESSION, "Lambda function is not expected here");
    case EX_FUNC:
        break;
    }
    if (needs_lazy(e) && strcmp(e->call->def->name, "if") == 0) return eval_if_lazy(e, in, out, err);
    int total = e->nargs;
    for (int i = 0; i < e->nargs; i++)
        if (e->args[i]->kind == EX_LAMBDA) total += e->args[i]->ncaptured;
    Column *stack[8];
    Column **cols = total <= 8 ? stack : mem_alloc(sizeof *cols * (size_t)total);
    int n = 0;
    int rc = eval_args(e, in, cols, &n, err);
    if (!rc) {
        for (int i = 0; i < e->nargs; i++)
            if (e->args[i]->kind == EX_LAMBDA) {
                e->call->lambda = e->args[i];
                e->call->lambda_eval = lambda_eval;
            }
        rc = func_exec(e->call, cols, in->rows, out, err);
        for (int i = 0; i < n; i++) col_unref(cols[i]);
        /* as ClickHouse: the failing function is named after the message (the innermost one only) */
        if (rc && rc != ERR_QUERY_WAS_CANCELLED && rc != ERR_TIMEOUT_EXCEEDED && rc != ERR_MEMORY_LIMIT_EXCEEDED &&
            !strstr(err->msg, ": while executing '")) {
            /* the call as written, not its alias: FUNCTION throwIf(equals(number, 10), 'boom') */
            size_t l = strlen(err->msg);
            l += (size_t)snprintf(err->msg + l, sizeof err->msg - l, ": while executing 'FUNCTION %s(", e->call->def->name);
            for (int i = 0; i < e->nargs && l < sizeof err->msg; i++)
                l += (size_t)snprintf(err->msg + l, sizeof err->msg - l, "%s%s", i ? ", " : "", e->args[i]->name ? e->args[i]->name : "?");
            if (l < sizeof err->msg) snprintf(err->msg + l, sizeof err->msg - l, ")'");
        }
    }
    if (cols != stack) mem_free(cols, sizeof *cols * (size_t)total);
    return rc;
}
