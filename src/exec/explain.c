/* explain.c — EXPLAIN PLAN: walks an operator tree and draws it the way
 * ClickHouse 26 does:
 *
 *   Filter ((WHERE + Change column names to column identifiers))
 *   │  Filter column: number > 5
 *   └──ReadFromSystemNumbers
 *         Output: number
 *
 * Each operator describes itself (OpVt.describe: step name, detail lines,
 * children); projections are hidden, as ClickHouse folds expression steps
 * into its neighbours. Expressions print in SQL with infix operators. */
#include <string.h>

#include "../column/text.h"
#include "op.h"

/* ---- expressions as SQL ---- */

static const struct { const char *fn, *op; int prec; } INFIX[] = {
    {"or", "OR", 1}, {"and", "AND", 2}, {"equals", "=", 4}, {"notEquals", "!=", 4}, {"less", "<", 4},
    {"greater", ">", 4}, {"lessOrEquals", "<=", 4}, {"greaterOrEquals", ">=", 4}, {"like", "LIKE", 4},
    {"notLike", "NOT LIKE", 4}, {"ilike", "ILIKE", 4}, {"notILike", "NOT ILIKE", 4}, {"in", "IN", 4},
    {"notIn", "NOT IN", 4}, {"plus", "+", 5}, {"minus", "-", 5}, {"multiply", "*", 6}, {"divide", "/", 6},
    {"modulo", "MOD", 6}, {"intDiv", "DIV", 6},
};

static int prec_of(const Expr *e, const char **op)
{
    if (e->kind != EX_FUNC || !e->call) return 10;
    const char *n = e->call->def->name;
    for (size_t i = 0; i < sizeof INFIX / sizeof INFIX[0]; i++)
        if (!strcmp(INFIX[i].fn, n) && e->nargs >= 2) {
            if (op) *op = INFIX[i].op;
            return INFIX[i].prec;
        }
    if (!strcmp(n, "not") && e->nargs == 1) return 3;
    if (!strcmp(n, "negate") && e->nargs == 1) return 7;
    if ((!strcmp(n, "isNull") || !strcmp(n, "isNotNull")) && e->nargs == 1) return 9;
    return 10;
}

/* A constant as ClickHouse prints a literal: arrays and tuples with ", ". */
static void const_sql(const Column *c, size_t row, Buf *out)
{
    if (c->is_const) row = 0;
    TypeKind k = c->type->kind;
    if (k == TYPE_ARRAY || k == TYPE_TUPLE) {
        bool arr = k == TYPE_ARRAY;
        size_t b = arr ? (size_t)col_off_begin(c, row) : 0, e = arr ? (size_t)col_off_end(c, row) : (size_t)c->type->nsub;
        buf_putc(out, arr ? '[' : '(');
        for (size_t i = b; i < e; i++) {
            if (i > b) buf_puts(out, ", ");
            if (arr) const_sql(c->sub[0], i, out);
            else const_sql(c->sub[i], row, out);
        }
        buf_putc(out, arr ? ']' : ')');
        return;
    }
    FormatSettings fs;
    format_settings_default(&fs);
    text_write(out, c, row, TS_QUOTED, &fs);
}

