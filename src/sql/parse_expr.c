/* parse_expr.c — expressions, by ClickHouse's operator priorities:
 *   1 lambda ->   2 ?:   3 OR   4 AND   5 NOT   6 IS [NOT] NULL, IS [NOT] DISTINCT FROM
 *   7 BETWEEN   9 comparisons, [NOT] LIKE/ILIKE, REGEXP, [GLOBAL] [NOT] IN
 *   10 ||   11 + -   12 * / % DIV MOD   13 unary -   14 postfix . [] ::
 * OR, AND and || merge into one n-ary call (or(a, b, c)), as in ClickHouse.
 * Special forms (CAST, EXTRACT, INTERVAL, CASE, SUBSTRING ... FROM, TRIM,
 * POSITION ... IN, DATE_ADD(unit, ...), DATE 'x', EXISTS) become plain calls.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "parser.h"

static int parse_ternary(Parser *p, Ast **out);
static int parse_unary(Parser *p, Ast **out);

static Ast *mk_func(Parser *p, const char *name, int pos, int nargs, Ast **args)
{
    Ast *f = ast_new(p->a, AST_FUNC, pos);
    p->elements++;
    f->name = arena_strdup(p->a, name);
    f->args = arena_alloc(p->a, sizeof *f->args * (size_t)(nargs ? nargs : 1));
    for (int i = 0; i < nargs; i++) f->args[i] = args[i];
    f->nargs = nargs;
    return f;
}

static Ast *op2(Parser *p, const char *name, Ast *x, Ast *y)
{
    Ast *args[2] = {x, y};
    Ast *f = mk_func(p, name, x->pos, 2, args);
    f->flags |= FN_OPERATOR;
    return f;
}

static Ast *op1(Parser *p, const char *name, Ast *x, int pos)
{
    Ast *f = mk_func(p, name, pos, 1, &x);
    f->flags |= FN_OPERATOR;
    return f;
}

static Ast *str_lit(Parser *p, const char *s, size_t n, int pos)
{
    Ast *l = ast_new(p->a, AST_LITERAL, pos);
    l->lit.kind = FV_STRING;
    l->lit.str.s = arena_strndup(p->a, s, n);
    l->lit.str.len = n;
    return l;
}

static Ast *uint_lit(Parser *p, uint64_t v, int pos)
{
    Ast *l = ast_new(p->a, AST_LITERAL, pos);
    l->lit.kind = FV_UINT;
    l->lit.u = v;
    return l;
}

/* ---- literals ---- */

static int number_literal(Parser *p, Token *t, bool neg, Ast *l)
{
    char buf[128];
    int n = t->len < 127 ? t->len : 127;
    int k = 0;
    for (int i = 0; i < n; i++)
        if (p->text[t->pos + i] != '_') buf[k++] = p->text[t->pos + i];
    buf[k] = 0;
    const char *s = buf;
    bool is_hex = k > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    bool is_bin = k > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B');
    bool is_float = !is_hex && !is_bin && (strchr(s, '.') || strchr(s, 'e') || strchr(s, 'E'));
    if (is_hex && (strchr(s, '.') || strchr(s, 'p') || strchr(s, 'P'))) is_float = true;
    if (!is_float) {
        unsigned __int128 v = 0;
        bool overflow = false;
        int base = is_hex ? 16 : is_bin ? 2 : 10;
        for (const char *c = s + (is_hex || is_bin ? 2 : 0); *c; c++) {
            int d = isdigit((unsigned char)*c) ? *c - '0' : (*c | 32) - 'a' + 10;
            if (d < 0 || d >= base) return p_fail(p, "number");
            v = v * (unsigned)base + (unsigned)d;
            if (v > (unsigned __int128)UINT64_MAX) overflow = true;
        }
        if (!overflow) {
            if (neg && v > 0) {
                if (v > (unsigned __int128)INT64_MAX + 1) {
                    l->lit.kind = FV_FLOAT;
                    l->lit.f = -(double)v;
                } else {
                    l->lit.kind = FV_INT;
                    l->lit.i = (int64_t)(0 - (uint64_t)v);
                }
            } else {
                l->lit.kind = FV_UINT;
                l->lit.u = (uint64_t)v;
            }
            return 0;
        }
        l->lit.kind = FV_FLOAT;
        l->lit.f = strtod(s, NULL);
        if (neg) l->lit.f = -l->lit.f;
        return 0;
    }
    l->lit.kind = FV_FLOAT;
    l->lit.f = strtod(s, NULL);
    if (neg) l->lit.f = -l->lit.f;
    return 0;
}

/* NULL, TRUE/FALSE, numbers, strings, inf/nan. *ok=false when not a literal. */
int parse_literal(Parser *p, Ast **out, bool *ok)
{
    Token *t = p_tok(p);
    *ok = true;
    Ast *l = ast_new(p->a, AST_LITERAL, t->pos);
    p->elements++;
    if (t->kind == TK_NUMBER) {
        p->i++;
        int rc = number_literal(p, t, false, l);
        *out = l;
        return rc;
    }
    if (t->kind == TK_MINUS && p_peek(p, 1)->kind == TK_NUMBER) {
        Token *num = p_peek(p, 1);
        p->i += 2;
        int rc = number_literal(p, num, true, l);
        *out = l;
        return rc;
    }
    if (t->kind == TK_STRING) {
        l->lit.kind = FV_STRING;
        p_unescape_string(p, t, &l->lit.str.s, &l->lit.str.len);
        p->i++;
        *out = l;
        return 0;
    }
    if (t->kind == TK_HEREDOC) {
        const char *s = p->text + t->pos;
        int tag = 1;
        while (s[tag] != '$') tag++;
        l->lit.kind = FV_STRING;
        l->lit.str.len = (size_t)(t->len - 2 * (tag + 1));
        l->lit.str.s = arena_strndup(p->a, s + tag + 1, l->lit.str.len);
        p->i++;
        *out = l;
        return 0;
    }
    if (t->kind == TK_WORD) {
        if (p_is_kw(p, "NULL")) {
            l->lit.kind = FV_NULL;
        } else if (p_is_kw(p, "TRUE") || p_is_kw(p, "FALSE")) {
            l->lit.kind = FV_BOOL;
            l->lit.u = p_is_kw(p, "TRUE");
        } else if ((p_is_kw(p, "inf") || p_is_kw(p, "infinity") || p_is_kw(p, "nan")) && p_peek(p, 1)->kind != TK_LPAREN) {
            l->lit.kind = FV_FLOAT;
            l->lit.f = p_is_kw(p, "nan") ? __builtin_nan("") : __builtin_inf();
        } else {
            *ok = false;
            return 0;
        }
        p->i++;
        *out = l;
        return 0;
    }
    *ok = false;
    return 0;
}

static bool is_literal_value(const Ast *e)
{
    return e->kind == AST_LITERAL && !e->alias;
}

/* Folds array(lits...) / tuple(lits...) into a literal, as ClickHouse's parser does. */
static Ast *fold_literal_list(Parser *p, Ast **items, int n, FieldKind kind, int pos)
{
    for (int i = 0; i < n; i++)
        if (!is_literal_value(items[i])) return NULL;
    Ast *l = ast_new(p->a, AST_LITERAL, pos);
    l->lit.kind = kind;
    l->lit.list.n = n;
    l->lit.list.items = arena_alloc(p->a, sizeof(Field) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) l->lit.list.items[i] = items[i]->lit;
    return l;
}

