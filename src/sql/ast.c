/* ast.c — AST construction helpers, column names, SQL formatting, EXPLAIN AST dump.
 *
 * ast_column_name() reproduces ClickHouse's getColumnName(): the text that
 * becomes a result column's name when it has no alias (`plus(number, 1)`,
 * `'a'`, `1.`, `[1, 2]`, `CAST(x, 'String')`). It is user-visible in every
 * format with a header, so its exact bytes matter.
 */
#include "ast.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "../base/numfmt.h"
#include "../column/text.h"
#include "../column/type.h"

Ast *ast_new(Arena *a, AstKind kind, int pos)
{
    Ast *n = arena_alloc(a, sizeof *n);
    n->kind = kind;
    n->pos = pos;
    return n;
}

Ast *ast_ident(Arena *a, const char *name, int pos)
{
    Ast *n = ast_new(a, AST_IDENT, pos);
    n->name = arena_strdup(a, name);
    n->parts = arena_alloc(a, sizeof *n->parts);
    n->parts[0] = n->name;
    n->nparts = 1;
    return n;
}

Ast *ast_func(Arena *a, const char *name, int pos, int nargs, ...)
{
    Ast *f = ast_new(a, AST_FUNC, pos);
    f->name = arena_strdup(a, name);
    f->args = arena_alloc(a, sizeof *f->args * (size_t)(nargs ? nargs : 1));
    va_list ap;
    va_start(ap, nargs);
    for (int i = 0; i < nargs; i++) f->args[i] = va_arg(ap, Ast *);
    va_end(ap);
    f->nargs = nargs;
    return f;
}

void ast_push(Arena *a, Ast ***arr, int *n, Ast *item)
{
    /* Grow in powers of two; capacity is implied by n. */
    int cap = 4;
    while (cap < *n) cap *= 2;
    if (*n == 0 || *n == cap) {
        int ncap = *n == 0 ? 4 : cap * 2;
        Ast **na = arena_alloc(a, sizeof *na * (size_t)ncap);
        if (*n) memcpy(na, *arr, sizeof *na * (size_t)*n);
        *arr = na;
    }
    (*arr)[(*n)++] = item;
}

/* ---- literal text ---- */

static __thread bool P_on;          /* pretty mode: SQL, as EXPLAIN SYNTAX prints it */

void field_to_name(const Field *f, Buf *out)
{
    switch (f->kind) {
    case FV_NULL: buf_puts(out, "NULL"); break;
    case FV_UINT: buf_put_u64(out, f->u); break;
    case FV_INT: buf_put_i64(out, f->i); break;
    case FV_UINT128: fmt_u128(out, f->u128); break;
    case FV_BOOL: buf_puts(out, f->u ? "true" : "false"); break;
    case FV_FLOAT: {
        size_t start = out->len;
        fmt_double(out, f->f);
        bool plain = true;
        for (size_t i = start; i < out->len; i++)
            if (out->data[i] == '.' || out->data[i] == 'e' || out->data[i] == 'n' || out->data[i] == 'i') plain = false;
        if (plain) buf_putc(out, '.');
        break;
    }
    case FV_STRING: text_quote_sql(out, f->str.s, f->str.len); break;
    case FV_ARRAY: case FV_TUPLE:
        /* as SQL a one-element tuple is tuple(x): (x) would read back as x */
        buf_puts(out, f->kind == FV_ARRAY ? "[" : P_on && f->list.n == 1 ? "tuple(" : "(");
        for (int i = 0; i < f->list.n; i++) {
            if (i) buf_puts(out, ", ");
            field_to_name(&f->list.items[i], out);
        }
        buf_putc(out, f->kind == FV_ARRAY ? ']' : ')');
        break;
    }
}

/* Normalised type text for CAST names: parse and print canonically when possible. */
static void type_text_name(const Ast *lit, Buf *out)
{
    const DataType *t;
    Err e;
    if (type_parse_n(lit->lit.str.s, lit->lit.str.len, &t, &e) == 0) {
        text_quote_sql(out, t->name, strlen(t->name));
        return;
    }
    text_quote_sql(out, lit->lit.str.s, lit->lit.str.len);
}

static void args_name(const Ast *const *args, int n, Buf *out)
{
    for (int i = 0; i < n; i++) {
        if (i) buf_puts(out, ", ");
        ast_column_name(args[i], out);
    }
}

static __thread AstIdentNamer ident_namer;
static __thread void *ident_ctx;

void ast_set_ident_namer(AstIdentNamer f, void *ctx)
{
    ident_namer = f;
    ident_ctx = ctx;
}

