/* rewrite_agg.c — ClickHouse's arithmetic-in-aggregate rewrites, applied to
 * a SELECT's AST before aggregates are collected (setting
 * optimize_arithmetic_operations_in_aggregate_functions, on by default):
 *
 *   sum(x * c) -> sum(x) * c,  sum(x / c) -> sum(x) / c
 *   min|max|avg(x op c) and (c op x) for op in * / + - -> op applied outside,
 *       min and max swapping when the constant flips the order
 *   sum(col + c) -> sum(col) + c * count(col)   (col a numeric table column)
 *
 * and, for the uniq family, one-argument injective functions are dropped
 * from the arguments (optimize_injective_functions_inside_uniq).
 *
 * The rewritten node keeps its original column name, so results look the
 * same; values match ClickHouse's exactly (e.g. decimal division rounding
 * happens once, after the sum), and a query with many sum(col + k) shares
 * one sum and one count (ClickBench Q30).
 */
#include <string.h>
#include <strings.h>

#include "../func/agg.h"
#include "analyze_int.h"

static Ast *mk_call(QueryCtx *q, const char *name, Ast *a, Ast *b, int pos)
{
    Ast *n = ast_new(&q->arena, AST_FUNC, pos);
    n->name = arena_strdup(&q->arena, name);
    n->nargs = b ? 2 : 1;
    n->args = arena_alloc(&q->arena, sizeof *n->args * (size_t)n->nargs);
    n->args[0] = a;
    if (b) n->args[1] = b;
    return n;
}

static bool num_literal(const Ast *e)
{
    return e->kind == AST_LITERAL && (e->lit.kind == FV_UINT || e->lit.kind == FV_INT || e->lit.kind == FV_FLOAT);
}

static bool negative(const Ast *e)
{
    return (e->lit.kind == FV_INT && e->lit.i < 0) || (e->lit.kind == FV_FLOAT && e->lit.f < 0);
}

/* A plain numeric (non-Nullable) table column of the scope, not shadowed by an alias. */
static bool numeric_column(Scope *s, const Ast *e)
{
    if (e->kind != AST_IDENT || scope_alias(s, e->name)) return false;
    for (int i = 0; i < s->ncols; i++) {
        ScopeCol *c = &s->cols[i];
        bool hit = !strcmp(c->name, e->name);
        if (!hit && c->table && e->nparts == 2) hit = !strcmp(c->table, e->parts[0]) && !strcmp(c->name, e->parts[1]);
        if (hit) return !c->alias_expr && type_is_number(c->type);
    }
    return false;
}

static const char *lower_name(const char *n)
{
    static const char *const KNOWN[] = {"sum", "min", "max", "avg"};
    for (int i = 0; i < 4; i++)
        if (!strcasecmp(n, KNOWN[i])) return KNOWN[i];
    return NULL;
}