/* ---- identifiers, functions ---- */

static int parse_func_args(Parser *p, Ast ***args, int *n, bool *distinct)
{
    *args = NULL;
    *n = 0;
    if (distinct) *distinct = false;
    if (p_accept(p, TK_RPAREN)) return 0;
    if (distinct && p_is_kw(p, "DISTINCT") && p_peek(p, 1)->kind != TK_RPAREN && p_peek(p, 1)->kind != TK_COMMA) {
        p->i++;
        *distinct = true;
    } else if (p_is_kw(p, "ALL") && p_peek(p, 1)->kind != TK_RPAREN && p_peek(p, 1)->kind != TK_COMMA &&
               p_peek(p, 1)->kind != TK_LPAREN) {
        p->i++;
    }
    for (;;) {
        Ast *e;
        int rc = parse_expr_with_alias(p, &e, false);
        if (rc) return rc;
        ast_push(p->a, args, n, e);
        if (*n > 65536) return p_fail(p, "fewer arguments");
        if (p_accept(p, TK_COMMA)) {
            if (p_accept(p, TK_RPAREN)) return 0;   /* trailing comma */
            continue;
        }
        return p_expect(p, TK_RPAREN, "')'");
    }
}

static const char *UNITS[][2] = {
    {"NANOSECOND", "Nanosecond"}, {"NANOSECONDS", "Nanosecond"}, {"NS", "Nanosecond"},
    {"MICROSECOND", "Microsecond"}, {"MICROSECONDS", "Microsecond"}, {"US", "Microsecond"},
    {"MILLISECOND", "Millisecond"}, {"MILLISECONDS", "Millisecond"}, {"MS", "Millisecond"},
    {"SECOND", "Second"}, {"SECONDS", "Second"}, {"SS", "Second"}, {"S", "Second"},
    {"MINUTE", "Minute"}, {"MINUTES", "Minute"}, {"MI", "Minute"}, {"N", "Minute"},
    {"HOUR", "Hour"}, {"HOURS", "Hour"}, {"HH", "Hour"}, {"H", "Hour"},
    {"DAY", "Day"}, {"DAYS", "Day"}, {"DD", "Day"}, {"D", "Day"},
    {"WEEK", "Week"}, {"WEEKS", "Week"}, {"WK", "Week"}, {"WW", "Week"},
    {"MONTH", "Month"}, {"MONTHS", "Month"}, {"MM", "Month"}, {"M", "Month"},
    {"QUARTER", "Quarter"}, {"QUARTERS", "Quarter"}, {"QQ", "Quarter"}, {"Q", "Quarter"},
    {"YEAR", "Year"}, {"YEARS", "Year"}, {"YYYY", "Year"}, {"YY", "Year"}, {NULL, NULL}};

/* Interval unit at the current token (word or 'string'); returns "Day" etc. or NULL. */
static const char *unit_at(Parser *p, Token *t)
{
    const char *s = p->text + t->pos;
    size_t n = (size_t)t->len;
    if (t->kind == TK_STRING) {
        s++;
        n -= 2;
    } else if (t->kind != TK_WORD) {
        return NULL;
    }
    for (int i = 0; UNITS[i][0]; i++)
        if (strlen(UNITS[i][0]) == n && strncasecmp(UNITS[i][0], s, n) == 0) return UNITS[i][1];
    return NULL;
}

static int parse_interval(Parser *p, int pos, Ast **out)
{
    /* INTERVAL expr UNIT | INTERVAL 'n unit' */
    Token *t = p_tok(p);
    if (t->kind == TK_STRING) {
        char *s;
        size_t n;
        p_unescape_string(p, t, &s, &n);
        char *sp = strchr(s, ' ');
        if (sp) {
            const char *unit = NULL;
            Token fake = {TK_WORD, 0, 0};
            (void)fake;
            char *u = sp + 1;
            for (int i = 0; UNITS[i][0]; i++)
                if (strcasecmp(UNITS[i][0], u) == 0) unit = UNITS[i][1];
            if (unit) {
                p->i++;
                *sp = 0;
                Ast *num = str_lit(p, s, strlen(s), t->pos);
                Ast *f = mk_func(p, arena_printf(p->a, "toInterval%s", unit), pos, 1, &num);
                *out = f;
                return 0;
            }
        }
    }
    Ast *e;
    int rc = parse_unary(p, &e);
    if (rc) return rc;
    const char *unit = unit_at(p, p_tok(p));
    if (!unit) return p_fail(p, "interval unit");
    p->i++;
    *out = mk_func(p, arena_printf(p->a, "toInterval%s", unit), pos, 1, &e);
    return 0;
}

static int parse_case(Parser *p, int pos, Ast **out)
{
    Ast **args = NULL;
    int n = 0, rc;
    bool has_expr = !p_is_kw(p, "WHEN");
    if (has_expr) {
        Ast *e;
        if ((rc = parse_expr(p, &e))) return rc;
        ast_push(p->a, &args, &n, e);
    }
    while (p_accept_kw(p, "WHEN")) {
        Ast *w, *t;
        if ((rc = parse_expr(p, &w)) || (rc = p_expect_kw(p, "THEN")) || (rc = parse_expr(p, &t))) return rc;
        ast_push(p->a, &args, &n, w);
        ast_push(p->a, &args, &n, t);
    }
    Ast *els;
    if (p_accept_kw(p, "ELSE")) {
        if ((rc = parse_expr(p, &els))) return rc;
    } else {
        els = ast_new(p->a, AST_LITERAL, p_tok(p)->pos);
        els->lit.kind = FV_NULL;
    }
    ast_push(p->a, &args, &n, els);
    if ((rc = p_expect_kw(p, "END"))) return rc;
    *out = mk_func(p, has_expr ? "caseWithExpression" : "multiIf", pos, n, args);
    return 0;
}

int parse_type_text(Parser *p, char **out)
{
    /* A type: words, then an optional balanced parenthesised argument list. */
    Token *t = p_tok(p);
    if (t->kind != TK_WORD && t->kind != TK_QIDENT) return p_fail(p, "type name");
    int start = t->pos, end = t->pos + t->len;
    p->i++;
    while (p_is(p, TK_WORD) && !p_is_reserved(p, p_tok(p)) &&
           !(p_is_kw(p, "DEFAULT") || p_is_kw(p, "CODEC"))) {
        /* multi-word types: DOUBLE PRECISION, INT UNSIGNED, CHARACTER VARYING ... */
        static const char *W[] = {"PRECISION", "UNSIGNED", "SIGNED", "VARYING", "CHAR", "CHARACTER", "LARGE", "OBJECT", NULL};
        bool ok = false;
        for (int i = 0; W[i]; i++) ok |= p_is_kw(p, W[i]);
        if (!ok) break;
        end = p_tok(p)->pos + p_tok(p)->len;
        p->i++;
    }
    if (p_is(p, TK_LPAREN)) {
        int depth = 0;
        do {
            Token *c = p_tok(p);
            if (c->kind == TK_END) return p_fail(p, "')'");
            if (c->kind == TK_LPAREN) depth++;
            if (c->kind == TK_RPAREN) depth--;
            end = c->pos + c->len;
            p->i++;
        } while (depth > 0);
    }
    *out = arena_strndup(p->a, p->text + start, (size_t)(end - start));
    return 0;
}