void ast_column_name(const Ast *e, Buf *out)
{
    if (e->display) {
        buf_puts(out, e->display);
        return;
    }
    switch (e->kind) {
    case AST_IDENT:
        if (ident_namer && e->nparts > 1) {
            const char *n = ident_namer(ident_ctx, e);
            if (n) {
                buf_puts(out, n);
                return;
            }
        }
        buf_puts(out, e->name);
        return;
    case AST_LITERAL:
        field_to_name(&e->lit, out);
        return;
    case AST_ASTERISK:
        if (e->name) buf_printf(out, "%s.", e->name);
        buf_putc(out, '*');
        return;
    case AST_COLUMNS:
        buf_puts(out, "COLUMNS(...)");
        return;
    case AST_PARAM:
        buf_printf(out, "{%s:%s}", e->name, e->type_text);
        return;
    case AST_SUBQUERY:
        buf_puts(out, "_subquery");
        return;
    case AST_FUNC:
        break;
    default:
        buf_puts(out, "?");
        return;
    }
    if (!strcmp(e->name, "tuple") && e->nargs == 0 && (e->flags & FN_PARENS)) {
        buf_puts(out, "()");   /* the literal () */
        return;
    }
    if (strcmp(e->name, "array") == 0 && !(e->flags & FN_HAS_PARAMS)) {
        buf_putc(out, '[');
        args_name((const Ast *const *)e->args, e->nargs, out);
        buf_putc(out, ']');
        return;
    }
    if (strcmp(e->name, "tuple") == 0 && e->nargs >= 1 && !(e->flags & FN_LAMBDA)) {   /* tuple(x) is named (x) */
        buf_putc(out, '(');
        args_name((const Ast *const *)e->args, e->nargs, out);
        buf_putc(out, ')');
        return;
    }
    buf_puts(out, e->name);
    if (e->flags & FN_HAS_PARAMS) {
        buf_putc(out, '(');
        args_name((const Ast *const *)e->params, e->nparams, out);
        buf_putc(out, ')');
    }
    buf_putc(out, '(');
    for (int i = 0; i < e->nargs; i++) {
        if (i) buf_puts(out, ", ");
        const Ast *a = e->args[i];
        if (a->kind == AST_LITERAL && (a->flags & FN_CAST_LITERAL) && a->lit.kind == FV_STRING) type_text_name(a, out);
        else if (strcmp(e->name, "lambda") == 0 && i == 0 && a->kind == AST_FUNC) {
            buf_puts(out, "tuple(");
            args_name((const Ast *const *)a->args, a->nargs, out);
            buf_putc(out, ')');
        } else ast_column_name(a, out);
    }
    buf_putc(out, ')');
    if (e->over_name) buf_printf(out, " OVER %s", e->over_name);
}

static void bound_text(WinBound b, const Ast *off, Buf *out)
{
    if (b == WB_UNBOUNDED_PRECEDING) buf_puts(out, "UNBOUNDED PRECEDING");
    else if (b == WB_UNBOUNDED_FOLLOWING) buf_puts(out, "UNBOUNDED FOLLOWING");
    else if (b == WB_CURRENT_ROW) buf_puts(out, "CURRENT ROW");
    else {
        ast_column_name(off, out);
        buf_puts(out, b == WB_PRECEDING ? " PRECEDING" : " FOLLOWING");
    }
}

void ast_window_text(const Ast *w, Buf *out)
{
    const WindowFrame *fr = w->stmt;
    bool sp = false;
    buf_putc(out, '(');
    if (w->name) {
        buf_puts(out, w->name);
        sp = true;
    }
    if (w->nargs) {
        buf_puts(out, sp ? " PARTITION BY " : "PARTITION BY ");
        for (int i = 0; i < w->nargs; i++) {
            if (i) buf_puts(out, ", ");
            ast_column_name(w->args[i], out);
        }
        sp = true;
    }
    if (w->nparams) {
        buf_puts(out, sp ? " ORDER BY " : "ORDER BY ");
        for (int i = 0; i < w->nparams; i++) {
            const Ast *o = w->params[i];
            if (i) buf_puts(out, ", ");
            ast_column_name(o->a, out);
            buf_puts(out, o->flags & ORD_DESC ? " DESC" : " ASC");
            if (o->flags & ORD_NULLS_SET) buf_puts(out, o->flags & ORD_NULLS_FIRST ? " NULLS FIRST" : " NULLS LAST");
        }
        sp = true;
    }
    if (fr && fr->kind != WF_NONE) {
        buf_puts(out, sp ? " " : "");
        buf_puts(out, fr->kind == WF_ROWS ? "ROWS BETWEEN " : "RANGE BETWEEN ");
        bound_text(fr->start, fr->start_off, out);
        buf_puts(out, " AND ");
        bound_text(fr->end, fr->end_off, out);
    }
    buf_putc(out, ')');
}

/* ---- SQL formatting (EXPLAIN SYNTAX, SHOW CREATE) ----
 *
 * One-line mode (ast_format) prints a query on one line. Pretty mode
 * (ast_format_pretty) is ClickHouse's multi-line formatAST: each clause on
 * its own line, lists of several items one per indented line, subqueries
 * in parentheses on their own lines, and table names qualified with the
 * current database. The mode lives in thread-local state for the duration
 * of one call. */

