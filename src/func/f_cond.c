/* f_cond.c — if, multiIf, caseWithExpression (CASE x WHEN ...).
 *
 * The result type is the least supertype of the branches; a NULL condition
 * counts as false. Branches are cast to the result type and rows picked from
 * them. (Short-circuit evaluation of branches happens in the evaluator.)
 */
#include <string.h>

#include "../base/mem.h"
#include "func.h"

static bool cond_type_ok(const DataType *t)
{
    t = type_strip(t);
    return type_is_number(t) || t->kind == TYPE_BOOL || t->kind == TYPE_NOTHING;
}

/* branches: indexes of result arguments */
static int resolve_branches(FuncCall *fc, const int *idx, int n, Err *err)
{
    const DataType **ts = arena_alloc(&fc->q->arena, sizeof *ts * (size_t)n);
    for (int i = 0; i < n; i++) ts[i] = fc->types[idx[i]];
    return type_supertype(ts, n, &fc->ret, err);
}

static int if_resolve(FuncCall *fc, Err *err)
{
    if (!cond_type_ok(fc->types[0]))
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of first argument (condition) of function if. Must be UInt8.",
                       fc->types[0]->name);
    int idx[2] = {1, 2};
    return resolve_branches(fc, idx, 2, err);
}

static int multiif_resolve(FuncCall *fc, Err *err)
{
    if (fc->nargs % 2 == 0)
        return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Invalid number of arguments for function multiIf");
    int n = fc->nargs / 2 + 1;
    int *idx = arena_alloc(&fc->q->arena, sizeof *idx * (size_t)n);
    for (int i = 0; i < n - 1; i++) {
        if (!cond_type_ok(fc->types[2 * i]))
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of condition argument of function multiIf", fc->types[2 * i]->name);
        idx[i] = 2 * i + 1;
    }
    idx[n - 1] = fc->nargs - 1;
    return resolve_branches(fc, idx, n, err);
}

static bool cond_true(Column *c, size_t i)
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

/* pick[i] = index of the branch column (in cast[]) chosen for row i */
static int assemble(FuncCall *fc, Column **branches, int nb, const int *pick, size_t rows, Column **out, Err *err)
{
    Column **cast = mem_calloc(sizeof *cast * (size_t)nb);
    int rc = 0;
    for (int b = 0; b < nb && !rc; b++) rc = fn_cast(fc, branches[b], fc->ret, &cast[b], err);
    if (!rc) {
        Column *r = col_new(fc->ret);
        col_reserve(r, rows);
        for (size_t i = 0; i < rows; i++) col_push_from(r, cast[pick[i]], i);
        *out = r;
    }
    for (int b = 0; b < nb; b++) col_unref(cast[b]);
    mem_free(cast, sizeof *cast * (size_t)nb);
    return rc;
}

static int if_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    int *pick = mem_alloc(sizeof *pick * (rows ? rows : 1));
    for (size_t i = 0; i < rows; i++) pick[i] = cond_true(args[0], i) ? 0 : 1;
    Column *br[2] = {args[1], args[2]};
    int rc = assemble(fc, br, 2, pick, rows, out, err);
    mem_free(pick, sizeof *pick * (rows ? rows : 1));
    return rc;
}

static int multiif_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    int nb = fc->nargs / 2 + 1;
    Column **br = mem_alloc(sizeof *br * (size_t)nb);
    for (int b = 0; b < nb - 1; b++) br[b] = args[2 * b + 1];
    br[nb - 1] = args[fc->nargs - 1];
    int *pick = mem_alloc(sizeof *pick * (rows ? rows : 1));
    for (size_t i = 0; i < rows; i++) {
        int p = nb - 1;
        for (int b = 0; b < nb - 1; b++)
            if (cond_true(args[2 * b], i)) {
                p = b;
                break;
            }
        pick[i] = p;
    }
    int rc = assemble(fc, br, nb, pick, rows, out, err);
    mem_free(pick, sizeof *pick * (rows ? rows : 1));
    mem_free(br, sizeof *br * (size_t)nb);
    return rc;
}

/* caseWithExpression(x, w1, t1, ..., else) */
typedef struct CaseState { const DataType *cmp; } CaseState;

static int case_resolve(FuncCall *fc, Err *err)
{
    if (fc->nargs % 2 != 0)
        return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Invalid number of arguments for function caseWithExpression");
    int n = fc->nargs / 2;
    int *idx = arena_alloc(&fc->q->arena, sizeof *idx * (size_t)n);
    for (int i = 0; i < n - 1; i++) idx[i] = 2 * i + 2;
    idx[n - 1] = fc->nargs - 1;
    int rc = resolve_branches(fc, idx, n, err);
    if (rc) return rc;
    const DataType **ws = arena_alloc(&fc->q->arena, sizeof *ws * (size_t)n);
    ws[0] = fc->types[0];
    for (int i = 0; i < n - 1; i++) ws[i + 1] = fc->types[2 * i + 1];
    CaseState *st = arena_alloc(&fc->q->arena, sizeof *st);
    if ((rc = type_supertype(ws, n, &st->cmp, err))) return rc;
    fc->state = st;
    return 0;
}

static int case_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    CaseState *st = fc->state;
    int nb = fc->nargs / 2;
    Column **cw = mem_calloc(sizeof *cw * (size_t)nb);
    Column *x = NULL;
    int rc = fn_cast(fc, args[0], st->cmp, &x, err);
    for (int b = 0; b < nb - 1 && !rc; b++) rc = fn_cast(fc, args[2 * b + 1], st->cmp, &cw[b], err);
    Column **br = mem_alloc(sizeof *br * (size_t)nb);
    int *pick = mem_alloc(sizeof *pick * (rows ? rows : 1));
    if (!rc) {
        for (int b = 0; b < nb - 1; b++) br[b] = args[2 * b + 2];
        br[nb - 1] = args[fc->nargs - 1];
        for (size_t i = 0; i < rows; i++) {
            int p = nb - 1;
            if (!col_is_null(x, i))
                for (int b = 0; b < nb - 1; b++)
                    if (!col_is_null(cw[b], i) && col_compare(x, i, cw[b], i, 1) == 0) {
                        p = b;
                        break;
                    }
            pick[i] = p;
        }
        rc = assemble(fc, br, nb, pick, rows, out, err);
    }
    col_unref(x);
    for (int b = 0; b < nb; b++) col_unref(cw[b]);
    mem_free(cw, sizeof *cw * (size_t)nb);
    mem_free(br, sizeof *br * (size_t)nb);
    mem_free(pick, sizeof *pick * (rows ? rows : 1));
    return rc;
}

const FuncDef FUNCS_cond[] = {
    {"if", 3, 3, FF_SHORT_CIRCUIT | FF_RAW_CONST | FF_CI, if_resolve, if_exec, NULL},
    {"multiIf", 3, -1, FF_SHORT_CIRCUIT | FF_RAW_CONST, multiif_resolve, multiif_exec, NULL},
    {"caseWithExpression", 2, -1, FF_RAW_CONST, case_resolve, case_exec, NULL},
    {0},
};
