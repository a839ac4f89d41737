/* parser.c — parser state helpers and the statement-splitting entry point.
 *
 * parse_next_statement() runs one statement through parse_statement() and
 * handles what ClickHouse's client does around it: `;` separators, inline
 * data after INSERT ... FORMAT, max_query_size. */
#include "parser.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"

Token *p_tok(Parser *p) { return &p->tl.toks[p->i]; }

Token *p_peek(Parser *p, int ahead)
{
    int j = p->i + ahead;
    if (j >= p->tl.n) j = p->tl.n - 1;
    return &p->tl.toks[j];
}

bool p_is(Parser *p, TokKind k) { return p_tok(p)->kind == k; }

bool p_accept(Parser *p, TokKind k)
{
    if (!p_is(p, k)) return false;
    if (k != TK_END) p->i++;
    return true;
}

bool p_kw_at(Parser *p, int ahead, const char *kw)
{
    Token *t = p_peek(p, ahead);
    return t->kind == TK_WORD && (size_t)t->len == strlen(kw) && strncasecmp(p->text + t->pos, kw, (size_t)t->len) == 0;
}

bool p_is_kw(Parser *p, const char *kw) { return p_kw_at(p, 0, kw); }

bool p_accept_kw(Parser *p, const char *kw)
{
    if (!p_is_kw(p, kw)) return false;
    p->i++;
    return true;
}

bool p_accept_kws(Parser *p, const char *kw1, const char *kw2)
{
    if (!p_kw_at(p, 0, kw1) || !p_kw_at(p, 1, kw2)) return false;
    p->i += 2;
    return true;
}

int p_fail(Parser *p, const char *expected)
{
    if (p->failed) return ERR_SYNTAX_ERROR;
    p->failed = true;
    Token *t = p_tok(p);
    char near[64];
    if (t->kind == TK_END) {
        snprintf(near, sizeof near, "end of query");
    } else {
        int n = (int)(p->len - (size_t)t->pos);
        if (n > 30) n = 30;
        snprintf(near, sizeof near, "'%.*s'", n, p->text + t->pos);
    }
    return err_set(p->err, ERR_SYNTAX_ERROR, "Syntax error: failed at position %d (%s): Expected %s", t->pos + 1,
                   near, expected);
}

int p_expect(Parser *p, TokKind k, const char *what)
{
    if (p_accept(p, k)) return 0;
    return p_fail(p, what ? what : tok_kind_name(k));
}

int p_expect_kw(Parser *p, const char *kw)
{
    if (p_accept_kw(p, kw)) return 0;
    return p_fail(p, kw);
}

char *p_tok_text(Parser *p, Token *t) { return arena_strndup(p->a, p->text + t->pos, (size_t)t->len); }

/* Unquotes `x` / "x" identifiers (backslash escapes and doubled quotes). */
char *p_ident_text(Parser *p, Token *t)
{
    if (t->kind != TK_QIDENT) return p_tok_text(p, t);
    char *s;
    size_t n;
    p_unescape_string(p, t, &s, &n);
    return s;
}

int p_unescape_string(Parser *p, Token *t, char **out, size_t *len)
{
    const char *s = p->text + t->pos;
    char q = s[0];
    int n = t->len;
    char *d = arena_alloc(p->a, (size_t)n + 1);
    size_t k = 0;
    for (int i = 1; i < n - 1; i++) {
        char c = s[i];
        if (c == q && i + 1 < n - 1 && s[i + 1] == q) {
            d[k++] = q;
            i++;
            continue;
        }
        if (c == '\\' && i + 1 < n - 1) {
            c = s[++i];
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case '0': c = '\0'; break;
            case 'a': c = '\a'; break;
            case 'v': c = '\v'; break;
            case 'e': c = 27; break;
            case 'x': {
                int h1 = i + 1 < n - 1 ? s[i + 1] : 0, h2 = i + 2 < n - 1 ? s[i + 2] : 0;
                if (isxdigit(h1) && isxdigit(h2)) {
                    int v1 = isdigit(h1) ? h1 - '0' : (h1 | 32) - 'a' + 10;
                    int v2 = isdigit(h2) ? h2 - '0' : (h2 | 32) - 'a' + 10;
                    c = (char)(v1 * 16 + v2);
                    i += 2;
                } else {
                    d[k++] = '\\';
                }
                break;
            }
            default:
                /* Unknown escapes keep the backslash, as ClickHouse does for e.g. \d in regexps. */
                if (c != '\\' && c != '\'' && c != '"' && c != '`' && c != '?') d[k++] = '\\';
                break;
            }
        }
        d[k++] = c;
    }
    d[k] = 0;
    *out = d;
    *len = k;
    return 0;
}

int p_ident(Parser *p, char **out)
{
    Token *t = p_tok(p);
    if (t->kind != TK_WORD && t->kind != TK_QIDENT) return p_fail(p, "identifier");
    *out = p_ident_text(p, t);
    p->i++;
    return 0;
}

