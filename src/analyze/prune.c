/* prune.c — which table columns a query can read.
 *
 * Before planning, every identifier of the statement is collected (all parts
 * of compound names, in every clause and subquery). A table scan then reads
 * only the columns whose name occurs; `SELECT *` or COLUMNS(...) anywhere
 * makes it read everything. The set over-approximates (a name used for an
 * alias keeps a column of that name), which is safe; it is what lets a scan
 * of a 105-column table read the three columns a query needs. Each name
 * also counts its uses as the argument of size_use() (length(s), s = '', ...):
 * a column used only so is read as lengths (ident_set_sizes_only).
 */
#include <string.h>
#include <strings.h>

#include "analyze_int.h"

typedef struct IdentSet {
    char **names;
    int *uses, *sized;       /* per name: occurrences, and those as a size_use() argument */
    int n, cap;
    bool star;
} IdentSet;

static void add_use(QueryCtx *q, IdentSet *s, const char *name, bool sized)
{
    if (!name) return;
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->names[i], name)) {
            s->uses[i]++;
            s->sized[i] += sized;
            return;
        }
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 16;
        char **nn = arena_alloc(&q->arena, sizeof *nn * (size_t)cap);
        int *nu = arena_alloc(&q->arena, sizeof *nu * (size_t)cap), *ns = arena_alloc(&q->arena, sizeof *ns * (size_t)cap);
        if (s->n) {
            memcpy(nn, s->names, sizeof *nn * (size_t)s->n);
            memcpy(nu, s->uses, sizeof *nu * (size_t)s->n);
            memcpy(ns, s->sized, sizeof *ns * (size_t)s->n);
        }
        s->names = nn, s->uses = nu, s->sized = ns;
        s->cap = cap;
    }
    s->names[s->n] = (char *)name;
    s->uses[s->n] = 1;
    s->sized[s->n++] = sized;
}

static void add_name(QueryCtx *q, IdentSet *s, const char *name) { add_use(q, s, name, false); }

static bool is_empty_string(const Ast *a)
{
    return a->kind == AST_LITERAL && !(a->flags & FN_CAST_LITERAL) && a->lit.kind == FV_STRING && a->lit.str.len == 0;
}

const Ast *size_use(const Ast *e, SizeUse *kind)
{
    if (!e || e->kind != AST_FUNC || (e->flags & FN_LAMBDA) || e->over || e->over_name || e->nparams) return NULL;
    if (e->nargs == 1 && e->args[0]->kind == AST_IDENT) {
        if (!strcasecmp(e->name, "length")) *kind = SIZE_LENGTH;
        else if (!strcmp(e->name, "empty")) *kind = SIZE_EMPTY;
        else if (!strcmp(e->name, "notEmpty")) *kind = SIZE_NOT_EMPTY;
        else return NULL;
        return e->args[0];
    }
    if (e->nargs == 2 && (!strcmp(e->name, "equals") || !strcmp(e->name, "notEquals"))) {
        *kind = !strcmp(e->name, "equals") ? SIZE_EMPTY : SIZE_NOT_EMPTY;
        if (e->args[0]->kind == AST_IDENT && is_empty_string(e->args[1])) return e->args[0];
        if (e->args[1]->kind == AST_IDENT && is_empty_string(e->args[0])) return e->args[1];
    }
    return NULL;
}

static void walk(QueryCtx *q, IdentSet *s, const Ast *e, int depth);

static void walk_list(QueryCtx *q, IdentSet *s, Ast *const *items, int n, int depth)
{
    for (int i = 0; i < n; i++) walk(q, s, items[i], depth);
}

static void walk_select_ex(QueryCtx *q, IdentSet *s, const SelectAst *sel, int depth, bool filters);

static void walk_select(QueryCtx *q, IdentSet *s, const SelectAst *sel, int depth) { walk_select_ex(q, s, sel, depth, true); }

static void walk_select_ex(QueryCtx *q, IdentSet *s, const SelectAst *sel, int depth, bool filters)
{
    walk_list(q, s, sel->with, sel->nwith, depth);
    walk_list(q, s, sel->distinct_on, sel->ndistinct_on, depth);
    walk_list(q, s, sel->cols, sel->ncols, depth);
    walk(q, s, sel->from, depth);
    walk_list(q, s, sel->array_join, sel->narray_join, depth);
    if (filters) {
        walk(q, s, sel->prewhere, depth);
        walk(q, s, sel->where, depth);
    }
    walk(q, s, sel->having, depth);
    walk(q, s, sel->qualify, depth);
    walk_list(q, s, sel->group_by, sel->ngroup_by, depth);
    walk_list(q, s, sel->order_by, sel->norder_by, depth);
    walk_list(q, s, sel->limit_by, sel->nlimit_by, depth);
    if (sel->group_by_all || sel->order_by_all) s->star = true;
}

static void walk(QueryCtx *q, IdentSet *s, const Ast *e, int depth)
{
    if (!e || depth > 500 || s->star) return;
    switch (e->kind) {
    case AST_IDENT:
        add_name(q, s, e->name);
        for (int i = 0; i < e->nparts; i++) add_name(q, s, e->parts[i]);
        return;
    case AST_ASTERISK: case AST_COLUMNS:
        s->star = true;
        return;
    case AST_SELECT:
        if (e->sel) walk_select(q, s, e->sel, depth + 1);
        return;
    case AST_FUNC: {
        SizeUse kind;
        const Ast *id = size_use(e, &kind);
        if (id) {
            add_use(q, s, id->name, true);
            for (int i = 0; i < id->nparts; i++) add_use(q, s, id->parts[i], true);
            return;
        }
        /* count(*) reads no column */
        for (int i = 0; i < e->nargs; i++)
            if (e->args[i]->kind != AST_ASTERISK) walk(q, s, e->args[i], depth + 1);
        walk_list(q, s, e->params, e->nparams, depth + 1);
        walk(q, s, e->over, depth + 1);
        return;
    }
    default:
        break;
    }
    walk_list(q, s, e->args, e->nargs, depth + 1);
    walk_list(q, s, e->params, e->nparams, depth + 1);
    walk(q, s, e->a, depth + 1);
    walk(q, s, e->b, depth + 1);
    walk(q, s, e->c, depth + 1);
    walk(q, s, e->d, depth + 1);
    if (e->sel) walk_select(q, s, e->sel, depth + 1);
}

void *ident_set_collect(QueryCtx *q, const Ast *statement)
{
    IdentSet *s = arena_alloc(&q->arena, sizeof *s);
    walk(q, s, statement, 0);
    return s;
}

void *ident_set_collect_after_filters(QueryCtx *q, const SelectAst *sel)
{
    IdentSet *s = arena_alloc(&q->arena, sizeof *s);
    walk_select_ex(q, s, sel, 0, false);
    return s;
}

int ident_set_rank(const void *set, const char *column)
{
    const IdentSet *s = set;
    if (!s || s->star) return 0;
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->names[i], column)) return i;
    return -1;
}

bool ident_set_wants(const void *set, const char *column) { return ident_set_rank(set, column) >= 0; }

bool ident_set_sizes_only(const void *set, const char *column)
{
    const IdentSet *s = set;
    if (!s || s->star) return false;
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->names[i], column)) return s->uses[i] == s->sized[i];
    return false;
}
