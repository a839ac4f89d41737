/* window.c — planning window functions (f(...) OVER ...): after aggregation
 * and HAVING, before the SELECT list. Collects the window calls of the SELECT
 * list, ORDER BY and QUALIFY, resolves each call's window (OVER (...), a
 * WINDOW clause's name, or one extending another), binds its partition and
 * order keys and arguments into a projection that passes every current
 * column through, and puts an op_window on it (exec/op_window.c). The calls'
 * results are then found by their names, as aggregates are after GROUP BY.
 */
#include <string.h>
#include <strings.h>

#include "../exec/op_window.h"
#include "analyze_int.h"

typedef struct Calls { Ast **v; int n; } Calls;

static void collect(QueryCtx *q, Ast *e, Calls *c)
{
    if (!e) return;
    if (e->kind == AST_ORDER_ELEM) {
        collect(q, e->a, c);
        return;
    }
    if (e->kind != AST_FUNC || (e->flags & FN_LAMBDA)) return;
    if (e->over_name) {
        char *name = ast_name(q, e);
        for (int i = 0; i < c->n; i++)
            if (!strcmp(ast_name(q, c->v[i]), name)) return;
        ast_push(&q->arena, &c->v, &c->n, e);
        return;
    }
    for (int i = 0; i < e->nargs; i++) collect(q, e->args[i], c);
}

static Ast *named_window(const SelectAst *s, const char *name)
{
    for (int i = 0; i < s->nwin; i++)
        if (!strcmp(s->win_names[i], name)) return s->win_specs[i];
    return NULL;
}

/* The window of call f: partition, order and frame, a named base filled in. */
static int resolve_window(const SelectAst *s, const Ast *f, Ast **part_of, Ast **order_of, const WindowFrame **frame, Err *err)
{
    const Ast *w = f->over;
    if (!w && !(w = named_window(s, f->over_name)))
        return err_set(err, ERR_BAD_ARGUMENTS, "Window '%s' is not defined (referenced by '%s')", f->over_name, f->name);
    const Ast *base = NULL;
    if (w->name && !(base = named_window(s, w->name)))
        return err_set(err, ERR_BAD_ARGUMENTS, "Window '%s' is not defined", w->name);
    *part_of = (Ast *)(w->nargs || !base ? w : base);
    *order_of = (Ast *)(w->nparams || !base ? w : base);
    const WindowFrame *fr = w->stmt;
    *frame = fr->kind != WF_NONE || !base ? fr : base->stmt;
    return 0;
}

static int const_number(QueryCtx *q, Ast *e, const char *what, double *out, Err *err)
{
    Column *c;
    int rc = eval_const_expr(q, e, &c, err);
    if (rc) return rc;
    const DataType *t = type_strip_lc(c->type);
    if (!(type_is_number(t) || type_is_decimal(t)) || col_is_null(c, 0)) {
        col_unref(c);
        return err_set(err, ERR_BAD_ARGUMENTS, "%s must be a constant number", what);
    }
    *out = col_get_f64(c, 0);
    col_unref(c);
    return 0;
}

static WinEnd end_of(WinBound b)
{
    switch (b) {
    case WB_UNBOUNDED_PRECEDING: return WEND_UNBOUNDED_PRECEDING;
    case WB_PRECEDING: return WEND_PRECEDING;
    case WB_CURRENT_ROW: return WEND_CURRENT;
    case WB_FOLLOWING: return WEND_FOLLOWING;
    default: return WEND_UNBOUNDED_FOLLOWING;
    }
}

static int set_frame(QueryCtx *q, WinCall *c, const WindowFrame *fr, Err *err)
{
    if (fr->kind == WF_NONE) {   /* ClickHouse's default: RANGE UNBOUNDED PRECEDING .. CURRENT ROW (all peers without ORDER BY) */
        c->rows = false;
        c->start = WEND_UNBOUNDED_PRECEDING;
        c->end = c->norder ? WEND_CURRENT : WEND_UNBOUNDED_FOLLOWING;
        return 0;
    }
    c->rows = fr->kind == WF_ROWS;
    c->start = end_of(fr->start);
    c->end = end_of(fr->end);
    int rc = 0;
    if (fr->start_off) rc = const_number(q, fr->start_off, "Frame start offset", &c->start_n, err);
    if (!rc && fr->end_off) rc = const_number(q, fr->end_off, "Frame end offset", &c->end_n, err);
    if (rc) return rc;
    if (c->start_n < 0 || c->end_n < 0) return err_set(err, ERR_BAD_ARGUMENTS, "Frame offset must be non-negative");
    if (c->start == WEND_UNBOUNDED_FOLLOWING || c->end == WEND_UNBOUNDED_PRECEDING)
        return err_set(err, ERR_BAD_ARGUMENTS, "Window frame start cannot be UNBOUNDED FOLLOWING and end cannot be UNBOUNDED PRECEDING");
    bool offsets = fr->start_off || fr->end_off;
    if (!c->rows && offsets && c->norder != 1)
        return err_set(err, ERR_BAD_ARGUMENTS, "The RANGE OFFSET window frame requires exactly one ORDER BY column, %d given", c->norder);
    return 0;
}