static __thread int P_ind;          /* indentation level (4 spaces each) */
static __thread const char *P_db;   /* database to qualify bare table names with */
static __thread bool P_func;        /* operators in function form: plus(a, 1) (EXPLAIN SYNTAX) */
static __thread const SelectAst *P_scopes[64];
static __thread int P_nscopes;

static void p_nl(Buf *out)
{
    buf_putc(out, '\n');
    for (int i = 0; i < P_ind * 4; i++) buf_putc(out, ' ');
}

/* True if name is a CTE (WITH name AS (subquery)) visible here. */
static bool p_is_cte(const char *name)
{
    for (int k = 0; k < P_nscopes; k++)
        for (int i = 0; i < P_scopes[k]->nwith; i++) {
            const Ast *w = P_scopes[k]->with[i];
            if (w->alias && w->kind == AST_SUBQUERY && !strcmp(w->alias, name)) return true;
        }
    return false;
}

/* A subquery: "(" newline, the query one level deeper, newline ")". */
static void p_subquery(const Ast *q, Buf *out)
{
    buf_putc(out, '(');
    P_ind++;
    p_nl(out);
    ast_format(q, out);
    P_ind--;
    p_nl(out);
    buf_putc(out, ')');
}

/* A clause's list: one item on the same line, several on indented lines. */
static void p_list(Ast **items, int n, Buf *out, bool always_new_line)
{
    bool multi = n > 1 || always_new_line;
    if (!multi) buf_putc(out, ' ');
    P_ind++;
    for (int i = 0; i < n; i++) {
        if (i) buf_putc(out, ',');
        if (multi) p_nl(out);
        ast_format(items[i], out);
    }
    P_ind--;
}

static void fmt_list(Ast **items, int n, Buf *out)
{
    for (int i = 0; i < n; i++) {
        if (i) buf_puts(out, ", ");
        ast_format(items[i], out);
    }
}

/* An identifier. As SQL the words that would read as syntax are
 * backquoted: in EXPLAIN SYNTAX exactly those ClickHouse 26.7 quotes
 * (measured with the oracle); in the operator form (SHOW CREATE, the
 * parser's fuzz round trip) also the words of expression syntax, which
 * would otherwise read back as operators. A column's name keeps them bare. */
static bool is_expr_word(const char *name)
{
    static const char *const W[] = {"not", "and", "or", "case", "interval", "is", "between", "like", "ilike", "in", "global",
                                    "select", "with", "from", "distinct", "all", "exists", "array", NULL};
    for (int i = 0; W[i]; i++)
        if (!strcasecmp(name, W[i])) return true;
    return false;
}

static void fmt_ident(Buf *out, const char *name)
{
    static const char *const KEYWORDS[] = {"table", "all", "values", "from", "select", "null", "distinct", NULL};
    static const char *const EXPR_WORDS[] = {"not", "and", "or", "case", "when", "then", "else", "end", "interval", "is",
                                             "between", "like", "ilike", "in", "as", "div", "mod", "regexp", "global",
                                             "true", "false", "with", "inf", "nan", "infinity",   /* number words too */
                                             "limit", "where", "group", "order", "having", "settings", "format", "union",
                                             "prewhere", "qualify", "window", "offset", "except", "intersect", "into", "join",
                                             "array", "left", "right", "inner", "full", "cross", "on", "using", "final",
                                             "sample", "fetch", "over", "asc", "desc", "collate", "nulls", NULL};   /* clause words */
    for (int i = 0; P_on && KEYWORDS[i]; i++)
        if (!strcasecmp(name, KEYWORDS[i])) {
            buf_printf(out, "`%s`", name);
            return;
        }
    for (int i = 0; P_on && !P_func && EXPR_WORDS[i]; i++)
        if (!strcasecmp(name, EXPR_WORDS[i])) {
            buf_printf(out, "`%s`", name);
            return;
        }
    text_write_ident(out, name);
}

static void fmt_alias(const Ast *e, Buf *out)
{
    if (e->alias) {
        buf_puts(out, " AS ");
        fmt_ident(out, e->alias);
    }
}

