/* parser.h — recursive-descent parser for ClickHouse SQL.
 *
 * One function per grammar rule (parse_expr.c: expressions, parse_select.c:
 * SELECT and table expressions, parse_stmt.c: every other statement). The
 * parser works on the token list from lexer.c and allocates the AST in the
 * query arena. Depth (max_parser_depth) and element count (max_ast_elements)
 * are bounded so hostile queries fail with an error instead of exhausting the
 * stack. Errors are SYNTAX_ERROR with the failing position, as ClickHouse's.
 */
#ifndef BASALT_PARSER_H
#define BASALT_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"
#include "../base/err.h"
#include "../base/qctx.h"
#include "ast.h"
#include "lexer.h"

typedef struct Parser {
    Arena *a;
    const char *text;
    size_t len;
    TokenList tl;
    int i;                  /* current token */
    Err *err;
    int depth, max_depth;
    long elements, max_elements;
    bool failed;
    int best_pos;           /* furthest position reached, for error messages */
    const char *expected;   /* what was expected there */
} Parser;

typedef struct ParseLimits {
    size_t max_query_size;
    int max_parser_depth;
    long max_ast_elements;
} ParseLimits;

/* Parses one statement starting at byte offset *offset of text; on success sets
 * *out and advances *offset past the statement and its ';'. Sets *out = NULL at
 * end of input. INSERT ... FORMAT data inline is captured as described in
 * ast.h (StmtInsert.data). */
int parse_next_statement(Arena *a, const char *text, size_t len, size_t *offset, const ParseLimits *lim,
                         Ast **out, Err *err);

/* Replaces the `{name:Identifier}` parameters of text[0, len) by their
 * values as quoted identifiers (params.c); *changed says whether any was,
 * out then holds the new text. UNKNOWN_QUERY_PARAMETER for a missing one. */
int sql_substitute_identifiers(const char *text, size_t len, const QueryParam *params, int nparams, Buf *out, bool *changed, Err *err);

/* Parses a single expression (used for DEFAULT expressions, parameters, Values). */
int parse_expression_text(Arena *a, const char *text, size_t len, Ast **out, Err *err);
/* A comma-separated list of expressions ("a, toDate(b)"). */
int parse_expression_list_text(Arena *a, const char *text, size_t len, Ast ***items, int *n, Err *err);

/* ---- internals shared by parse_*.c ---- */
Token *p_tok(Parser *p);
Token *p_peek(Parser *p, int ahead);
bool p_is(Parser *p, TokKind k);
bool p_accept(Parser *p, TokKind k);
bool p_kw_at(Parser *p, int ahead, const char *kw);
bool p_is_kw(Parser *p, const char *kw);
bool p_accept_kw(Parser *p, const char *kw);
bool p_accept_kws(Parser *p, const char *kw1, const char *kw2);   /* two words in a row */
int p_expect(Parser *p, TokKind k, const char *what);
int p_expect_kw(Parser *p, const char *kw);
int p_fail(Parser *p, const char *expected);
char *p_tok_text(Parser *p, Token *t);          /* raw text of a token */
char *p_ident_text(Parser *p, Token *t);        /* identifier: unquoted */
int p_ident(Parser *p, char **out);             /* WORD or QIDENT */
int p_compound_name(Parser *p, char **db, char **name); /* [db.]name */
int p_string(Parser *p, char **out, size_t *len);
bool p_is_reserved(Parser *p, Token *t);        /* cannot be a bare alias */
int p_enter(Parser *p);
void p_leave(Parser *p);
Ast *p_node(Parser *p, AstKind kind);
int p_unescape_string(Parser *p, Token *t, char **out, size_t *len);

int parse_expr(Parser *p, Ast **out);
int parse_expr_with_alias(Parser *p, Ast **out, bool allow_bare_alias);
int parse_expr_list(Parser *p, Ast ***items, int *n, bool allow_bare_alias);
int parse_type_text(Parser *p, char **out);     /* a type name, as text */
int parse_select_union(Parser *p, Ast **out);
int parse_select_or_subquery_union(Parser *p, Ast **out);
int parse_order_list(Parser *p, Ast ***items, int *n);
/* A window specification, "(" ... ")" (OVER, WINDOW w AS). */
int parse_window_spec(Parser *p, Ast **out);
int parse_settings_list(Parser *p, Ast ***items, int *n);
int parse_table_expr(Parser *p, Ast **out);
int parse_statement(Parser *p, Ast **out);
/* parse_access.c: called with the statement's next word at USER / ROLE / GRANTS ... */
int parse_access_create(Parser *p, bool alter, Ast **out);
int parse_access_drop(Parser *p, Ast **out);
int parse_access_grant(Parser *p, bool revoke, Ast **out);
int parse_access_set_role(Parser *p, Ast **out);
int parse_access_show(Parser *p, Ast **out);
int parse_literal(Parser *p, Ast **out, bool *ok);

#endif
