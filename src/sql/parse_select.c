/* parse_select.c — SELECT queries, UNION chains, FROM/JOIN trees, ORDER BY, SETTINGS.
 *
 * Grammar (ClickHouse order of clauses):
 *   [WITH ...] SELECT [DISTINCT [ON (...)]] cols [FROM t [FINAL] [SAMPLE ...]
 *   [[LEFT] ARRAY JOIN ...] [joins...]] [PREWHERE e] [WHERE e]
 *   [GROUP BY ... [WITH ROLLUP|CUBE] [WITH TOTALS]] [HAVING e] [QUALIFY e]
 *   [ORDER BY ...] [LIMIT n [OFFSET m] BY cols] [LIMIT [m,] n [OFFSET m] [WITH TIES]]
 *   [OFFSET m [ROW|ROWS] [FETCH ...]] [SETTINGS ...]
 * and `sel UNION [ALL|DISTINCT] sel ...`, with parenthesised selects.
 */
#include <string.h>
#include <strings.h>

#include "parser.h"

static int parse_select(Parser *p, Ast **out);

int parse_settings_list(Parser *p, Ast ***items, int *n)
{
    *items = NULL;
    *n = 0;
    do {
        Ast *s = p_node(p, AST_SET_ITEM);
        int rc = p_ident(p, &s->name);
        if (rc) return rc;
        if (p_accept(p, TK_EQ)) {
            bool ok;
            if (p_is(p, TK_LBRACE)) {
                /* SET param_m = {'k': 1}: a map's text, kept as written */
                int depth = 0, start = p_tok(p)->pos, end;
                do {
                    if (p_is(p, TK_END)) return p_fail(p, "'}'");
                    if (p_is(p, TK_LBRACE)) depth++;
                    if (p_is(p, TK_RBRACE)) depth--;
                    end = p_tok(p)->pos + p_tok(p)->len;
                    p->i++;
                } while (depth > 0);
                s->a = ast_new(p->a, AST_LITERAL, start);
                s->a->lit.kind = FV_STRING;
                s->a->lit.str.s = arena_strndup(p->a, p->text + start, (size_t)(end - start));
                s->a->lit.str.len = (size_t)(end - start);
            } else if (p_is(p, TK_LBRACKET) || p_is(p, TK_LPAREN)) {
                if ((rc = parse_expr(p, &s->a))) return rc;
            } else if ((rc = parse_literal(p, &s->a, &ok))) {
                return rc;
            } else if (!ok) {
                /* SET x = word (e.g. SET format = JSON): keep as a string */
                Token *t = p_tok(p);
                if (t->kind != TK_WORD) return p_fail(p, "setting value");
                s->a = ast_new(p->a, AST_LITERAL, t->pos);
                s->a->lit.kind = FV_STRING;
                s->a->lit.str.s = p_tok_text(p, t);
                s->a->lit.str.len = (size_t)t->len;
                p->i++;
            }
        } else {
            /* SET x (true) */
            s->a = ast_new(p->a, AST_LITERAL, p_tok(p)->pos);
            s->a->lit.kind = FV_UINT;
            s->a->lit.u = 1;
        }
        ast_push(p->a, items, n, s);
    } while (p_accept(p, TK_COMMA));
    return 0;
}

int parse_order_list(Parser *p, Ast ***items, int *n)
{
    *items = NULL;
    *n = 0;
    do {
        Ast *o = p_node(p, AST_ORDER_ELEM);
        int rc = parse_expr_with_alias(p, &o->a, false);
        if (rc) return rc;
        if (p_accept_kw(p, "DESC") || p_accept_kw(p, "DESCENDING")) o->flags |= ORD_DESC;
        else if (p_accept_kw(p, "ASC") || p_accept_kw(p, "ASCENDING")) {}
        if (p_accept_kw(p, "NULLS")) {
            o->flags |= ORD_NULLS_SET;
            if (p_accept_kw(p, "FIRST")) o->flags |= ORD_NULLS_FIRST;
            else if ((rc = p_expect_kw(p, "LAST"))) return rc;
        }
        if (p_accept_kw(p, "COLLATE")) {
            char *c;
            if ((rc = p_string(p, &c, NULL))) return rc;
            o->comment = c;
        }
        if (p_accept_kws(p, "WITH", "FILL")) {
            o->flags |= ORD_WITH_FILL;
            if (p_accept_kw(p, "FROM") && (rc = parse_expr(p, &o->b))) return rc;
            if (p_accept_kw(p, "TO") && (rc = parse_expr(p, &o->c))) return rc;
            if (p_accept_kw(p, "STEP") && (rc = parse_expr(p, &o->d))) return rc;
        }
        ast_push(p->a, items, n, o);
    } while (p_accept(p, TK_COMMA));
    return 0;
}