static void fmt_table(const Ast *t, Buf *out)
{
    if (t->kind == AST_JOIN) {
        fmt_table(t->a, out);
        if (t->flags & JOIN_COMMA) {
            buf_puts(out, ", ");
        } else {
            static const char *K[] = {"INNER", "LEFT", "RIGHT", "FULL OUTER", "CROSS", "PASTE"};
            static const char *S[] = {"", "ALL ", "ANY ", "SEMI ", "ANTI ", "ASOF "};
            if (P_on) {
                p_nl(out);
                buf_printf(out, "%s%s JOIN ", S[t->join_strict], K[t->join_kind]);
            } else {
                buf_printf(out, " %s%s JOIN ", S[t->join_strict], K[t->join_kind]);
            }
        }
        fmt_table(t->b, out);
        if (t->c) {
            buf_puts(out, " ON ");
            ast_format(t->c, out);
        } else if (t->nargs) {
            buf_puts(out, " USING (");
            fmt_list(t->args, t->nargs, out);
            buf_putc(out, ')');
        }
        return;
    }
    if (t->a) {
        if (t->a->kind == AST_SUBQUERY && P_on) {
            p_subquery(t->a->a, out);
        } else if (t->a->kind == AST_SUBQUERY) {
            buf_putc(out, '(');
            ast_format(t->a->a, out);
            buf_putc(out, ')');
        } else {
            ast_format(t->a, out);
        }
    } else {
        if (t->db || (P_on && P_db && !p_is_cte(t->name))) {
            fmt_ident(out, t->db ? t->db : P_db);
            buf_putc(out, '.');
        }
        fmt_ident(out, t->name);
    }
    if (t->flags & TBL_FINAL) buf_puts(out, " FINAL");
    fmt_alias(t, out);
}

/* WINDOW w AS (...), ...: each window as written. */
static void fmt_windows(const SelectAst *s, Buf *out)
{
    for (int i = 0; i < s->nwin; i++) {
        if (i) buf_puts(out, ", ");
        fmt_ident(out, s->win_names[i]);
        buf_printf(out, " AS %s", s->win_specs[i]->type_text);
    }
}

static void fmt_select_pretty(const SelectAst *s, Buf *out)
{
    if (P_nscopes < 64) P_scopes[P_nscopes++] = s;
    if (s->nwith) {
        buf_puts(out, "WITH");
        p_list(s->with, s->nwith, out, true);
        p_nl(out);
    }
    buf_puts(out, s->distinct ? "SELECT DISTINCT" : "SELECT");
    p_list(s->cols, s->ncols, out, false);
    if (s->from) {
        p_nl(out);
        buf_puts(out, "FROM");
        if (s->from->kind == AST_TABLE && s->from->a && s->from->a->kind == AST_SUBQUERY) p_nl(out);
        else buf_putc(out, ' ');
        fmt_table(s->from, out);
    } else if (P_func) {
        /* a SELECT without FROM reads system.one: EXPLAIN SYNTAX says so */
        p_nl(out);
        buf_puts(out, "FROM system.one");
    }
    if (s->narray_join) {
        p_nl(out);
        buf_puts(out, s->left_array_join ? "LEFT ARRAY JOIN" : "ARRAY JOIN");
        p_list(s->array_join, s->narray_join, out, false);
    }
    if (s->prewhere) { p_nl(out); buf_puts(out, "PREWHERE "); ast_format(s->prewhere, out); }
    if (s->where) { p_nl(out); buf_puts(out, "WHERE "); ast_format(s->where, out); }
    if (s->ngroup_by) { p_nl(out); buf_puts(out, "GROUP BY"); p_list(s->group_by, s->ngroup_by, out, false); }
    if (s->with_totals) { p_nl(out); buf_puts(out, "WITH TOTALS"); }
    if (s->having) { p_nl(out); buf_puts(out, "HAVING "); ast_format(s->having, out); }
    if (s->nwin) { p_nl(out); buf_puts(out, "WINDOW "); fmt_windows(s, out); }
    if (s->qualify) { p_nl(out); buf_puts(out, "QUALIFY "); ast_format(s->qualify, out); }
    if (s->norder_by) { p_nl(out); buf_puts(out, "ORDER BY"); p_list(s->order_by, s->norder_by, out, false); }
    if (s->limit_by_limit) {
        p_nl(out);
        buf_puts(out, "LIMIT ");
        ast_format(s->limit_by_limit, out);
        buf_puts(out, " BY");
        p_list(s->limit_by, s->nlimit_by, out, false);
    }
    if (s->limit) {
        p_nl(out);
        buf_puts(out, "LIMIT ");
        if (s->offset) {
            ast_format(s->offset, out);
            buf_puts(out, ", ");
        }
        ast_format(s->limit, out);
    } else if (s->offset) {
        p_nl(out);
        buf_puts(out, "OFFSET ");
        ast_format(s->offset, out);
    }
    if (s->nsettings) {
        p_nl(out);
        buf_puts(out, "SETTINGS ");
        fmt_list(s->settings, s->nsettings, out);
    }
    P_nscopes--;
}