/* Adds e to the projection, returning its column. */
static int add_expr(QueryCtx *q, Expr ***exprs, char ***names, int *n, Expr *e)
{
    Expr **ne = arena_alloc(&q->arena, sizeof *ne * (size_t)(*n + 1));
    char **nn = arena_alloc(&q->arena, sizeof *nn * (size_t)(*n + 1));
    memcpy(ne, *exprs, sizeof *ne * (size_t)*n);
    memcpy(nn, *names, sizeof *nn * (size_t)*n);
    ne[*n] = e;
    nn[*n] = arena_printf(&q->arena, "__window_in_%d", *n);
    *exprs = ne;
    *names = nn;
    return (*n)++;
}

static const char *const RANKS[] = {"row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile"};

/* What f computes, its result type and constant parameters. */
static int resolve_call(QueryCtx *q, Ast *f, WinCall *c, const DataType **argt, Err *err)
{
    const char *n = f->name;
    for (int k = 0; k < 6; k++)
        if (!strcasecmp(n, RANKS[k])) {
            c->kind = (WinKind)k;
            c->type = type_basic(k == 3 || k == 4 ? TYPE_FLOAT64 : TYPE_UINT64);
            if (k == 5) {
                double b;
                if (f->nargs != 1) return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function ntile takes exactly one argument");
                int rc = const_number(q, f->args[0], "Argument of ntile", &b, err);
                if (rc) return rc;
                if (b < 1) return err_set(err, ERR_BAD_ARGUMENTS, "Argument of 'ntile' function must be a positive integer");
                c->param = (int64_t)b;
            } else if (f->nargs) {
                return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function %s takes no arguments", n);
            }
            c->nargs = 0;
            return 0;
        }
    bool lag = !strcasecmp(n, "lag"), lead = !strcasecmp(n, "lead");
    bool lagf = !strcmp(n, "lagInFrame"), leadf = !strcmp(n, "leadInFrame"), nth = !strcmp(n, "nth_value");
    if (lag || lead || lagf || leadf || nth) {
        if (f->nargs < 1 || f->nargs > (nth ? 2 : 3) || (nth && f->nargs != 2))
            return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function %s takes %s arguments", n, nth ? "2" : "1 to 3");
        c->kind = lag ? WIN_LAG : lead ? WIN_LEAD : lagf ? WIN_LAG_IN_FRAME : leadf ? WIN_LEAD_IN_FRAME : WIN_NTH_VALUE;
        c->type = argt[0];
        c->param = 1;
        if (f->nargs >= 2) {
            double v;
            int rc = const_number(q, f->args[1], "The offset", &v, err);
            if (rc) return rc;
            if (v < (nth ? 1 : 0)) return err_set(err, ERR_BAD_ARGUMENTS, "The offset of %s must be %s", n, nth ? "positive" : "non-negative");
            c->param = (int64_t)v;
        }
        return 0;
    }
    if (!agg_is_aggregate(n) || func_find(n)) return err_set(err, ERR_UNKNOWN_AGGREGATE_FUNCTION, "Function %s is not a window function", n);
    Column **params = arena_alloc(&q->arena, sizeof *params * (size_t)(f->nparams + 1));
    for (int k = 0; k < f->nparams; k++) {
        int rc = eval_const_expr(q, f->params[k], &params[k], err);
        if (rc) return rc;
        qctx_defer(q, (void (*)(void *))col_unref, params[k]);
    }
    c->kind = WIN_AGG;
    c->agg = arena_alloc(&q->arena, sizeof *c->agg);
    int rc = agg_resolve(c->agg, q, n, argt, f->nargs, params, f->nparams, err);
    if (rc) return rc;
    c->type = c->agg->ret;
    return 0;
}