static void expr_sql_prec(const Expr *e, Op *in, Buf *out, int min_prec)
{
    const char *op = NULL;
    int p = prec_of(e, &op);
    bool paren = p < min_prec;
    if (paren) buf_putc(out, '(');
    switch (e->kind) {
    case EX_INPUT:
        if (in && e->input >= 0 && e->input < in->ncols) op_column_sql(in, e->input, out);
        else buf_puts(out, e->name ? e->name : "?");
        break;
    case EX_CONST:
        const_sql(e->value, 0, out);
        break;
    case EX_FUNC: {
        const char *n = e->call ? e->call->def->name : e->name;
        if (op && (!strcmp(n, "in") || !strcmp(n, "notIn")) && e->args[1]->kind == EX_CONST &&
            e->args[1]->value->type->kind == TYPE_ARRAY) {
            /* the set of IN: (1, 2) */
            expr_sql_prec(e->args[0], in, out, p + 1);
            buf_printf(out, " %s (", op);
            Column *arr = e->args[1]->value;
            FormatSettings fs;
            format_settings_default(&fs);
            for (uint64_t k = 0; k < col_off_end(arr, 0); k++) {
                if (k) buf_puts(out, ", ");
                text_write(out, arr->sub[0], (size_t)k, TS_QUOTED, &fs);
            }
            buf_putc(out, ')');
        } else if (op) {
            for (int i = 0; i < e->nargs; i++) {
                if (i) buf_printf(out, " %s ", op);
                expr_sql_prec(e->args[i], in, out, i ? p + 1 : p);
            }
        } else if (p == 3) {
            buf_puts(out, "NOT ");
            expr_sql_prec(e->args[0], in, out, 3);
        } else if (p == 7) {
            buf_putc(out, '-');
            expr_sql_prec(e->args[0], in, out, 7);
        } else if (p == 9) {
            expr_sql_prec(e->args[0], in, out, 10);
            buf_puts(out, strcmp(n, "isNull") ? " IS NOT NULL" : " IS NULL");
        } else {
            buf_printf(out, "%s(", n);
            for (int i = 0; i < e->nargs; i++) {
                if (i) buf_puts(out, ", ");
                expr_sql_prec(e->args[i], in, out, 0);
            }
            buf_putc(out, ')');
        }
        break;
    }
    default:
        buf_puts(out, e->name ? e->name : "?");
        break;
    }
    if (paren) buf_putc(out, ')');
}

void expr_sql(const Expr *e, Op *in, Buf *out) { expr_sql_prec(e, in, out, 0); }

/* ---- the tree ---- */

static void describe(Op *op, PlanDesc *d)
{
    memset(d, 0, sizeof *d);
    d->name = op->label ? op->label : op->vt->name;
    if (op->vt->describe) op->vt->describe(op, d);
}

/* The operator that is shown for op: hidden ones are skipped. */
static Op *shown(Op *op)
{
    for (int guard = 0; op && guard < 1000; guard++) {
        PlanDesc d;
        describe(op, &d);
        bool hide = d.hidden && d.nchildren == 1;
        Op *child = d.children[0];
        buf_free(&d.details);
        buf_free(&d.inner_details);
        if (!hide) return op;
        op = child;
    }
    return op;
}

static void detail_lines(const Buf *details, const char *rest, bool has_children, Buf *out)
{
    const char *p = details->data ? details->data : "", *end = p + details->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        buf_printf(out, "%s%s%.*s\n", rest, has_children ? "│  " : "   ", (int)(nl - p), p);
        p = nl + 1;
    }
}

static void draw(Op *op, const char *first, const char *rest, Buf *out)
{
    op = shown(op);
    PlanDesc d;
    describe(op, &d);
    buf_printf(out, "%s%s\n", first, d.name);
    detail_lines(&d.details, rest, d.nchildren || d.inner_name, out);
    Buf inner_rest = {0};
    if (d.inner_name) {
        /* the inner step: the single child of this one */
        buf_printf(out, "%s└──%s\n", rest, d.inner_name);
        buf_printf(&inner_rest, "%s   ", rest);
        rest = buf_cstr(&inner_rest);
        detail_lines(&d.inner_details, rest, d.nchildren > 0, out);
    }
    for (int i = 0; i < d.nchildren; i++) {
        bool last = i + 1 == d.nchildren;
        Buf f = {0}, r = {0};
        buf_printf(&f, "%s%s", rest, last ? "└──" : "├──");
        buf_printf(&r, "%s%s", rest, last ? "   " : "│  ");
        draw(d.children[i], buf_cstr(&f), buf_cstr(&r), out);
        buf_free(&f);
        buf_free(&r);
    }
    buf_free(&d.details);
    buf_free(&d.inner_details);
    buf_free(&inner_rest);
}

void op_explain(Op *root, Buf *out)
{
    buf_puts(out, "Output: ");
    for (int i = 0; i < root->ncols; i++) {
        if (i) buf_puts(out, ", ");
        op_column_sql(root, i, out);
    }
    buf_puts(out, "\n\n");
    draw(root, "", "", out);
}