static void fmt_select(const SelectAst *s, Buf *out)
{
    if (P_on) {
        fmt_select_pretty(s, out);
        return;
    }
    if (s->nwith) {
        buf_puts(out, "WITH ");
        fmt_list(s->with, s->nwith, out);
        buf_putc(out, ' ');
    }
    buf_puts(out, "SELECT ");
    if (s->distinct) buf_puts(out, "DISTINCT ");
    fmt_list(s->cols, s->ncols, out);
    if (s->from) {
        buf_puts(out, " FROM ");
        fmt_table(s->from, out);
    } else if (P_func) {
        /* a SELECT without FROM reads system.one: EXPLAIN SYNTAX says so */
        p_nl(out);
        buf_puts(out, "FROM system.one");
    }
    if (s->narray_join) {
        buf_puts(out, s->left_array_join ? " LEFT ARRAY JOIN " : " ARRAY JOIN ");
        fmt_list(s->array_join, s->narray_join, out);
    }
    if (s->prewhere) { buf_puts(out, " PREWHERE "); ast_format(s->prewhere, out); }
    if (s->where) { buf_puts(out, " WHERE "); ast_format(s->where, out); }
    if (s->ngroup_by) { buf_puts(out, " GROUP BY "); fmt_list(s->group_by, s->ngroup_by, out); }
    if (s->with_totals) buf_puts(out, " WITH TOTALS");
    if (s->having) { buf_puts(out, " HAVING "); ast_format(s->having, out); }
    if (s->nwin) { buf_puts(out, " WINDOW "); fmt_windows(s, out); }
    if (s->qualify) { buf_puts(out, " QUALIFY "); ast_format(s->qualify, out); }
    if (s->norder_by) { buf_puts(out, " ORDER BY "); fmt_list(s->order_by, s->norder_by, out); }
    if (s->limit_by_limit) {
        buf_puts(out, " LIMIT ");
        ast_format(s->limit_by_limit, out);
        buf_puts(out, " BY ");
        fmt_list(s->limit_by, s->nlimit_by, out);
    }
    if (s->limit) { buf_puts(out, " LIMIT "); ast_format(s->limit, out); }
    if (s->offset) { buf_puts(out, " OFFSET "); ast_format(s->offset, out); }
}

static const struct { const char *name, *sym; int kind; } OPS[] = {
    /* kind: 2 binary, 1 prefix, 3 postfix, 4 n-ary */
    {"plus", "+", 2}, {"minus", "-", 2}, {"multiply", "*", 2}, {"divide", "/", 2}, {"modulo", "%", 2},
    {"intDiv", "DIV", 2}, {"equals", "=", 2}, {"notEquals", "!=", 2}, {"less", "<", 2}, {"greater", ">", 2},
    {"lessOrEquals", "<=", 2}, {"greaterOrEquals", ">=", 2}, {"like", "LIKE", 2}, {"notLike", "NOT LIKE", 2},
    {"ilike", "ILIKE", 2}, {"notILike", "NOT ILIKE", 2}, {"in", "IN", 2}, {"notIn", "NOT IN", 2},
    {"globalIn", "GLOBAL IN", 2}, {"globalNotIn", "GLOBAL NOT IN", 2}, {"isNotDistinctFrom", "<=>", 2},
    {"and", "AND", 4}, {"or", "OR", 4}, {"not", "NOT", 1}, {"negate", "-", 1}, {"isNull", "IS NULL", 3},
    {"isNotNull", "IS NOT NULL", 3},
};

static int op_index(const Ast *e)
{
    if (e->kind != AST_FUNC || (e->flags & FN_HAS_PARAMS)) return -1;
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
        if (!strcmp(OPS[i].name, e->name) || (OPS[i].kind != 2 && !strcasecmp(OPS[i].name, e->name))) {   /* NOT(x) is not(x) */
            int k = OPS[i].kind;
            if ((k == 2 && e->nargs == 2) || ((k == 1 || k == 3) && e->nargs == 1) || (k == 4 && e->nargs >= 2)) return (int)i;
        }
    return -1;
}

/* An operand of an operator: parenthesised when it is an operator itself, as ClickHouse prints. */
static void fmt_operand(const Ast *a, Buf *out)
{
    /* an operator, or a lambda (its body would take in what follows: (x -> x) + 1) */
    bool lambda = a->kind == AST_FUNC && !strcmp(a->name, "lambda") && a->nargs == 2 && a->args[0]->kind == AST_FUNC;
    bool paren = (op_index(a) >= 0 || lambda) && !a->alias;
    if (paren) buf_putc(out, '(');
    ast_format(a, out);
    if (paren) buf_putc(out, ')');
}

/* Whether "-" and this operand's text would read back as something else:
 * a number (-1 reads back as the literal -1, -0 as 0, --1 as a comment),
 * or another minus. */
static bool negate_needs_parens(const Ast *a)
{
    if (a->alias) return false;
    if (a->kind == AST_LITERAL) return a->lit.kind == FV_INT || a->lit.kind == FV_UINT || a->lit.kind == FV_FLOAT;
    int i = op_index(a);
    return i >= 0 && !strcmp(OPS[i].sym, "-") && OPS[i].kind == 1;
}