/* Rewrites *slot if it matches; returns true if it did. */
static bool rewrite_one(QueryCtx *q, Scope *s, Ast **slot)
{
    Ast *agg = *slot;
    if (!settings_bool(&q->settings, SET_optimize_arithmetic_operations_in_aggregate_functions)) return false;
    if (agg->kind != AST_FUNC || agg->nargs != 1 || agg->nparams || agg->over_name || (agg->flags & FN_DISTINCT)) return false;
    const char *an = lower_name(agg->name);
    Ast *op = agg->args[0];
    if (!an || op->kind != AST_FUNC || op->nargs != 2 || op->alias) return false;
    const char *on = op->name;
    bool mul = !strcmp(on, "multiply"), div = !strcmp(on, "divide"), add = !strcmp(on, "plus"), sub = !strcmp(on, "minus");
    if (!mul && !div && !add && !sub) return false;
    bool lc = num_literal(op->args[0]), rc = num_literal(op->args[1]);
    if (lc == rc) return false;
    char *name = ast_name(q, agg);
    if (!strcmp(an, "sum") && (add || sub)) {
        /* sum(col +- c) -> sum(col) +- c * count(col) */
        int ci = lc ? 1 : 0;
        if (!numeric_column(s, op->args[ci])) return false;
        Ast *sum = mk_call(q, "sum", op->args[ci], NULL, agg->pos);
        Ast *cnt = mk_call(q, "multiply", op->args[1 - ci], mk_call(q, "count", op->args[ci], NULL, agg->pos), agg->pos);
        Ast *n = ci == 0 ? mk_call(q, on, sum, cnt, agg->pos) : mk_call(q, on, cnt, sum, agg->pos);
        n->display = name;
        n->alias = agg->alias;
        *agg = *n;   /* in place: aliases point at this node */
        return true;
    }
    if (!strcmp(an, "sum") && !mul && !div) return false;
    if (lc && div) return false;   /* sum(1 / x) is not sum(x) scaled */
    bool reverse = lc ? (mul && negative(op->args[0])) || sub : (mul || div) && negative(op->args[1]);
    const char *inner = an;
    if (reverse && !strcmp(an, "min")) inner = "max";
    else if (reverse && !strcmp(an, "max")) inner = "min";
    int vi = lc ? 1 : 0;
    Ast *a2 = mk_call(q, inner, op->args[vi], NULL, agg->pos);
    Ast *n = vi == 0 ? mk_call(q, on, a2, op->args[1], agg->pos) : mk_call(q, on, op->args[0], a2, agg->pos);
    n->display = name;
    n->alias = agg->alias;
    *agg = *n;
    return true;
}

/* uniq*(f(x)) -> uniq*(x) for a one-argument injective f (setting
 * optimize_injective_functions_inside_uniq): the count cannot change, but
 * uniq's estimate hashes x, so dropping f is what makes results match. */
static bool injective(const char *n)
{
    static const char *const INJ[] = {"toString", "negate", "bitNot", "tuple", "hex", "bin", "unhex", "identity",
                                      "reverse", "concat", "IPv4NumToString", "IPv6NumToString"};
    for (size_t i = 0; i < sizeof INJ / sizeof INJ[0]; i++)
        if (!strcmp(n, INJ[i])) return true;
    return false;
}

static void strip_injective(QueryCtx *q, Ast *agg)
{
    static const char *const UNIQ[] = {"uniq", "uniqExact", "uniqHLL12", "uniqCombined", "uniqCombined64", "uniqTheta"};
    bool is_uniq = false;
    for (size_t i = 0; i < sizeof UNIQ / sizeof UNIQ[0]; i++) is_uniq |= !strcmp(agg->name, UNIQ[i]);
    if (!is_uniq || agg->over_name || !settings_bool(&q->settings, SET_optimize_injective_functions_inside_uniq)) return;
    for (int i = 0; i < agg->nargs; i++) {
        for (Ast *f = agg->args[i]; f->kind == AST_FUNC && f->nargs == 1 && !f->nparams && !(f->flags & FN_LAMBDA) &&
                                    injective(f->name);
             f = agg->args[i]) {
            if (!agg->display) agg->display = ast_name(q, agg);
            agg->args[i] = f->args[0];
        }
    }
}

static void walk(QueryCtx *q, Scope *s, Ast **slot, int depth)
{
    Ast *e = *slot;
    if (!e || depth > 200) return;
    if (e->kind == AST_ORDER_ELEM) {
        walk(q, s, &e->a, depth + 1);
        return;
    }
    if (e->kind != AST_FUNC || (e->flags & FN_LAMBDA)) return;
    if (rewrite_one(q, s, slot)) return;
    if (agg_is_aggregate(e->name)) {
        strip_injective(q, e);
        return;
    }
    for (int i = 0; i < e->nargs; i++) walk(q, s, &e->args[i], depth + 1);
}

void rewrite_agg_arith(QueryCtx *q, Scope *s, SelectAst *sel)
{
    for (int i = 0; i < sel->ncols; i++) walk(q, s, &sel->cols[i], 0);
    walk(q, s, &sel->having, 0);
    for (int i = 0; i < sel->norder_by; i++) walk(q, s, &sel->order_by[i], 0);
}