static int parse_cast_form(Parser *p, int pos, Ast **out)
{
    /* CAST(x AS T) | CAST(x, 'T') */
    Ast *x;
    int rc;
    if ((rc = parse_expr(p, &x))) return rc;
    Ast *ty;
    if (p_accept_kw(p, "AS")) {
        char *tt;
        int tpos = p_tok(p)->pos;
        if ((rc = parse_type_text(p, &tt))) return rc;
        ty = str_lit(p, tt, strlen(tt), tpos);
        ty->flags |= FN_CAST_LITERAL;   /* type text, normalised when printed */
    } else {
        if ((rc = p_expect(p, TK_COMMA, "AS or ','"))) return rc;
        if ((rc = parse_expr(p, &ty))) return rc;
    }
    if ((rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
    Ast *args[2] = {x, ty};
    *out = mk_func(p, "CAST", pos, 2, args);
    return 0;
}

static int parse_extract(Parser *p, int pos, Ast **out)
{
    /* EXTRACT(unit FROM x) or extract(haystack, pattern) */
    const char *unit = unit_at(p, p_tok(p));
    if (unit && p_kw_at(p, 1, "FROM")) {
        p->i += 2;
        Ast *x;
        int rc;
        if ((rc = parse_expr(p, &x)) || (rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
        static const char *F[][2] = {{"Nanosecond", "toNanosecond"}, {"Microsecond", "toMicrosecond"}, {"Millisecond", "toMillisecond"},
                                     {"Second", "toSecond"}, {"Minute", "toMinute"}, {"Hour", "toHour"}, {"Day", "toDayOfMonth"},
                                     {"Week", "toISOWeek"}, {"Month", "toMonth"}, {"Quarter", "toQuarter"}, {"Year", "toYear"}};
        for (size_t i = 0; i < sizeof F / sizeof F[0]; i++)
            if (strcmp(F[i][0], unit) == 0) {
                *out = mk_func(p, F[i][1], pos, 1, &x);
                return 0;
            }
    }
    Ast **args;
    int n;
    int rc = parse_func_args(p, &args, &n, NULL);
    if (rc) return rc;
    *out = mk_func(p, "extract", pos, n, args);
    return 0;
}

static int parse_substring(Parser *p, int pos, const char *name, Ast **out)
{
    Ast *x;
    int rc;
    if ((rc = parse_expr(p, &x))) return rc;
    Ast *args[3] = {x, NULL, NULL};
    int n = 1;
    if (p_accept_kw(p, "FROM")) {
        if ((rc = parse_expr(p, &args[1]))) return rc;
        n = 2;
        if (p_accept_kw(p, "FOR")) {
            if ((rc = parse_expr(p, &args[2]))) return rc;
            n = 3;
        }
    } else {
        while (p_accept(p, TK_COMMA) && n < 3)
            if ((rc = parse_expr(p, &args[n++]))) return rc;
    }
    if ((rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
    *out = mk_func(p, name, pos, n, args);
    return 0;
}

static int parse_trim(Parser *p, int pos, const char *fname, Ast **out)
{
    /* TRIM([[BOTH|LEADING|TRAILING] [chars] FROM] x) */
    const char *mode = strcasecmp(fname, "ltrim") == 0 ? "L" : strcasecmp(fname, "rtrim") == 0 ? "R" : "B";
    int save = p->i;
    bool explicit_mode = false;
    if (p_accept_kw(p, "BOTH")) mode = "B", explicit_mode = true;
    else if (p_accept_kw(p, "LEADING")) mode = "L", explicit_mode = true;
    else if (p_accept_kw(p, "TRAILING")) mode = "R", explicit_mode = true;
    Ast *chars = NULL, *x;
    int rc;
    if (explicit_mode || !p_is_kw(p, "FROM")) {
        if (explicit_mode && p_accept_kw(p, "FROM")) {
            chars = NULL;
        } else {
            Ast *first;
            if ((rc = parse_expr(p, &first))) return rc;
            if (p_accept_kw(p, "FROM")) {
                chars = first;
            } else if (!explicit_mode) {
                /* plain trim(x) */
                if ((rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
                const char *n = mode[0] == 'L' ? "trimLeft" : mode[0] == 'R' ? "trimRight" : "trimBoth";
                *out = mk_func(p, n, pos, 1, &first);
                return 0;
            } else {
                p->i = save;
                return p_fail(p, "FROM");
            }
        }
    }
    if ((rc = parse_expr(p, &x)) || (rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
    const char *n = mode[0] == 'L' ? "trimLeft" : mode[0] == 'R' ? "trimRight" : "trimBoth";
    if (!chars) {
        *out = mk_func(p, n, pos, 1, &x);
    } else {
        Ast *args[2] = {x, chars};
        *out = mk_func(p, n, pos, 2, args);
    }
    return 0;
}

static int parse_position(Parser *p, int pos, Ast **out)
{
    Ast *first;
    int rc;
    /* POSITION(needle IN haystack) is parsed as in(needle, haystack) by the
     * expression parser; unwrap it. */
    if ((rc = parse_expr(p, &first))) return rc;
    if (first->kind == AST_FUNC && strcmp(first->name, "in") == 0 && first->nargs == 2 && p_is(p, TK_RPAREN)) {
        p->i++;
        Ast *args[2] = {first->args[1], first->args[0]};
        *out = mk_func(p, "position", pos, 2, args);
        return 0;
    }
    Ast **args = NULL;
    int n = 0;
    ast_push(p->a, &args, &n, first);
    while (p_accept(p, TK_COMMA)) {
        Ast *e;
        if ((rc = parse_expr(p, &e))) return rc;
        ast_push(p->a, &args, &n, e);
    }
    if ((rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
    *out = mk_func(p, "position", pos, n, args);
    return 0;
}

static int parse_date_add(Parser *p, int pos, const char *op, Ast **out)
{
    /* DATE_ADD(unit, n, d) -> plus(d, toIntervalUnit(n)); DATE_ADD(d, INTERVAL ...) -> plus(d, i) */
    const char *unit = unit_at(p, p_tok(p));
    int rc;
    if (unit && p_peek(p, 1)->kind == TK_COMMA) {
        p->i += 2;
        Ast *n, *d;
        if ((rc = parse_expr(p, &n)) || (rc = p_expect(p, TK_COMMA, "','")) || (rc = parse_expr(p, &d)) ||
            (rc = p_expect(p, TK_RPAREN, "')'")))
            return rc;
        Ast *iv = mk_func(p, arena_printf(p->a, "toInterval%s", unit), pos, 1, &n);
        *out = op2(p, op, d, iv);
        (*out)->flags &= ~FN_OPERATOR;
        return 0;
    }
    Ast **args;
    int n;
    if ((rc = parse_func_args(p, &args, &n, NULL))) return rc;
    if (n == 2) {
        *out = op2(p, op, args[0], args[1]);
        return 0;
    }
    if (n == 3 && args[0]->kind == AST_IDENT) {
        Token fake = {TK_WORD, 0, 0};
        (void)fake;
        for (int i = 0; UNITS[i][0]; i++)
            if (strcasecmp(UNITS[i][0], args[0]->name) == 0) {
                Ast *iv = mk_func(p, arena_printf(p->a, "toInterval%s", UNITS[i][1]), pos, 1, &args[1]);
                *out = op2(p, op, args[2], iv);
                return 0;
            }
    }
    return p_fail(p, "DATE_ADD(unit, value, date)");
}

static int parse_date_diff(Parser *p, int pos, Ast **out)
{
    const char *unit = unit_at(p, p_tok(p));
    int rc;
    Ast **args = NULL;
    int n = 0;
    if (unit && p_peek(p, 1)->kind == TK_COMMA) {
        int upos = p_tok(p)->pos;
        p->i += 2;
        char *lower = arena_strdup(p->a, unit);
        for (char *c = lower; *c; c++) *c = (char)tolower((unsigned char)*c);
        ast_push(p->a, &args, &n, str_lit(p, lower, strlen(lower), upos));
        for (;;) {
            Ast *e;
            if ((rc = parse_expr(p, &e))) return rc;
            ast_push(p->a, &args, &n, e);
            if (!p_accept(p, TK_COMMA)) break;
        }
        if ((rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
    } else if ((rc = parse_func_args(p, &args, &n, NULL))) {
        return rc;
    }
    *out = mk_func(p, "dateDiff", pos, n, args);
    return 0;
}

/* Aggregate-call renames the parser-level analyzer does (count(DISTINCT x) -> countDistinct). */
static void fix_distinct(Parser *p, Ast *f)
{
    if (!(f->flags & FN_DISTINCT)) return;
    if (strcasecmp(f->name, "count") == 0) {
        f->name = arena_strdup(p->a, "countDistinct");
        f->flags &= ~FN_DISTINCT;
    } else {
        f->name = arena_printf(p->a, "%sDistinct", f->name);
        f->flags &= ~FN_DISTINCT;
    }
}


/* One end of a window frame: UNBOUNDED PRECEDING | UNBOUNDED FOLLOWING |
 * CURRENT ROW | expr PRECEDING | expr FOLLOWING. */
static int parse_frame_bound(Parser *p, WinBound *b, Ast **off)
{
    int rc;
    if (p_accept_kw(p, "UNBOUNDED")) {
        if (p_accept_kw(p, "PRECEDING")) *b = WB_UNBOUNDED_PRECEDING;
        else if ((rc = p_expect_kw(p, "FOLLOWING"))) return rc;
        else *b = WB_UNBOUNDED_FOLLOWING;
        return 0;
    }
    if (p_accept_kws(p, "CURRENT", "ROW")) {
        *b = WB_CURRENT_ROW;
        return 0;
    }
    if ((rc = parse_expr(p, off))) return rc;
    if (p_accept_kw(p, "PRECEDING")) *b = WB_PRECEDING;
    else if ((rc = p_expect_kw(p, "FOLLOWING"))) return rc;
    else *b = WB_FOLLOWING;
    return 0;
}

/* ( [base] [PARTITION BY exprs] [ORDER BY items] [{ROWS | RANGE} frame] ) */
int parse_window_spec(Parser *p, Ast **out)
{
    Ast *w = p_node(p, AST_WINDOW);
    WindowFrame *fr = arena_alloc(p->a, sizeof *fr);
    w->stmt = fr;
    int rc;
    if ((rc = p_expect(p, TK_LPAREN, "'('"))) return rc;
    if ((p_is(p, TK_WORD) || p_is(p, TK_QIDENT)) && !p_is_kw(p, "PARTITION") && !p_is_kw(p, "ORDER") && !p_is_kw(p, "ROWS") &&
        !p_is_kw(p, "RANGE") && (rc = p_ident(p, &w->name)))
        return rc;
    if (p_accept_kws(p, "PARTITION", "BY") && (rc = parse_expr_list(p, &w->args, &w->nargs, false))) return rc;
    if (p_accept_kws(p, "ORDER", "BY") && (rc = parse_order_list(p, &w->params, &w->nparams))) return rc;
    if (p_accept_kw(p, "ROWS")) fr->kind = WF_ROWS;
    else if (p_accept_kw(p, "RANGE")) fr->kind = WF_RANGE;
    else if (p_is_kw(p, "GROUPS")) return p_fail(p, "ROWS or RANGE (GROUPS frames are not supported)");
    if (fr->kind) {
        fr->end = WB_CURRENT_ROW;
        if (p_accept_kw(p, "BETWEEN")) {
            if ((rc = parse_frame_bound(p, &fr->start, &fr->start_off)) || (rc = p_expect_kw(p, "AND")) ||
                (rc = parse_frame_bound(p, &fr->end, &fr->end_off)))
                return rc;
        } else if ((rc = parse_frame_bound(p, &fr->start, &fr->start_off))) {
            return rc;
        }
    }
    if ((rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
    Buf b = {0};
    ast_window_text(w, &b);   /* as ClickHouse writes it back */
    w->type_text = arena_strndup(p->a, b.data, b.len);
    buf_free(&b);
    *out = w;
    return 0;
}

static int parse_function(Parser *p, Token *name_tok, char *name, Ast **out)
{
    int pos = name_tok->pos, rc;
    /* p is just past '(' */
    if (strcasecmp(name, "CAST") == 0) return parse_cast_form(p, pos, out);
    if (strcasecmp(name, "EXTRACT") == 0) return parse_extract(p, pos, out);
    if (strcasecmp(name, "SUBSTRING") == 0 || strcasecmp(name, "SUBSTR") == 0 || strcasecmp(name, "MID") == 0)
        return parse_substring(p, pos, "substring", out);
    if (strcasecmp(name, "TRIM") == 0 || strcasecmp(name, "LTRIM") == 0 || strcasecmp(name, "RTRIM") == 0)
        return parse_trim(p, pos, name, out);
    if (strcasecmp(name, "POSITION") == 0) return parse_position(p, pos, out);
    if (strcasecmp(name, "DATE_ADD") == 0 || strcasecmp(name, "DATEADD") == 0 || strcasecmp(name, "TIMESTAMPADD") == 0 ||
        strcasecmp(name, "TIMESTAMP_ADD") == 0)
        return parse_date_add(p, pos, "plus", out);
    if (strcasecmp(name, "DATE_SUB") == 0 || strcasecmp(name, "DATESUB") == 0 || strcasecmp(name, "TIMESTAMPSUB") == 0 ||
        strcasecmp(name, "TIMESTAMP_SUB") == 0)
        return parse_date_add(p, pos, "minus", out);
    if (strcasecmp(name, "DATE_DIFF") == 0 || strcasecmp(name, "DATEDIFF") == 0 || strcasecmp(name, "TIMESTAMPDIFF") == 0 ||
        strcasecmp(name, "TIMESTAMP_DIFF") == 0)
        return parse_date_diff(p, pos, out);
    if (strcasecmp(name, "EXISTS") == 0 && (p_is_kw(p, "SELECT") || p_is_kw(p, "WITH"))) {
        Ast *q;
        if ((rc = parse_select_union(p, &q)) || (rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
        Ast *sq = ast_new(p->a, AST_SUBQUERY, q->pos);
        sq->a = q;
        *out = mk_func(p, "exists", pos, 1, &sq);
        return 0;
    }
    Ast **args;
    int n;
    bool distinct;
    if ((rc = parse_func_args(p, &args, &n, &distinct))) return rc;
    Ast *f = mk_func(p, name, pos, n, args);
    if (distinct) f->flags |= FN_DISTINCT;
    /* Parametric: f(params)(args) */
    if (p_is(p, TK_LPAREN)) {
        p->i++;
        f->params = f->args;
        f->nparams = f->nargs;
        f->flags |= FN_HAS_PARAMS;
        if ((rc = parse_func_args(p, &f->args, &f->nargs, &distinct))) return rc;
        if (distinct) f->flags |= FN_DISTINCT;
    }
    /* count(*) -> count() */
    if (strcasecmp(name, "count") == 0 && f->nargs == 1 && f->args[0]->kind == AST_ASTERISK && !f->args[0]->name)
        f->nargs = 0;
    fix_distinct(p, f);
    /* OVER (window) / OVER name (a WINDOW clause's) */
    if (p_accept_kw(p, "OVER")) {
        if (p_is(p, TK_LPAREN)) {
            if ((rc = parse_window_spec(p, &f->over))) return rc;
            f->over_name = f->over->type_text;
        } else if ((rc = p_ident(p, &f->over_name))) {
            return rc;
        }
    }
    *out = f;
    return 0;
}

static int parse_ident_or_func(Parser *p, Ast **out)
{
    Token *t = p_tok(p);
    char *first = p_ident_text(p, t);
    p->i++;
    if (p_is(p, TK_LPAREN) && t->kind == TK_WORD) {
        p->i++;
        int rc = p_enter(p);
        if (rc) return rc;
        rc = parse_function(p, t, first, out);
        p_leave(p);
        return rc;
    }
    /* Compound identifier a.b.c (parts must be words, not numbers: x.1 is tupleElement). */
    Ast *id = ast_new(p->a, AST_IDENT, t->pos);
    p->elements++;
    char **parts = NULL;
    int np = 0;
    parts = arena_alloc(p->a, sizeof *parts * 8);
    parts[np++] = first;
    while (p_is(p, TK_DOT) && (p_peek(p, 1)->kind == TK_WORD || p_peek(p, 1)->kind == TK_QIDENT) && np < 8) {
        Token *nt = p_peek(p, 1);
        if (p_peek(p, 2)->kind == TK_LPAREN) break;   /* x.f(...) is not an identifier part */
        p->i += 2;
        parts[np++] = p_ident_text(p, nt);
    }
    if (p_is(p, TK_DOT) && p_peek(p, 1)->kind == TK_STAR) {
        /* t.* */
        p->i += 2;
        Ast *st = ast_new(p->a, AST_ASTERISK, t->pos);
        Buf b = {0};
        for (int i = 0; i < np; i++) {
            if (i) buf_putc(&b, '.');
            buf_puts(&b, parts[i]);
        }
        st->name = arena_strndup(p->a, b.data, b.len);
        buf_free(&b);
        *out = st;
        return 0;
    }
    id->parts = parts;
    id->nparts = np;
    Buf b = {0};
    for (int i = 0; i < np; i++) {
        if (i) buf_putc(&b, '.');
        buf_puts(&b, parts[i]);
    }
    id->name = arena_strndup(p->a, b.data, b.len);
    buf_free(&b);
    *out = id;
    return 0;
}

/* * [EXCEPT (a, b) | EXCEPT a] [REPLACE (expr AS a)] and COLUMNS('re') */
static int parse_star_modifiers(Parser *p, Ast *st)
{
    int rc;
    for (;;) {
        if (p_accept_kw(p, "EXCEPT") || p_accept_kw(p, "EXCLUDE")) {
            bool paren = p_accept(p, TK_LPAREN);
            do {
                Ast *e;
                if (p_is(p, TK_STRING)) {
                    bool ok;
                    if ((rc = parse_literal(p, &e, &ok))) return rc;
                } else {
                    char *name;
                    int pos = p_tok(p)->pos;
                    if ((rc = p_ident(p, &name))) return rc;
                    e = ast_ident(p->a, name, pos);
                }
                ast_push(p->a, &st->args, &st->nargs, e);
            } while (paren && p_accept(p, TK_COMMA));
            if (paren && (rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
        } else if (p_accept_kw(p, "REPLACE")) {
            bool paren = p_accept(p, TK_LPAREN);
            do {
                Ast *e;
                if ((rc = parse_expr(p, &e))) return rc;
                if ((rc = p_expect_kw(p, "AS"))) return rc;
                if ((rc = p_ident(p, &e->alias))) return rc;
                ast_push(p->a, &st->params, &st->nparams, e);
            } while (paren && p_accept(p, TK_COMMA));
            if (paren && (rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
        } else {
            return 0;
        }
    }
}

static int parse_paren(Parser *p, Ast **out)
{
    int pos = p_tok(p)->pos, rc;
    p->i++;
    if (p_is_kw(p, "SELECT") || p_is_kw(p, "WITH") ||
        (p_is(p, TK_LPAREN) && (p_kw_at(p, 1, "SELECT") || p_kw_at(p, 1, "WITH")))) {
        /* Could be (SELECT ...) or ((SELECT ...) UNION ...). */
        Ast *q;
        int save = p->i;
        if ((rc = parse_select_union(p, &q)) == 0 && p_accept(p, TK_RPAREN)) {
            Ast *sq = ast_new(p->a, AST_SUBQUERY, pos);
            sq->a = q;
            *out = sq;
            return 0;
        }
        if (!p_is_kw(p, "SELECT")) return rc ? rc : p_fail(p, "')'");
        p->i = save;
        p->failed = false;
    }
    if (p_accept(p, TK_RPAREN)) {
        *out = mk_func(p, "tuple", pos, 0, NULL);
        (*out)->flags |= FN_PARENS;   /* written as () */
        return 0;
    }
    Ast **items = NULL;
    int n = 0;
    bool trailing = false;
    for (;;) {
        Ast *e;
        if ((rc = parse_expr_with_alias(p, &e, false))) return rc;
        ast_push(p->a, &items, &n, e);
        if (p_accept(p, TK_COMMA)) {
            if (p_is(p, TK_RPAREN)) {
                trailing = true;
                break;
            }
            continue;
        }
        break;
    }
    if ((rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
    if (n == 1 && !trailing) {
        items[0]->flags |= FN_PARENS;
        *out = items[0];
        return 0;
    }
    Ast *lit = fold_literal_list(p, items, n, FV_TUPLE, pos);
    *out = lit ? lit : mk_func(p, "tuple", pos, n, items);
    return 0;
}

static int parse_array(Parser *p, Ast **out)
{
    int pos = p_tok(p)->pos, rc;
    p->i++;
    Ast **items = NULL;
    int n = 0;
    if (!p_accept(p, TK_RBRACKET)) {
        for (;;) {
            Ast *e;
            if ((rc = parse_expr_with_alias(p, &e, false))) return rc;
            ast_push(p->a, &items, &n, e);
            if (p_accept(p, TK_COMMA)) {
                if (p_is(p, TK_RBRACKET)) break;
                continue;
            }
            break;
        }
        if ((rc = p_expect(p, TK_RBRACKET, "']'"))) return rc;
    }
    Ast *lit = fold_literal_list(p, items, n, FV_ARRAY, pos);
    *out = lit ? lit : mk_func(p, "array", pos, n, items);
    return 0;
}

static int parse_param(Parser *p, Ast **out)
{
    /* {name:Type} */
    int pos = p_tok(p)->pos, rc;
    p->i++;
    Ast *pa = ast_new(p->a, AST_PARAM, pos);
    if ((rc = p_ident(p, &pa->name)) || (rc = p_expect(p, TK_COLON, "':'"))) return rc;
    int tstart = p_tok(p)->pos;
    int depth = 0;
    while (!(p_is(p, TK_RBRACE) && depth == 0)) {
        if (p_is(p, TK_END)) return p_fail(p, "'}'");
        if (p_is(p, TK_LPAREN)) depth++;
        if (p_is(p, TK_RPAREN)) depth--;
        p->i++;
    }
    size_t tlen = (size_t)(p_tok(p)->pos - tstart);
    if (memchr(p->text + tstart, 0, tlen)) return p_fail(p, "type of the query parameter");   /* a type name holds no NUL */
    pa->type_text = arena_strndup(p->a, p->text + tstart, tlen);
    p->i++;
    *out = pa;
    return 0;
}

static int parse_primary(Parser *p, Ast **out)
{
    Token *t = p_tok(p);
    int rc;
    bool ok;
    if ((rc = parse_literal(p, out, &ok)) || ok) return rc;
    switch (t->kind) {
    case TK_LPAREN: return parse_paren(p, out);
    case TK_LBRACKET: return parse_array(p, out);
    case TK_LBRACE: return parse_param(p, out);
    case TK_STAR: {
        p->i++;
        Ast *st = ast_new(p->a, AST_ASTERISK, t->pos);
        if ((rc = parse_star_modifiers(p, st))) return rc;
        *out = st;
        return 0;
    }
    case TK_QIDENT:
        rc = parse_ident_or_func(p, out);
        if (!rc && (*out)->kind == AST_ASTERISK) rc = parse_star_modifiers(p, *out);
        return rc;
    case TK_WORD:
        break;
    default:
        return p_fail(p, "expression");
    }
    int pos = t->pos;
    if (p_is_kw(p, "CASE") && p_peek(p, 1)->kind != TK_LPAREN) {
        p->i++;
        return parse_case(p, pos, out);
    }
    if (p_is_kw(p, "INTERVAL") && p_peek(p, 1)->kind != TK_LPAREN) {
        p->i++;
        return parse_interval(p, pos, out);
    }
    if ((p_is_kw(p, "DATE") || p_is_kw(p, "TIMESTAMP")) && p_peek(p, 1)->kind == TK_STRING) {
        bool is_date = p_is_kw(p, "DATE");
        p->i++;
        Ast *s;
        if ((rc = parse_literal(p, &s, &ok))) return rc;
        *out = mk_func(p, is_date ? "toDate" : "toDateTime", pos, 1, &s);
        return 0;
    }
    if (p_is_kw(p, "COLUMNS") && p_peek(p, 1)->kind == TK_LPAREN) {
        p->i += 2;
        Ast *c = ast_new(p->a, AST_COLUMNS, pos);
        if (p_is(p, TK_STRING)) {
            Ast *l;
            if ((rc = parse_literal(p, &l, &ok))) return rc;
            c->lit = l->lit;
        } else {
            for (;;) {
                Ast *e;
                if ((rc = parse_expr(p, &e))) return rc;
                ast_push(p->a, &c->args, &c->nargs, e);
                if (!p_accept(p, TK_COMMA)) break;
            }
        }
        if ((rc = p_expect(p, TK_RPAREN, "')'")) || (rc = parse_star_modifiers(p, c))) return rc;
        *out = c;
        return 0;
    }
    rc = parse_ident_or_func(p, out);
    if (!rc && (*out)->kind == AST_ASTERISK) rc = parse_star_modifiers(p, *out);
    return rc;
}

/* Literal text re-quoted for `literal::Type` (ClickHouse keeps the literal's source text). */
static Ast *cast_literal_text(Parser *p, int start, int end)
{
    const char *s = p->text + start;
    size_t n = (size_t)(end - start);
    if (n >= 2 && s[0] == '\'') {
        char *str;
        size_t len;
        Token t = {TK_STRING, start, (int)n};
        p_unescape_string(p, &t, &str, &len);
        return str_lit(p, str, len, start);
    }
    return str_lit(p, s, n, start);
}

static int parse_postfix(Parser *p, Ast **out)
{
    int start = p_tok(p)->pos;
    Token *first = p_tok(p);
    bool literal_token = first->kind == TK_NUMBER || first->kind == TK_STRING || first->kind == TK_LBRACKET ||
                         first->kind == TK_LPAREN || (first->kind == TK_MINUS && p_peek(p, 1)->kind == TK_NUMBER);
    Ast *x;
    int rc = parse_primary(p, &x);
    if (rc) return rc;
    for (;;) {
        Token *t = p_tok(p);
        if (t->kind == TK_LBRACKET) {
            p->i++;
            Ast *idx;
            if ((rc = parse_expr(p, &idx)) || (rc = p_expect(p, TK_RBRACKET, "']'"))) return rc;
            x = op2(p, "arrayElement", x, idx);
        } else if (t->kind == TK_DOT && p_peek(p, 1)->kind == TK_NUMBER) {
            Token *nt = p_peek(p, 1);
            p->i += 2;
            /* "t.2.1" may lex as '.' then the float "2.1": one access per part */
            for (char *txt = p_tok_text(p, nt); *txt;) {
                char *e;
                x = op2(p, "tupleElement", x, uint_lit(p, strtoull(txt, &e, 10), nt->pos));
                txt = *e == '.' ? e + 1 : e + strlen(e);
            }
        } else if (t->kind == TK_DOT && (p_peek(p, 1)->kind == TK_WORD || p_peek(p, 1)->kind == TK_QIDENT)) {
            Token *nt = p_peek(p, 1);
            p->i += 2;
            char *name = p_ident_text(p, nt);
            x = op2(p, "tupleElement", x, str_lit(p, name, strlen(name), nt->pos));
        } else if (t->kind == TK_NUMBER && p->text[t->pos] == '.' && t->len > 1) {
            /* "x.1" lexed as x then .1 */
            p->i++;
            for (const char *txt = p->text + t->pos + 1, *stop = p->text + t->pos + t->len; txt < stop;) {
                uint64_t v = 0;   /* digits of this token only: the text need not end after it */
                const char *e = txt;
                while (e < stop && *e >= '0' && *e <= '9') v = v * 10 + (uint64_t)(*e++ - '0');
                x = op2(p, "tupleElement", x, uint_lit(p, v, t->pos));
                txt = e < stop && *e == '.' ? e + 1 : stop;
            }
        } else if (t->kind == TK_DCOLON) {
            int lit_end = t->pos;
            p->i++;
            char *tt;
            int tpos = p_tok(p)->pos;
            if ((rc = parse_type_text(p, &tt))) return rc;
            Ast *ty = str_lit(p, tt, strlen(tt), tpos);
            ty->flags |= FN_CAST_LITERAL;
            if (literal_token && x->kind == AST_LITERAL && x->lit.kind != FV_NULL) {
                while (lit_end > start && isspace((unsigned char)p->text[lit_end - 1])) lit_end--;
                x = cast_literal_text(p, start, lit_end);
            }
            Ast *args[2] = {x, ty};
            x = mk_func(p, "CAST", x->pos, 2, args);
            literal_token = false;
        } else {
            break;
        }
    }
    *out = x;
    return 0;
}

static int parse_unary(Parser *p, Ast **out)
{
    int rc = p_enter(p);
    if (rc) return rc;
    while (p_is(p, TK_PLUS)) p->i++;
    if (p_is(p, TK_MINUS) && p_peek(p, 1)->kind != TK_NUMBER) {
        int pos = p_tok(p)->pos;
        bool word = p_peek(p, 1)->kind == TK_WORD;
        p->i++;
        Ast *x;
        if ((rc = parse_unary(p, &x))) goto done;
        if (word && x->kind == AST_LITERAL && x->lit.kind == FV_FLOAT && !x->alias && x->lit.f != 0 &&
            (x->lit.f != x->lit.f || x->lit.f > 1e308 || x->lit.f < -1e308)) {
            x->lit.f = -x->lit.f;   /* -inf and -nan are literals, as -1 is (ClickHouse's number parser takes the sign) */
            *out = x;
            goto done;
        }
        *out = op1(p, "negate", x, pos);
    } else {
        rc = parse_postfix(p, out);
    }
done:
    p_leave(p);
    return rc;
}

static int parse_mult(Parser *p, Ast **out)
{
    Ast *x = NULL;
    int rc = parse_unary(p, &x);
    while (!rc) {
        const char *op = p_is(p, TK_STAR) ? "multiply" : p_is(p, TK_SLASH) ? "divide" : p_is(p, TK_PERCENT) ? "modulo"
                       : p_is_kw(p, "MOD") ? "modulo" : p_is_kw(p, "DIV") ? "intDiv" : NULL;
        if (!op) break;
        p->i++;
        Ast *y;
        if ((rc = parse_unary(p, &y))) break;
        x = op2(p, op, x, y);
    }
    *out = x;
    return rc;
}

static int parse_additive(Parser *p, Ast **out)
{
    Ast *x = NULL;
    int rc = parse_mult(p, &x);
    while (!rc && (p_is(p, TK_PLUS) || p_is(p, TK_MINUS))) {
        const char *op = p_is(p, TK_PLUS) ? "plus" : "minus";
        p->i++;
        Ast *y;
        if ((rc = parse_mult(p, &y))) break;
        x = op2(p, op, x, y);
    }
    *out = x;
    return rc;
}

static int parse_concat(Parser *p, Ast **out)
{
    Ast *x = NULL;
    int rc = parse_additive(p, &x);
    if (rc || !p_is(p, TK_CONCAT)) {
        *out = x;
        return rc;
    }
    Ast **items = NULL;
    int n = 0;
    ast_push(p->a, &items, &n, x);
    while (p_accept(p, TK_CONCAT)) {
        Ast *y;
        if ((rc = parse_additive(p, &y))) return rc;
        ast_push(p->a, &items, &n, y);
    }
    *out = mk_func(p, "concat", x->pos, n, items);
    (*out)->flags |= FN_OPERATOR;
    return 0;
}

/* Returns the function name of a comparison-level operator at the cursor and consumes it. */
static const char *take_cmp_op(Parser *p)
{
    switch (p_tok(p)->kind) {
    case TK_EQ: p->i++; return "equals";
    case TK_NE: p->i++; return "notEquals";
    case TK_LT: p->i++; return "less";
    case TK_GT: p->i++; return "greater";
    case TK_LE: p->i++; return "lessOrEquals";
    case TK_GE: p->i++; return "greaterOrEquals";
    case TK_SPACESHIP: p->i++; return "isNotDistinctFrom";
    default: break;
    }
    if (p_accept_kw(p, "LIKE")) return "like";
    if (p_accept_kw(p, "ILIKE")) return "ilike";
    if (p_accept_kw(p, "REGEXP")) return "match";
    if (p_accept_kw(p, "IN")) return "in";
    if (p_accept_kws(p, "NOT", "LIKE")) return "notLike";
    if (p_accept_kws(p, "NOT", "ILIKE")) return "notILike";
    if (p_accept_kws(p, "NOT", "IN")) return "notIn";
    if (p_is_kw(p, "GLOBAL") && p_kw_at(p, 1, "IN")) {
        p->i += 2;
        return "globalIn";
    }
    if (p_is_kw(p, "GLOBAL") && p_kw_at(p, 1, "NOT") && p_kw_at(p, 2, "IN")) {
        p->i += 3;
        return "globalNotIn";
    }
    return NULL;
}

static int parse_cmp(Parser *p, Ast **out)
{
    Ast *x = NULL;
    int rc = parse_concat(p, &x);
    while (!rc) {
        int save = p->i;
        const char *op = take_cmp_op(p);
        if (!op) break;
        Ast *y;
        /* ANY/ALL (subquery) forms: = ANY (...) -> IN */
        if ((strcmp(op, "equals") == 0 || strcmp(op, "notEquals") == 0) && (p_is_kw(p, "ANY") || p_is_kw(p, "ALL") || p_is_kw(p, "SOME")) &&
            p_peek(p, 1)->kind == TK_LPAREN && (p_kw_at(p, 2, "SELECT") || p_kw_at(p, 2, "WITH"))) {
            bool all = p_is_kw(p, "ALL");
            p->i++;
            if ((rc = parse_concat(p, &y))) break;
            bool eq = strcmp(op, "equals") == 0;
            if ((eq && !all) || (!eq && all)) {
                x = op2(p, eq ? "in" : "notIn", x, y);
                continue;
            }
            p->i = save;
            break;
        }
        if ((rc = parse_concat(p, &y))) break;
        x = op2(p, op, x, y);
    }
    *out = x;
    return rc;
}

static int parse_between(Parser *p, Ast **out)
{
    Ast *x;
    int rc = parse_cmp(p, &x);
    if (rc) return rc;
    for (;;) {
        bool neg;
        if (p_accept_kw(p, "BETWEEN")) neg = false;
        else if (p_accept_kws(p, "NOT", "BETWEEN")) neg = true;
        else break;
        Ast *lo, *hi;
        if ((rc = parse_cmp(p, &lo)) || (rc = p_expect_kw(p, "AND")) || (rc = parse_cmp(p, &hi))) return rc;
        if (neg) x = op2(p, "or", op2(p, "less", x, lo), op2(p, "greater", x, hi));
        else x = op2(p, "and", op2(p, "greaterOrEquals", x, lo), op2(p, "lessOrEquals", x, hi));
    }
    *out = x;
    return 0;
}

static int parse_is(Parser *p, Ast **out)
{
    Ast *x = NULL;
    int rc = parse_between(p, &x);
    while (!rc && p_is_kw(p, "IS")) {
        int pos = p_tok(p)->pos;
        if (p_kw_at(p, 1, "NULL")) {
            p->i += 2;
            x = op1(p, "isNull", x, pos);
        } else if (p_kw_at(p, 1, "NOT") && p_kw_at(p, 2, "NULL")) {
            p->i += 3;
            x = op1(p, "isNotNull", x, pos);
        } else if (p_kw_at(p, 1, "DISTINCT") && p_kw_at(p, 2, "FROM")) {
            p->i += 3;
            Ast *y;
            if ((rc = parse_between(p, &y))) break;
            x = op2(p, "isDistinctFrom", x, y);
        } else if (p_kw_at(p, 1, "NOT") && p_kw_at(p, 2, "DISTINCT") && p_kw_at(p, 3, "FROM")) {
            p->i += 4;
            Ast *y;
            if ((rc = parse_between(p, &y))) break;
            x = op2(p, "isNotDistinctFrom", x, y);
        } else {
            break;
        }
    }
    *out = x;
    return rc;
}

static int parse_not(Parser *p, Ast **out)
{
    if (p_is_kw(p, "NOT") && !p_kw_at(p, 1, "IN") && !p_kw_at(p, 1, "LIKE") && !p_kw_at(p, 1, "ILIKE") &&
        !p_kw_at(p, 1, "BETWEEN")) {
        int pos = p_tok(p)->pos;
        p->i++;
        int rc = p_enter(p);
        if (rc) return rc;
        Ast *x;
        rc = parse_not(p, &x);
        p_leave(p);
        if (rc) return rc;
        *out = op1(p, "not", x, pos);
        return 0;
    }
    return parse_is(p, out);
}

static int parse_nary(Parser *p, Ast **out, const char *kw, const char *fname, int (*sub)(Parser *, Ast **))
{
    Ast *x = NULL;
    int rc = sub(p, &x);
    if (rc || !p_is_kw(p, kw)) {
        *out = x;
        return rc;
    }
    Ast **items = NULL;
    int n = 0;
    ast_push(p->a, &items, &n, x);
    while (p_accept_kw(p, kw)) {
        Ast *y;
        if ((rc = sub(p, &y))) return rc;
        ast_push(p->a, &items, &n, y);
    }
    *out = mk_func(p, fname, x->pos, n, items);
    (*out)->flags |= FN_OPERATOR;
    return 0;
}

static int parse_and(Parser *p, Ast **out) { return parse_nary(p, out, "AND", "and", parse_not); }
static int parse_or(Parser *p, Ast **out) { return parse_nary(p, out, "OR", "or", parse_and); }

static int parse_ternary(Parser *p, Ast **out)
{
    Ast *c = NULL;
    int rc = parse_or(p, &c);
    if (rc || !p_is(p, TK_QUESTION)) {
        *out = c;
        return rc;
    }
    p->i++;
    Ast *a, *b;
    if ((rc = parse_expr(p, &a)) || (rc = p_expect(p, TK_COLON, "':'")) || (rc = parse_ternary(p, &b))) return rc;
    Ast *args[3] = {c, a, b};
    *out = mk_func(p, "if", c->pos, 3, args);
    return 0;
}

/* x -> body | (x, y) -> body */
static bool lambda_ahead(Parser *p, int *nparams)
{
    if ((p_is(p, TK_WORD) || p_is(p, TK_QIDENT)) && p_peek(p, 1)->kind == TK_ARROW) {
        *nparams = 1;
        return true;
    }
    if (!p_is(p, TK_LPAREN)) return false;
    int k = 1, n = 0;
    for (;;) {
        Token *t = p_peek(p, k);
        if (t->kind != TK_WORD && t->kind != TK_QIDENT) return false;
        n++;
        t = p_peek(p, k + 1);
        if (t->kind == TK_COMMA) {
            k += 2;
            continue;
        }
        if (t->kind == TK_RPAREN && p_peek(p, k + 2)->kind == TK_ARROW) {
            *nparams = n;
            return true;
        }
        return false;
    }
}

int parse_expr(Parser *p, Ast **out)
{
    int rc = p_enter(p);
    if (rc) return rc;
    int np;
    if (lambda_ahead(p, &np)) {
        int pos = p_tok(p)->pos;
        bool paren = p_accept(p, TK_LPAREN);
        Ast **params = NULL;
        int n = 0;
        for (int i = 0; i < np; i++) {
            Token *t = p_tok(p);
            ast_push(p->a, &params, &n, ast_ident(p->a, p_ident_text(p, t), t->pos));
            p->i++;
            p_accept(p, TK_COMMA);
        }
        if (paren) p->i++;
        p->i++;   /* -> */
        Ast *body;
        if ((rc = parse_expr(p, &body))) goto done;
        Ast *tup = mk_func(p, "tuple", pos, n, params);
        Ast *args[2] = {tup, body};
        *out = mk_func(p, "lambda", pos, 2, args);
        (*out)->flags |= FN_LAMBDA;
    } else {
        rc = parse_ternary(p, out);
    }
done:
    p_leave(p);
    return rc;
}

int parse_expr_with_alias(Parser *p, Ast **out, bool allow_bare_alias)
{
    int rc = parse_expr(p, out);
    if (rc) return rc;
    if (p_accept_kw(p, "AS")) {
        Token *t = p_tok(p);
        if (t->kind != TK_WORD && t->kind != TK_QIDENT && t->kind != TK_STRING) return p_fail(p, "alias");
        (*out)->alias = t->kind == TK_STRING ? NULL : p_ident_text(p, t);
        if (t->kind == TK_STRING) {
            size_t n;
            p_unescape_string(p, t, &(*out)->alias, &n);
        }
        p->i++;
    } else if (allow_bare_alias && (p_is(p, TK_QIDENT) || (p_is(p, TK_WORD) && !p_is_reserved(p, p_tok(p))))) {
        (*out)->alias = p_ident_text(p, p_tok(p));
        p->i++;
    }
    return 0;
}

int parse_expr_list(Parser *p, Ast ***items, int *n, bool allow_bare_alias)
{
    *items = NULL;
    *n = 0;
    for (;;) {
        Ast *e;
        int rc = parse_expr_with_alias(p, &e, allow_bare_alias);
        if (rc) return rc;
        ast_push(p->a, items, n, e);
        if (!p_accept(p, TK_COMMA)) return 0;
        /* trailing comma before a clause keyword (only words that start a clause;
         * `engine`, `comment`... are ordinary column names here) */
        static const char *CLAUSE[] = {"FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION",
                                       "EXCEPT", "INTERSECT", "SETTINGS", "FORMAT", "INTO", "PREWHERE", "WINDOW",
                                       "QUALIFY", "FETCH", NULL};
        bool clause = false;
        for (int k = 0; CLAUSE[k] && !clause; k++) clause = p_is_kw(p, CLAUSE[k]) && p_peek(p, 1)->kind != TK_LPAREN;
        if (p_is(p, TK_END) || p_is(p, TK_RPAREN) || p_is(p, TK_SEMICOLON) || clause) return 0;
    }
}
