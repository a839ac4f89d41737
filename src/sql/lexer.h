/* lexer.h — splits SQL text into tokens (ClickHouse's lexical rules).
 *
 * The lexer never fails: malformed input becomes an ERROR token that the
 * parser reports as SYNTAX_ERROR with the position. Tokens point into the
 * query text (offset + length); nothing is copied. Comments (-- ..., # ...,
 * block comments, nested) and whitespace are skipped.
 */
#ifndef BASALT_LEXER_H
#define BASALT_LEXER_H

#include <stddef.h>

#include "../base/arena.h"

typedef enum TokKind {
    TK_END, TK_ERROR,
    TK_WORD,        /* bare word: identifier or keyword */
    TK_QIDENT,      /* `quoted` or "quoted" identifier */
    TK_NUMBER, TK_STRING,
    TK_LPAREN, TK_RPAREN, TK_LBRACKET, TK_RBRACKET, TK_LBRACE, TK_RBRACE,
    TK_COMMA, TK_SEMICOLON, TK_DOT, TK_STAR, TK_PLUS, TK_MINUS, TK_SLASH, TK_PERCENT,
    TK_ARROW, TK_QUESTION, TK_COLON, TK_DCOLON, TK_EQ, TK_NE, TK_LT, TK_GT, TK_LE, TK_GE,
    TK_SPACESHIP, TK_CONCAT, TK_PIPE, TK_AT, TK_DOLLAR, TK_HEREDOC, TK_CARET, TK_VDELIM,
} TokKind;

typedef struct Token {
    TokKind kind;
    int pos;        /* byte offset in the text */
    int len;
} Token;

typedef struct TokenList {
    Token *toks;
    int n;
} TokenList;

/* Tokenizes text[0..len); the list ends with TK_END. Stops early (ERROR token)
 * after max_tokens tokens. */
void lex_all(Arena *a, const char *text, size_t len, size_t max_tokens, TokenList *out);
const char *tok_kind_name(TokKind k);

#endif
