/* rewrite_like.c — ClickHouse's optimize_rewrite_like_perfect_affix: in the
 * filters of a SELECT (WHERE, PREWHERE, HAVING), `x LIKE 'abc%'` becomes
 * startsWith(x, 'abc') and `x LIKE '%abc'` endsWith(x, 'abc') (NOT LIKE:
 * their negation) when the pattern has no other wildcard. The results are the
 * same; the substring test is cheaper, and EXPLAIN shows what ClickHouse does.
 */
#include <string.h>

#include "analyze_int.h"

/* The literal text of pattern p without its leading or trailing '%', if that
 * is its only wildcard; NULL otherwise. *prefix tells which side it was on. */
static char *affix(QueryCtx *q, const char *p, size_t n, bool *prefix)
{
    if (n < 2) return NULL;
    bool tail = p[n - 1] == '%' && !(n >= 2 && p[n - 2] == '\\' && (n < 3 || p[n - 3] != '\\'));
    bool head = p[0] == '%';
    if (tail == head) return NULL;
    const char *s = head ? p + 1 : p, *e = head ? p + n : p + n - 1;
    char *out = arena_alloc(&q->arena, n + 1);
    size_t k = 0;
    for (const char *c = s; c < e; c++) {
        if (*c == '%' || *c == '_') return NULL;
        if (*c == '\\' && c + 1 < e) c++;
        else if (*c == '\\') return NULL;
        out[k++] = *c;
    }
    out[k] = 0;
    *prefix = tail;
    return out;
}

static void walk(QueryCtx *q, Ast *e, int depth)
{
    if (!e || depth > 300 || e->kind != AST_FUNC || (e->flags & FN_LAMBDA)) return;
    for (int i = 0; i < e->nargs; i++) walk(q, e->args[i], depth + 1);
    bool neg = !strcmp(e->name, "notLike");
    if ((!neg && strcmp(e->name, "like")) || e->nargs != 2) return;
    Ast *lit = e->args[1];
    if (lit->kind != AST_LITERAL || lit->lit.kind != FV_STRING) return;
    bool prefix;
    char *a = affix(q, lit->lit.str.s, lit->lit.str.len, &prefix);
    if (!a) return;
    Ast *nl = ast_new(&q->arena, AST_LITERAL, lit->pos);
    nl->lit.kind = FV_STRING;
    nl->lit.str.s = a;
    nl->lit.str.len = strlen(a);
    Ast *call = ast_new(&q->arena, AST_FUNC, e->pos);
    call->name = prefix ? "startsWith" : "endsWith";
    call->nargs = 2;
    call->args = arena_alloc(&q->arena, sizeof *call->args * 2);
    call->args[0] = e->args[0];
    call->args[1] = nl;
    if (!neg) {
        call->alias = e->alias;
        *e = *call;
        return;
    }
    Ast *not = ast_new(&q->arena, AST_FUNC, e->pos);
    not->name = "not";
    not->flags = FN_OPERATOR;
    not->nargs = 1;
    not->args = arena_alloc(&q->arena, sizeof *not->args);
    not->args[0] = call;
    not->alias = e->alias;
    *e = *not;
}

void rewrite_like_affix(QueryCtx *q, SelectAst *sel)
{
    if (!settings_bool(&q->settings, SET_optimize_rewrite_like_perfect_affix)) return;
    walk(q, sel->where, 0);
    walk(q, sel->prewhere, 0);
    walk(q, sel->having, 0);
}