int p_compound_name(Parser *p, char **db, char **name)
{
    char *first = NULL;
    int rc = p_ident(p, &first);
    if (rc) return rc;
    if (p_is(p, TK_DOT) && (p_peek(p, 1)->kind == TK_WORD || p_peek(p, 1)->kind == TK_QIDENT)) {
        p->i++;
        *db = first;
        return p_ident(p, name);
    }
    *db = NULL;
    *name = first;
    return 0;
}

int p_string(Parser *p, char **out, size_t *len)
{
    Token *t = p_tok(p);
    if (t->kind != TK_STRING) return p_fail(p, "string literal");
    size_t n;
    p_unescape_string(p, t, out, len ? len : &n);
    p->i++;
    return 0;
}

static const char *RESERVED[] = {
    "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT",
    "SETTINGS", "FORMAT", "INTO", "JOIN", "LEFT", "RIGHT", "INNER", "FULL", "CROSS", "ON", "USING",
    "AS", "PREWHERE", "ARRAY", "WINDOW", "QUALIFY", "AND", "OR", "NOT", "IN", "IS", "LIKE", "ILIKE",
    "BETWEEN", "ASC", "DESC", "ASCENDING", "DESCENDING", "FINAL", "SAMPLE", "GLOBAL", "SEMI", "ANTI",
    "ASOF", "PASTE", "OUTER", "NULLS", "COLLATE", "THEN", "ELSE", "END", "WHEN", "WITH", "SELECT",
    "ALL", "ANY", "BY", "TOTALS", "FETCH", "REGEXP", "DIV", "MOD", "INTERVAL", "OVER", "TO", "STEP",
    "VALUES", "ALIAS", "DEFAULT", "MATERIALIZED", "EPHEMERAL", "CODEC", "COMMENT", "TTL", "ENGINE",
    "PRIMARY", "PARTITION", "NULL", "AFTER", "FIRST", "LOCAL", NULL};

bool p_is_reserved(Parser *p, Token *t)
{
    if (t->kind != TK_WORD) return false;
    for (int i = 0; RESERVED[i]; i++)
        if ((size_t)t->len == strlen(RESERVED[i]) && strncasecmp(p->text + t->pos, RESERVED[i], (size_t)t->len) == 0)
            return true;
    return false;
}

int p_enter(Parser *p)
{
    /* nodes made so far, those of abandoned alternatives included: stops
     * backtracking over deeply nested parentheses from running away */
    if (p->elements > p->max_elements) return err_set(p->err, ERR_TOO_BIG_AST, "AST is too big. Maximum: %ld", p->max_elements);
    if (++p->depth > p->max_depth)
        return err_set(p->err, ERR_TOO_DEEP_RECURSION, "Maximum parse depth (%d) exceeded. Consider rising max_parser_depth parameter.",
                       p->max_depth);
    return 0;
}

void p_leave(Parser *p) { p->depth--; }

Ast *p_node(Parser *p, AstKind kind)
{
    p->elements++;
    return ast_new(p->a, kind, p_tok(p)->pos);
}

/* ---- statement splitting and inline INSERT data ---- */

/* For INSERT ... FORMAT fmt: the data begins after the format name. If text
 * follows on the same line, the data is the rest of that line; a ';' right
 * after the name ends the statement without data; otherwise the data is the
 * lines up to one holding only ';', or the rest of the input. Returns the
 * byte offset where the statement ends. */
static size_t capture_insert_data(Parser *p, Ast *stmt, size_t base)
{
    StmtInsert *ins = stmt->stmt;
    Token *t = p_tok(p);
    size_t q = (size_t)(t->kind == TK_END ? (int)p->len : t->pos);
    /* Start right after the previous token (the format name). */
    Token *prev = &p->tl.toks[p->i - 1];
    size_t s = (size_t)(prev->pos + prev->len);
    (void)q;
    while (s < p->len && (p->text[s] == ' ' || p->text[s] == '\t')) s++;
    size_t e;
    if (s < p->len && p->text[s] == ';') {
        /* `INSERT ... FORMAT CSV; SELECT ...`: no inline data (it comes
         * from stdin), and the next statement follows */
        ins->data = p->text + s;
        ins->data_len = 0;
        ins->data_inline = false;
        return base + s;
    }
    if (s < p->len && p->text[s] != '\n' && p->text[s] != '\r') {
        e = s;
        while (e < p->len && p->text[e] != '\n') e++;
        ins->data = p->text + s;
        ins->data_len = e - s;
        /* A trailing ';' on the line ends the statement, it is not data. */
        size_t k = ins->data_len;
        while (k > 0 && (ins->data[k - 1] == ' ' || ins->data[k - 1] == '\t' || ins->data[k - 1] == '\r')) k--;
        if (k > 0 && ins->data[k - 1] == ';') k--;
        ins->data_len = k;
    } else {
        if (s < p->len && p->text[s] == '\r') s++;
        if (s < p->len && p->text[s] == '\n') s++;
        /* the data runs to a line holding only ';' (the statement's end, as
         * ClickHouse's client reads it), else to the end of the input */
        e = p->len;
        size_t end = p->len;
        for (size_t l = s; l < p->len;) {
            size_t k = l;
            while (k < p->len && (p->text[k] == ' ' || p->text[k] == '\t')) k++;
            if (k < p->len && p->text[k] == ';') {
                size_t m = k + 1;
                while (m < p->len && (p->text[m] == ' ' || p->text[m] == '\t' || p->text[m] == '\r')) m++;
                if (m >= p->len || p->text[m] == '\n') {
                    end = l;
                    e = k;   /* the ';' then ends the statement */
                    break;
                }
            }
            while (l < p->len && p->text[l] != '\n') l++;
            l++;
        }
        ins->data = p->text + s;
        ins->data_len = end > s ? end - s : 0;
    }
    ins->data_inline = ins->data_len > 0;
    return base + e;
}