static bool fmt_operator(const Ast *e, Buf *out)
{
    int i = op_index(e);
    if (i < 0 || P_func) return false;
    switch (OPS[i].kind) {
    case 1:
        buf_puts(out, OPS[i].sym);
        if (strcmp(OPS[i].sym, "-") != 0) buf_putc(out, ' ');
        else if (negate_needs_parens(e->args[0])) {   /* -(-1), -(0): not the comment --1 nor the literal -0 */
            buf_putc(out, '(');
            ast_format(e->args[0], out);
            buf_putc(out, ')');
            return true;
        }
        fmt_operand(e->args[0], out);
        return true;
    case 3:
        fmt_operand(e->args[0], out);
        buf_printf(out, " %s", OPS[i].sym);
        return true;
    default:
        for (int k = 0; k < e->nargs; k++) {
            if (k) buf_printf(out, " %s ", OPS[i].sym);
            if (OPS[i].kind == 2 && k == 1 && (!strcmp(e->name, "in") || !strcmp(e->name, "notIn")) &&
                e->args[1]->kind == AST_LITERAL && e->args[1]->lit.kind != FV_TUPLE) {
                buf_putc(out, '(');
                ast_format(e->args[1], out);
                buf_putc(out, ')');
                continue;
            }
            if (P_on && e->args[k]->kind == AST_SUBQUERY && !e->args[k]->alias) {
                p_subquery(e->args[k]->a, out);
                continue;
            }
            fmt_operand(e->args[k], out);
        }
        return true;
    }
}

static void fmt_func(const Ast *e, Buf *out)
{
    if (fmt_operator(e, out)) return;
    if (!strcmp(e->name, "lambda") && e->nargs == 2 && e->args[0]->kind == AST_FUNC) {
        const Ast *ps = e->args[0];
        if (ps->nargs == 1) ast_format(ps->args[0], out);
        else {
            buf_putc(out, '(');
            fmt_list(ps->args, ps->nargs, out);
            buf_putc(out, ')');
        }
        buf_puts(out, " -> ");
        fmt_operand(e->args[1], out);
        return;
    }
    if (!strcmp(e->name, "tupleElement") && e->nargs == 2 && e->args[1]->kind == AST_LITERAL && e->args[1]->lit.kind == FV_UINT) {
        const Ast *t = e->args[0];
        bool number = t->kind == AST_LITERAL && !t->alias && (t->lit.kind == FV_UINT || t->lit.kind == FV_INT || t->lit.kind == FV_FLOAT);
        if (number) buf_putc(out, '(');   /* (0).1, not the number 0.1 */
        fmt_operand(t, out);
        if (number) buf_putc(out, ')');
        buf_printf(out, ".%llu", (unsigned long long)e->args[1]->lit.u);
        return;
    }
    if (!strcmp(e->name, "arrayElement") && e->nargs == 2) {
        fmt_operand(e->args[0], out);
        buf_putc(out, '[');
        ast_format(e->args[1], out);
        buf_putc(out, ']');
        return;
    }
    if (!strcmp(e->name, "array") && !(e->flags & FN_HAS_PARAMS)) {
        buf_putc(out, '[');
        fmt_list(e->args, e->nargs, out);
        buf_putc(out, ']');
        return;
    }
    if (!strcmp(e->name, "tuple") && e->nargs > 1) {
        buf_putc(out, '(');
        fmt_list(e->args, e->nargs, out);
        buf_putc(out, ')');
        return;
    }
    if (op_index(e) < 0 && is_expr_word(e->name)) fmt_ident(out, e->name);   /* `not`(a, b): a call, not the operator */
    else buf_puts(out, e->name);
    if (e->flags & FN_HAS_PARAMS) {
        buf_putc(out, '(');
        fmt_list(e->params, e->nparams, out);
        buf_putc(out, ')');
    }
    buf_putc(out, '(');
    for (int i = 0; i < e->nargs; i++) {
        if (i) buf_puts(out, ", ");
        const Ast *a = e->args[i];
        if (a->kind == AST_LITERAL && (a->flags & FN_CAST_LITERAL) && a->lit.kind == FV_STRING) type_text_name(a, out);
        else ast_format(a, out);
    }
    buf_putc(out, ')');
}