/* Binds call f: its keys and arguments join the projection. */
static int plan_call(QueryCtx *q, const SelectAst *s, Binder *b, Ast *f, WinCall *c, Expr ***exprs, char ***names, int *n, Err *err)
{
    Ast *part_of = NULL, *order_of = NULL;
    const WindowFrame *fr = NULL;
    int rc = resolve_window(s, f, &part_of, &order_of, &fr, err);
    if (rc) return rc;
    c->npart = part_of->nargs;
    c->part = arena_alloc(&q->arena, sizeof *c->part * (size_t)(c->npart + 1));
    for (int i = 0; i < c->npart; i++) {
        Expr *e;
        if ((rc = bind_expr(b, part_of->args[i], &e, err))) return rc;
        c->part[i] = add_expr(q, exprs, names, n, e);
    }
    c->norder = order_of->nparams;
    c->order = arena_alloc(&q->arena, sizeof *c->order * (size_t)(c->norder + 1));
    for (int i = 0; i < c->norder; i++) {
        Ast *o = order_of->params[i];
        Expr *e;
        if ((rc = bind_expr(b, o->a, &e, err))) return rc;
        int dir = (o->flags & ORD_DESC) ? -1 : 1;
        bool nulls_first = (o->flags & ORD_NULLS_SET) ? (o->flags & ORD_NULLS_FIRST) != 0 : false;
        c->order[i].col = add_expr(q, exprs, names, n, e);
        c->order[i].direction = dir;
        c->order[i].nulls_direction = nulls_first ? -dir : dir;
    }
    c->nargs = f->nargs;
    c->args = arena_alloc(&q->arena, sizeof *c->args * (size_t)(c->nargs + 1));
    const DataType **argt = arena_alloc(&q->arena, sizeof *argt * (size_t)(c->nargs + 1));
    for (int i = 0; i < f->nargs; i++) {
        Expr *e;
        if (f->args[i]->kind == AST_ASTERISK) return err_set(err, ERR_BAD_ARGUMENTS, "Asterisk is allowed only in count(*)");
        if (ast_has_aggregate(f->args[i]) && !b->post)
            return err_set(err, ERR_ILLEGAL_AGGREGATION, "Aggregate function %s is found inside a window function", ast_name(q, f->args[i]));
        if ((rc = bind_expr(b, f->args[i], &e, err))) return rc;
        c->args[i] = add_expr(q, exprs, names, n, e);
        argt[i] = type_strip_lc(e->type);
    }
    if ((rc = resolve_call(q, f, c, argt, err))) return rc;
    return set_frame(q, c, fr, err);
}

int plan_windows(QueryCtx *q, SelectAst *s, Binder *b, Op **op, Err *err)
{
    Calls calls = {0};
    for (int i = 0; i < s->ncols; i++) collect(q, s->cols[i], &calls);
    for (int i = 0; i < s->norder_by; i++) collect(q, s->order_by[i], &calls);
    collect(q, s->qualify, &calls);
    if (!calls.n) return 0;
    int base = (*op)->ncols, n = base;
    Expr **exprs = arena_alloc(&q->arena, sizeof *exprs * (size_t)(base + 1));
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(base + 1));
    for (int i = 0; i < base; i++) {
        exprs[i] = expr_input(q, i, (*op)->types[i], (*op)->names[i]);
        names[i] = (*op)->names[i];
    }
    WinCall *wc = arena_alloc(&q->arena, sizeof *wc * (size_t)calls.n);
    char **wnames = arena_alloc(&q->arena, sizeof *wnames * (size_t)calls.n);
    for (int k = 0; k < calls.n; k++) {
        int rc = plan_call(q, s, b, calls.v[k], &wc[k], &exprs, &names, &n, err);
        if (rc) return rc;
        wnames[k] = ast_name(q, calls.v[k]);
    }
    *op = op_window(op_project(*op, exprs, n, names), wc, calls.n, wnames);
    /* the calls' results are found by name from now on */
    PostMap *m = arena_alloc(&q->arena, sizeof *m);
    PostMap *old = b->post ? b->post : b->named;
    m->n = n + calls.n;
    m->names = arena_alloc(&q->arena, sizeof *m->names * (size_t)m->n);
    m->types = arena_alloc(&q->arena, sizeof *m->types * (size_t)m->n);
    for (int i = 0; i < m->n; i++) {
        m->types[i] = (*op)->types[i];
        m->names[i] = i >= n ? wnames[i - n] : old && i < old->n ? old->names[i] : NULL;
        if (b->post && !m->names[i]) m->names[i] = "";
    }
    if (b->post) b->post = m;
    else b->named = m;
    return 0;
}