static bool only_space_and_comments(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (isspace((unsigned char)s[i]) || s[i] == ';') {
            i++;
        } else if (i + 1 < n && s[i] == '-' && s[i + 1] == '-') {
            while (i < n && s[i] != '\n') i++;
        } else if (i + 1 < n && s[i] == '/' && s[i + 1] == '*') {
            i += 2;
            while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/')) i++;
            i += 2;
        } else {
            return false;
        }
    }
    return true;
}

int parse_next_statement(Arena *a, const char *text, size_t len, size_t *offset, const ParseLimits *lim,
                         Ast **out, Err *err)
{
    *out = NULL;
    size_t off = *offset;
    if (off >= len || only_space_and_comments(text + off, len - off)) {
        *offset = len;
        return 0;
    }
    Parser p = {.a = a, .text = text + off, .len = len - off, .err = err,
                .max_depth = lim && lim->max_parser_depth ? lim->max_parser_depth : 1000,
                .max_elements = lim && lim->max_ast_elements ? lim->max_ast_elements : 50000};
    lex_all(a, p.text, p.len, (size_t)p.max_elements * 4 + 1024, &p.tl);
    /* Skip empty statements. */
    while (p_accept(&p, TK_SEMICOLON)) {}
    Ast *st = NULL;
    int rc = parse_statement(&p, &st);
    if (rc) return rc;
    if (p.elements > p.max_elements)
        return err_set(err, ERR_TOO_BIG_AST, "AST is too big. Maximum: %ld", p.max_elements);
    size_t end_off;
    if (st->kind == AST_INSERT && ((StmtInsert *)st->stmt)->format) {
        end_off = capture_insert_data(&p, st, off);
        st->end_pos = (int)(end_off - off);
        size_t k = end_off - off;
        while (k < p.len && (p.text[k] == ' ' || p.text[k] == '\t' || p.text[k] == '\r' || p.text[k] == '\n')) k++;
        if (k < p.len && p.text[k] == ';') k++;
        end_off = off + k;
        *out = st;
        *offset = end_off;
        return 0;
    } else {
        if (!p_is(&p, TK_SEMICOLON) && !p_is(&p, TK_END) && !p_is(&p, TK_VDELIM))
            return p_fail(&p, "end of query");
        size_t stmt_end = (size_t)p_tok(&p)->pos;
        if (lim && lim->max_query_size && stmt_end > lim->max_query_size)
            return err_set(err, ERR_SYNTAX_ERROR, "Syntax error: failed at position %zu: Max query size exceeded",
                           lim->max_query_size + 1);
        p_accept(&p, TK_VDELIM);
        if (p_is(&p, TK_SEMICOLON)) stmt_end = (size_t)p_tok(&p)->pos + 1;
        p_accept(&p, TK_SEMICOLON);
        end_off = off + (p_is(&p, TK_END) ? p.len : (size_t)p_tok(&p)->pos);
        st->end_pos = (int)stmt_end;
        *out = st;
        *offset = end_off;
        return 0;
    }
}

int parse_expression_list_text(Arena *a, const char *text, size_t len, Ast ***items, int *n, Err *err)
{
    Parser p = {.a = a, .text = text, .len = len, .err = err, .max_depth = 1000, .max_elements = 1000000};
    lex_all(a, text, len, 4000000, &p.tl);
    int rc = parse_expr_list(&p, items, n, false);
    if (rc) return rc;
    if (!p_is(&p, TK_END)) return p_fail(&p, "end of expression list");
    return 0;
}

int parse_expression_text(Arena *a, const char *text, size_t len, Ast **out, Err *err)
{
    Parser p = {.a = a, .text = text, .len = len, .err = err, .max_depth = 1000, .max_elements = 1000000};
    lex_all(a, text, len, 4000000, &p.tl);
    int rc = parse_expr(&p, out);
    if (rc) return rc;
    if (!p_is(&p, TK_END)) return p_fail(&p, "end of expression");
    return 0;
}