void ast_format(const Ast *e, Buf *out)
{
    if (!e) return;
    switch (e->kind) {
    case AST_IDENT: {
        for (int i = 0; i < e->nparts; i++) {
            if (i) buf_putc(out, '.');
            fmt_ident(out, e->parts[i]);
        }
        break;
    }
    case AST_SELECT_UNION:
        for (int i = 0; i < e->nargs; i++) {
            if (i) {
                static const char *M[] = {"UNION", "UNION ALL", "UNION DISTINCT", "EXCEPT ALL", "EXCEPT DISTINCT",
                                          "INTERSECT ALL", "INTERSECT DISTINCT", "EXCEPT", "INTERSECT"};
                if (P_on) {
                    p_nl(out);
                    buf_puts(out, M[e->modes[i - 1]]);
                    p_nl(out);
                } else {
                    buf_printf(out, " %s ", M[e->modes[i - 1]]);
                }
            }
            ast_format(e->args[i], out);
        }
        return;
    case AST_SELECT:
        fmt_select(e->sel, out);
        return;
    case AST_SUBQUERY:
        buf_putc(out, '(');
        ast_format(e->a, out);
        buf_putc(out, ')');
        break;
    case AST_ORDER_ELEM:
        ast_format(e->a, out);
        buf_puts(out, e->flags & ORD_DESC ? " DESC" : " ASC");   /* ClickHouse always writes the direction */
        if (e->flags & ORD_NULLS_SET) buf_puts(out, e->flags & ORD_NULLS_FIRST ? " NULLS FIRST" : " NULLS LAST");
        return;
    case AST_TABLE: case AST_JOIN:
        fmt_table(e, out);
        return;
    case AST_SET_ITEM:
        text_write_ident(out, e->name);   /* quoted when it is not a plain word */
        buf_puts(out, " = ");
        ast_format(e->a, out);
        return;
    case AST_FUNC:
        fmt_func(e, out);
        if (e->over_name) {   /* the window as written, or the WINDOW clause's name */
            buf_puts(out, " OVER ");
            if (e->over) buf_puts(out, e->over_name);
            else fmt_ident(out, e->over_name);
        }
        break;
    default:
        ast_column_name(e, out);
        break;
    }
    fmt_alias(e, out);
}

void ast_format_pretty(const Ast *e, Buf *out, const char *db)
{
    bool on = P_on;
    int ind = P_ind, ns = P_nscopes;
    const char *pdb = P_db;
    P_on = true, P_ind = 0, P_db = db, P_nscopes = 0;
    ast_format(e, out);
    P_on = on, P_ind = ind, P_db = pdb, P_nscopes = ns;
}

void ast_format_explain(const Ast *e, Buf *out)
{
    bool f = P_func;
    P_func = true;
    ast_format_pretty(e, out, NULL);
    P_func = f;
}

/* ---- EXPLAIN AST ---- */