/* One table: [db.]name | table_function(args) | (subquery) , then [FINAL] [AS alias] */
static int parse_table_atom(Parser *p, Ast **out)
{
    Ast *t = p_node(p, AST_TABLE);
    int rc;
    if (p_is(p, TK_LPAREN)) {
        Ast *e;
        int save = p->i;
        p->i++;
        if (p_is_kw(p, "SELECT") || p_is_kw(p, "WITH") || p_is(p, TK_LPAREN)) {
            p->i = save;
            if ((rc = parse_expr(p, &e))) return rc;
            if (e->kind != AST_SUBQUERY) return p_fail(p, "subquery");
            t->a = e;
        } else {
            /* parenthesised join tree */
            if ((rc = parse_table_expr(p, &e)) || (rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
            *out = e;
            return 0;
        }
    } else if ((p_is(p, TK_WORD) || p_is(p, TK_QIDENT)) && p_peek(p, 1)->kind == TK_LPAREN) {
        Ast *f;
        if ((rc = parse_expr(p, &f))) return rc;
        if (f->kind != AST_FUNC) return p_fail(p, "table function");
        t->a = f;
    } else {
        if ((rc = p_compound_name(p, &t->db, &t->name))) return rc;
    }
    if (p_accept_kw(p, "FINAL")) t->flags |= TBL_FINAL;
    if (p_accept_kw(p, "SAMPLE")) {
        Ast *s;
        if ((rc = parse_expr(p, &s))) return rc;
        t->b = s;
        if (p_accept_kw(p, "OFFSET") && (rc = parse_expr(p, &t->c))) return rc;
    }
    if (p_accept_kw(p, "AS")) {
        if ((rc = p_ident(p, &t->alias))) return rc;
    } else if (p_is(p, TK_QIDENT) || (p_is(p, TK_WORD) && !p_is_reserved(p, p_tok(p)))) {
        t->alias = p_ident_text(p, p_tok(p));
        p->i++;
    }
    if (p_accept_kw(p, "FINAL")) t->flags |= TBL_FINAL;
    *out = t;
    return 0;
}

/* Reads [GLOBAL] [LOCAL] [ANY|ALL|ASOF|SEMI|ANTI] [INNER|LEFT|RIGHT|FULL|CROSS|PASTE] [OUTER] JOIN */
static bool parse_join_head(Parser *p, Ast *j)
{
    int save = p->i;
    if (p_accept_kw(p, "GLOBAL")) j->flags |= JOIN_GLOBAL;
    p_accept_kw(p, "LOCAL");
    JoinStrict st = JS_DEFAULT;
    JoinKind k = JK_INNER;
    bool any_kw = false;
    for (int round = 0; round < 2; round++) {
        if (p_accept_kw(p, "ANY")) st = JS_ANY, any_kw = true;
        else if (p_accept_kw(p, "ALL")) st = JS_ALL, any_kw = true;
        else if (p_accept_kw(p, "ASOF")) st = JS_ASOF, any_kw = true;
        else if (p_accept_kw(p, "SEMI")) st = JS_SEMI, any_kw = true;
        else if (p_accept_kw(p, "ANTI")) st = JS_ANTI, any_kw = true;
        if (round == 0) {
            if (p_accept_kw(p, "INNER")) k = JK_INNER, any_kw = true;
            else if (p_accept_kw(p, "LEFT")) k = JK_LEFT, any_kw = true;
            else if (p_accept_kw(p, "RIGHT")) k = JK_RIGHT, any_kw = true;
            else if (p_accept_kw(p, "FULL")) k = JK_FULL, any_kw = true;
            else if (p_accept_kw(p, "CROSS")) k = JK_CROSS, any_kw = true;
            else if (p_accept_kw(p, "PASTE")) k = JK_PASTE, any_kw = true;
            p_accept_kw(p, "OUTER");
        }
    }
    if (!p_accept_kw(p, "JOIN")) {
        p->i = save;
        return false;
    }
    (void)any_kw;
    j->join_kind = k;
    j->join_strict = st;
    return true;
}

int parse_table_expr(Parser *p, Ast **out)
{
    Ast *left;
    int rc = parse_table_atom(p, &left);
    if (rc) return rc;
    for (;;) {
        Ast *j = p_node(p, AST_JOIN);
        if (p_accept(p, TK_COMMA)) {
            j->join_kind = JK_CROSS;
            j->flags |= JOIN_COMMA;
        } else if (!parse_join_head(p, j)) {
            break;
        }
        j->a = left;
        if ((rc = parse_table_atom(p, &j->b))) return rc;
        if (j->join_kind != JK_CROSS && j->join_kind != JK_PASTE) {
            if (p_accept_kw(p, "ON")) {
                if ((rc = parse_expr(p, &j->c))) return rc;
            } else if (p_accept_kw(p, "USING")) {
                bool paren = p_accept(p, TK_LPAREN);
                if ((rc = parse_expr_list(p, &j->args, &j->nargs, false))) return rc;
                if (paren && (rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
            } else {
                return p_fail(p, "ON or USING");
            }
        }
        left = j;
    }
    *out = left;
    return 0;
}

static int parse_with_list(Parser *p, SelectAst *s)
{
    do {
        Ast *e;
        int rc;
        /* name AS (subquery)  |  expr AS name */
        if ((p_is(p, TK_WORD) || p_is(p, TK_QIDENT)) && p_kw_at(p, 1, "AS") && p_peek(p, 2)->kind == TK_LPAREN) {
            char *name = p_ident_text(p, p_tok(p));
            p->i += 2;
            if ((rc = parse_expr(p, &e))) return rc;
            e->alias = name;
            if (e->kind == AST_SUBQUERY) e->flags |= FN_LAMBDA;   /* marks a CTE */
        } else if ((rc = parse_expr_with_alias(p, &e, false))) {
            return rc;
        }
        if (!e->alias) return p_fail(p, "AS alias in WITH");
        ast_push(p->a, &s->with, &s->nwith, e);
    } while (p_accept(p, TK_COMMA));
    return 0;
}

static int parse_limit(Parser *p, SelectAst *s)
{
    int rc;
    Ast *a, *b = NULL;
    if ((rc = parse_expr(p, &a))) return rc;
    if (p_accept(p, TK_COMMA)) {
        if ((rc = parse_expr(p, &b))) return rc;
        /* LIMIT offset, count */
        Ast *t = a;
        a = b;
        b = t;
    } else if (p_accept_kw(p, "OFFSET")) {
        if ((rc = parse_expr(p, &b))) return rc;
    }
    if (p_accept_kw(p, "BY")) {
        s->limit_by_limit = a;
        s->limit_by_offset = b;
        if ((rc = parse_expr_list(p, &s->limit_by, &s->nlimit_by, false))) return rc;
        if (p_accept_kw(p, "LIMIT")) return parse_limit(p, s);
        return 0;
    }
    s->limit = a;
    if (b) s->offset = b;
    if (p_accept_kws(p, "WITH", "TIES")) s->with_ties = true;
    return 0;
}

static int parse_group_by(Parser *p, SelectAst *s)
{
    int rc;
    if (p_accept_kw(p, "ALL")) {
        s->group_by_all = true;
    } else if (p_accept_kws(p, "GROUPING", "SETS")) {
        s->grouping_sets = true;
        if ((rc = p_expect(p, TK_LPAREN, "'('"))) return rc;
        do {
            Ast *e;
            if ((rc = parse_expr(p, &e))) return rc;
            ast_push(p->a, &s->group_by, &s->ngroup_by, e);
        } while (p_accept(p, TK_COMMA));
        if ((rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
    } else if ((p_is_kw(p, "ROLLUP") || p_is_kw(p, "CUBE")) && p_peek(p, 1)->kind == TK_LPAREN) {
        if (p_is_kw(p, "ROLLUP")) s->with_rollup = true;
        else s->with_cube = true;
        p->i += 2;
        if ((rc = parse_expr_list(p, &s->group_by, &s->ngroup_by, false)) || (rc = p_expect(p, TK_RPAREN, "')'")))
            return rc;
    } else if ((rc = parse_expr_list(p, &s->group_by, &s->ngroup_by, false))) {
        return rc;
    }
    for (;;) {
        if (p_accept_kws(p, "WITH", "ROLLUP")) s->with_rollup = true;
        else if (p_accept_kws(p, "WITH", "CUBE")) s->with_cube = true;
        else if (p_accept_kws(p, "WITH", "TOTALS")) s->with_totals = true;
        else return 0;
    }
}

static int parse_select(Parser *p, Ast **out)
{
    Ast *node = p_node(p, AST_SELECT);
    SelectAst *s = arena_alloc(p->a, sizeof *s);
    node->sel = s;
    int rc;
    if (p_accept_kw(p, "WITH") && (rc = parse_with_list(p, s))) return rc;
    if ((rc = p_expect_kw(p, "SELECT"))) return rc;
    if (p_accept_kw(p, "DISTINCT")) {
        s->distinct = true;
        if (p_accept_kw(p, "ON")) {
            if ((rc = p_expect(p, TK_LPAREN, "'('")) || (rc = parse_expr_list(p, &s->distinct_on, &s->ndistinct_on, false)) ||
                (rc = p_expect(p, TK_RPAREN, "')'")))
                return rc;
        }
    } else {
        p_accept_kw(p, "ALL");
    }
    if (p_is_kw(p, "TOP") && (p_peek(p, 1)->kind == TK_NUMBER || p_peek(p, 1)->kind == TK_LPAREN)) {   /* TOP n; else a column TOP */
        p->i++;
        if ((rc = parse_expr(p, &s->limit))) return rc;
    }
    if ((rc = parse_expr_list(p, &s->cols, &s->ncols, true))) return rc;
    if (p_accept_kw(p, "FROM") && (rc = parse_table_expr(p, &s->from))) return rc;
    /* ARRAY JOIN may follow the table or joins */
    for (;;) {
        bool left = false;
        if (p_is_kw(p, "LEFT") && p_kw_at(p, 1, "ARRAY") && p_kw_at(p, 2, "JOIN")) {
            left = true;
            p->i += 3;
        } else if (p_is_kw(p, "ARRAY") && p_kw_at(p, 1, "JOIN")) {
            p->i += 2;
        } else {
            break;
        }
        s->left_array_join = left;
        Ast **items;
        int n;
        if ((rc = parse_expr_list(p, &items, &n, true))) return rc;
        for (int i = 0; i < n; i++) ast_push(p->a, &s->array_join, &s->narray_join, items[i]);
    }
    if (p_accept_kw(p, "PREWHERE") && (rc = parse_expr(p, &s->prewhere))) return rc;
    if (p_accept_kw(p, "WHERE") && (rc = parse_expr(p, &s->where))) return rc;
    if (p_accept_kws(p, "GROUP", "BY") && (rc = parse_group_by(p, s))) return rc;
    if (p_accept_kws(p, "WITH", "TOTALS")) s->with_totals = true;
    if (p_accept_kw(p, "HAVING") && (rc = parse_expr(p, &s->having))) return rc;
    if (p_accept_kw(p, "WINDOW")) {
        do {
            char *name;
            Ast *spec;
            if ((rc = p_ident(p, &name)) || (rc = p_expect_kw(p, "AS")) || (rc = parse_window_spec(p, &spec))) return rc;
            char **names = arena_alloc(p->a, sizeof *names * (size_t)(s->nwin + 1));
            if (s->nwin) memcpy(names, s->win_names, sizeof *names * (size_t)s->nwin);
            names[s->nwin] = name;
            s->win_names = names;
            ast_push(p->a, &s->win_specs, &s->nwin, spec);
        } while (p_accept(p, TK_COMMA));
    }
    if (p_accept_kw(p, "QUALIFY") && (rc = parse_expr(p, &s->qualify))) return rc;
    if (p_accept_kws(p, "ORDER", "BY")) {
        if (p_is_kw(p, "ALL") && !(p_peek(p, 1)->kind == TK_DOT)) {
            p->i++;
            s->order_by_all = true;
            Ast *o = p_node(p, AST_ORDER_ELEM);
            if (p_accept_kw(p, "DESC")) o->flags |= ORD_DESC;
            else p_accept_kw(p, "ASC");
            ast_push(p->a, &s->order_by, &s->norder_by, o);
        } else if ((rc = parse_order_list(p, &s->order_by, &s->norder_by))) {
            return rc;
        }
    }
    if (p_accept_kw(p, "LIMIT") && (rc = parse_limit(p, s))) return rc;
    if (p_accept_kw(p, "OFFSET")) {
        if ((rc = parse_expr(p, &s->offset))) return rc;
        if (!p_accept_kw(p, "ROWS")) p_accept_kw(p, "ROW");
        if (p_accept_kw(p, "FETCH")) {
            if (!p_accept_kw(p, "FIRST")) p_expect_kw(p, "NEXT");
            if ((rc = parse_expr(p, &s->limit))) return rc;
            if (!p_accept_kw(p, "ROWS")) p_accept_kw(p, "ROW");
            if (p_accept_kw(p, "ONLY")) {}
            else if (p_accept_kws(p, "WITH", "TIES")) s->with_ties = true;
        }
    }
    if (s->ndistinct_on) {   /* DISTINCT ON (k) is LIMIT 1 BY k, as ClickHouse rewrites it */
        if (s->nlimit_by) return p_fail(p, "DISTINCT ON together with LIMIT BY");
        Ast *one = ast_new(p->a, AST_LITERAL, node->pos);
        one->lit.kind = FV_UINT;
        one->lit.u = 1;
        s->limit_by_limit = one;
        s->limit_by = s->distinct_on;
        s->nlimit_by = s->ndistinct_on;
        s->distinct_on = NULL;
        s->ndistinct_on = 0;
        s->distinct = false;
    }
    if (p_accept_kw(p, "SETTINGS") && (rc = parse_settings_list(p, &s->settings, &s->nsettings))) return rc;
    *out = node;
    return 0;
}

/* A union element: SELECT ... or ( union ) */
static int parse_union_elem(Parser *p, Ast **out)
{
    int rc;
    if (p_is(p, TK_LPAREN)) {
        p->i++;
        if ((rc = p_enter(p))) return rc;
        rc = parse_select_union(p, out);
        p_leave(p);
        if (rc) return rc;
        return p_expect(p, TK_RPAREN, "')'");
    }
    return parse_select(p, out);
}

int parse_select_union(Parser *p, Ast **out)
{
    Ast *u = p_node(p, AST_SELECT_UNION);
    Ast *first;
    int rc = parse_union_elem(p, &first);
    if (rc) return rc;
    ast_push(p->a, &u->args, &u->nargs, first);
    int *modes = NULL;
    int nmodes = 0, cap = 0;
    for (;;) {
        int mode;
        if (p_accept_kw(p, "UNION")) {
            mode = p_accept_kw(p, "ALL") ? UM_ALL : p_accept_kw(p, "DISTINCT") ? UM_DISTINCT : UM_DEFAULT;
        } else if (p_accept_kw(p, "EXCEPT")) {
            mode = p_accept_kw(p, "ALL") ? UM_EXCEPT_ALL : p_accept_kw(p, "DISTINCT") ? UM_EXCEPT_DISTINCT : UM_EXCEPT_DEFAULT;
        } else if (p_accept_kw(p, "INTERSECT")) {
            mode = p_accept_kw(p, "ALL") ? UM_INTERSECT_ALL : p_accept_kw(p, "DISTINCT") ? UM_INTERSECT_DISTINCT : UM_INTERSECT_DEFAULT;
        } else {
            break;
        }
        if (nmodes == cap) {
            cap = cap ? cap * 2 : 4;
            int *nm = arena_alloc(p->a, sizeof *nm * (size_t)cap);
            if (modes) memcpy(nm, modes, sizeof *nm * (size_t)nmodes);
            modes = nm;
        }
        modes[nmodes++] = mode;
        Ast *next;
        if ((rc = parse_union_elem(p, &next))) return rc;
        ast_push(p->a, &u->args, &u->nargs, next);
    }
    u->modes = modes;
    *out = u;
    return 0;
}

int parse_select_or_subquery_union(Parser *p, Ast **out)
{
    return parse_select_union(p, out);
}