static void dump_line(Buf *out, int depth, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void dump_line(Buf *out, int depth, const char *fmt, ...)
{
    for (int i = 0; i < depth; i++) buf_putc(out, ' ');
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(out, fmt, ap);
    va_end(ap);
}

static void dump_children_suffix(Buf *out, int n)
{
    if (n) buf_printf(out, " (children %d)", n);
    buf_putc(out, '\n');
}

static void dump_list(Ast **items, int n, Buf *out, int depth)
{
    dump_line(out, depth, "ExpressionList");
    dump_children_suffix(out, n);
    for (int i = 0; i < n; i++) ast_dump(items[i], out, depth + 1);
}

static void field_dump(const Field *f, Buf *out)
{
    switch (f->kind) {
    case FV_UINT: buf_printf(out, "UInt64_%llu", (unsigned long long)f->u); break;
    case FV_INT: buf_printf(out, "Int64_%lld", (long long)f->i); break;
    case FV_FLOAT: buf_puts(out, "Float64_"); fmt_double(out, f->f); break;
    case FV_BOOL: buf_printf(out, "Bool_%d", (int)f->u); break;
    case FV_NULL: buf_puts(out, "NULL"); break;
    case FV_STRING: text_quote_sql(out, f->str.s, f->str.len); break;
    case FV_ARRAY: case FV_TUPLE:
        buf_puts(out, f->kind == FV_ARRAY ? "Array_[" : "Tuple_(");
        for (int i = 0; i < f->list.n; i++) {
            if (i) buf_puts(out, ", ");
            field_dump(&f->list.items[i], out);
        }
        buf_putc(out, f->kind == FV_ARRAY ? ']' : ')');
        break;
    default: break;
    }
}

static void dump_alias(const Ast *e, Buf *out)
{
    if (e->alias) buf_printf(out, " (alias %s)", e->alias);
}

static void dump_table_elem(const Ast *t, Buf *out, int depth)
{
    if (t->kind == AST_JOIN) {
        dump_table_elem(t->a, out, depth);
        int kids = 1 + (t->c || t->nargs || 1);
        dump_line(out, depth, "TablesInSelectQueryElement");
        dump_children_suffix(out, kids);
        dump_line(out, depth + 1, "TableExpression (children 1)\n");
        const Ast *r = t->b;
        if (r->a) ast_dump(r->a, out, depth + 2);
        else {
            dump_line(out, depth + 2, "TableIdentifier %s%s%s", r->db ? r->db : "", r->db ? "." : "", r->name);
            dump_alias(r, out);
            buf_putc(out, '\n');
        }
        dump_line(out, depth + 1, "TableJoin");
        if (t->c) {
            dump_children_suffix(out, 1);
            ast_dump(t->c, out, depth + 2);
        } else if (t->nargs) {
            dump_children_suffix(out, 1);
            dump_list(t->args, t->nargs, out, depth + 2);
        } else {
            buf_putc(out, '\n');
        }
        return;
    }
    dump_line(out, depth, "TablesInSelectQueryElement (children 1)\n");
    dump_line(out, depth + 1, "TableExpression (children 1)\n");
    if (t->a) {
        ast_dump(t->a, out, depth + 2);
    } else {
        dump_line(out, depth + 2, "TableIdentifier %s%s%s", t->db ? t->db : "", t->db ? "." : "", t->name);
        dump_alias(t, out);
        buf_putc(out, '\n');
    }
}

static int count_tables(const Ast *t) { return t->kind == AST_JOIN ? count_tables(t->a) + 1 : 1; }

static void dump_select(const SelectAst *s, Buf *out, int depth)
{
    int kids = (s->nwith > 0) + 1 + (s->from != NULL) + (s->prewhere != NULL) + (s->where != NULL) + (s->ngroup_by > 0) +
               (s->having != NULL) + (s->norder_by > 0) + (s->limit_by_limit ? 2 : 0) + (s->offset != NULL) + (s->limit != NULL);
    dump_line(out, depth, "SelectQuery");
    dump_children_suffix(out, kids);
    if (s->nwith) dump_list(s->with, s->nwith, out, depth + 1);
    dump_list(s->cols, s->ncols, out, depth + 1);
    if (s->from) {
        dump_line(out, depth + 1, "TablesInSelectQuery");
        dump_children_suffix(out, count_tables(s->from));
        dump_table_elem(s->from, out, depth + 2);
    }
    if (s->prewhere) ast_dump(s->prewhere, out, depth + 1);
    if (s->where) ast_dump(s->where, out, depth + 1);
    if (s->ngroup_by) dump_list(s->group_by, s->ngroup_by, out, depth + 1);
    if (s->having) ast_dump(s->having, out, depth + 1);
    if (s->norder_by) dump_list(s->order_by, s->norder_by, out, depth + 1);
    if (s->limit_by_limit) {
        ast_dump(s->limit_by_limit, out, depth + 1);
        dump_list(s->limit_by, s->nlimit_by, out, depth + 1);
    }
    if (s->offset) ast_dump(s->offset, out, depth + 1);
    if (s->limit) ast_dump(s->limit, out, depth + 1);
}

void ast_dump(const Ast *e, Buf *out, int depth)
{
    switch (e->kind) {
    case AST_SELECT_UNION:
        dump_line(out, depth, "SelectWithUnionQuery (children 1)\n");
        dump_list(e->args, e->nargs, out, depth + 1);
        return;
    case AST_SELECT:
        dump_select(e->sel, out, depth);
        return;
    case AST_IDENT:
        dump_line(out, depth, "Identifier %s", e->name);
        dump_alias(e, out);
        buf_putc(out, '\n');
        return;
    case AST_LITERAL:
        dump_line(out, depth, "Literal ");
        field_dump(&e->lit, out);
        dump_alias(e, out);
        buf_putc(out, '\n');
        return;
    case AST_ASTERISK:
        if (e->name) {
            dump_line(out, depth, "QualifiedAsterisk (children 1)\n");
            dump_line(out, depth + 1, "Identifier %s\n", e->name);
        } else {
            dump_line(out, depth, "Asterisk\n");
        }
        return;
    case AST_FUNC: {
        dump_line(out, depth, "Function %s", e->name);
        dump_alias(e, out);
        int kids = 1 + ((e->flags & FN_HAS_PARAMS) != 0);
        dump_children_suffix(out, kids);
        dump_list(e->args, e->nargs, out, depth + 1);
        if (e->flags & FN_HAS_PARAMS) dump_list(e->params, e->nparams, out, depth + 1);
        return;
    }
    case AST_SUBQUERY:
        dump_line(out, depth, "Subquery");
        dump_alias(e, out);
        dump_children_suffix(out, 1);
        ast_dump(e->a, out, depth + 1);
        return;
    case AST_ORDER_ELEM:
        dump_line(out, depth, "OrderByElement (children 1)\n");
        ast_dump(e->a, out, depth + 1);
        return;
    case AST_PARAM:
        dump_line(out, depth, "QueryParameter %s:%s\n", e->name, e->type_text);
        return;
    default: {
        Buf tmp = {0};
        ast_format(e, &tmp);
        dump_line(out, depth, "%.*s\n", (int)tmp.len, tmp.data);
        buf_free(&tmp);
        return;
    }
    }
}
