/* lexer.c — ClickHouse SQL tokenizer; see lexer.h.
 *
 * Follows ClickHouse's Lexer.cpp rules: numbers (decimal, 0x hex, 0b binary,
 * fractions, exponents, hex floats), 'strings' with backslash escapes and
 * doubled quotes, `identifiers` and "identifiers", $heredoc$...$heredoc$,
 * and the operator set (->, ::, <=>, ||, !=, <>, ==, ...). */
#include "lexer.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"

static int is_word_start(unsigned char c) { return isalpha(c) || c == '_' || c >= 0x80; }
static int is_word(unsigned char c) { return isalnum(c) || c == '_' || c >= 0x80; }

/* Scans a quoted run starting at p (p points at the quote); returns end or NULL. */
static const char *scan_quoted(const char *p, const char *end, char q)
{
    p++;
    while (p < end) {
        if (*p == '\\') {
            p += 2;
            continue;
        }
        if (*p == q) {
            if (p + 1 < end && p[1] == q) {
                p += 2;
                continue;
            }
            return p + 1;
        }
        p++;
    }
    return NULL;
}

static const char *scan_number(const char *p, const char *end)
{
    if (p + 1 < end && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        const char *q = p + 2;
        while (q < end && (isxdigit((unsigned char)*q) || *q == '_')) q++;
        if (q < end && *q == '.') {
            q++;
            while (q < end && isxdigit((unsigned char)*q)) q++;
        }
        if (q < end && (*q == 'p' || *q == 'P')) {
            const char *r = q + 1;
            if (r < end && (*r == '+' || *r == '-')) r++;
            if (r < end && isdigit((unsigned char)*r)) {
                while (r < end && isdigit((unsigned char)*r)) r++;
                q = r;
            }
        }
        return q;
    }
    if (p + 1 < end && p[0] == '0' && (p[1] == 'b' || p[1] == 'B') && p + 2 < end && (p[2] == '0' || p[2] == '1')) {
        const char *q = p + 2;
        while (q < end && (*q == '0' || *q == '1' || *q == '_')) q++;
        return q;
    }
    const char *q = p;
    while (q < end && (isdigit((unsigned char)*q) || (*q == '_' && q + 1 < end && isdigit((unsigned char)q[1])))) q++;
    if (q < end && *q == '.') {
        q++;
        while (q < end && isdigit((unsigned char)*q)) q++;
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
        const char *r = q + 1;
        if (r < end && (*r == '+' || *r == '-')) r++;
        if (r < end && isdigit((unsigned char)*r)) {
            while (r < end && isdigit((unsigned char)*r)) r++;
            q = r;
        }
    }
    return q;
}

/* Skips whitespace and comments; returns new position. */
static const char *skip_space(const char *p, const char *end)
{
    for (;;) {
        while (p < end && isspace((unsigned char)*p)) p++;
        if (p + 1 < end && p[0] == '-' && p[1] == '-') {
            while (p < end && *p != '\n') p++;
        } else if (p < end && *p == '#' && (p + 1 >= end || p[1] == ' ' || p[1] == '!')) {
            while (p < end && *p != '\n') p++;
        } else if (p + 1 < end && p[0] == '/' && p[1] == '*') {
            int depth = 1;
            p += 2;
            while (p < end && depth) {
                if (p + 1 < end && p[0] == '/' && p[1] == '*') depth++, p += 2;
                else if (p + 1 < end && p[0] == '*' && p[1] == '/') depth--, p += 2;
                else p++;
            }
        } else {
            return p;
        }
    }
}

static const char *scan_heredoc(const char *p, const char *end)
{
    /* $tag$ ... $tag$ */
    const char *q = p + 1;
    while (q < end && is_word((unsigned char)*q)) q++;
    if (q >= end || *q != '$') return NULL;
    size_t taglen = (size_t)(q - p + 1);
    for (const char *r = q + 1; r + taglen <= end; r++)
        if (*r == '$' && memcmp(r, p, taglen) == 0) return r + taglen;
    return NULL;
}

/* Scans one operator at p; returns its kind and sets *len. */
static TokKind scan_op(const char *p, const char *end, int *len)
{
    char c = *p, d = p + 1 < end ? p[1] : 0, e = p + 2 < end ? p[2] : 0;
    *len = 2;
    if (c == '-' && d == '>') return TK_ARROW;
    if (c == ':' && d == ':') return TK_DCOLON;
    if (c == '<' && d == '=' && e == '>') { *len = 3; return TK_SPACESHIP; }
    if (c == '<' && d == '=') return TK_LE;
    if (c == '>' && d == '=') return TK_GE;
    if (c == '<' && d == '>') return TK_NE;
    if (c == '!' && d == '=') return TK_NE;
    if (c == '=' && d == '=') return TK_EQ;
    if (c == '|' && d == '|') return TK_CONCAT;
    if (c == '\\' && d == 'G') return TK_VDELIM;
    *len = 1;
    switch (c) {
    case '(': return TK_LPAREN;
    case ')': return TK_RPAREN;
    case '[': return TK_LBRACKET;
    case ']': return TK_RBRACKET;
    case '{': return TK_LBRACE;
    case '}': return TK_RBRACE;
    case ',': return TK_COMMA;
    case ';': return TK_SEMICOLON;
    case '.': return TK_DOT;
    case '*': return TK_STAR;
    case '+': return TK_PLUS;
    case '-': return TK_MINUS;
    case '/': return TK_SLASH;
    case '%': return TK_PERCENT;
    case '?': return TK_QUESTION;
    case ':': return TK_COLON;
    case '=': return TK_EQ;
    case '<': return TK_LT;
    case '>': return TK_GT;
    case '|': return TK_PIPE;
    case '@': return TK_AT;
    case '^': return TK_CARET;
    default: return TK_ERROR;
    }
}

void lex_all(Arena *a, const char *text, size_t len, size_t max_tokens, TokenList *out)
{
    size_t cap = 64;
    Token *toks = xmalloc(cap * sizeof *toks);
    int n = 0;
    const char *p = text, *end = text + len;
    for (;;) {
        if ((size_t)n + 2 > cap) toks = xrealloc(toks, (cap *= 2) * sizeof *toks);
        p = skip_space(p, end);
        Token t = {TK_END, (int)(p - text), 0};
        if (p >= end) {
            toks[n++] = t;
            break;
        }
        if ((size_t)n >= max_tokens) {
            t.kind = TK_ERROR;
            toks[n++] = t;
            break;
        }
        unsigned char c = (unsigned char)*p;
        const char *q = NULL;
        if (isdigit(c) || (c == '.' && p + 1 < end && isdigit((unsigned char)p[1]) &&
                           !(n > 0 && (toks[n - 1].kind == TK_WORD || toks[n - 1].kind == TK_QIDENT ||
                                       toks[n - 1].kind == TK_RPAREN || toks[n - 1].kind == TK_RBRACKET ||
                                       toks[n - 1].kind == TK_NUMBER)))) {
            q = scan_number(p, end);
            t.kind = TK_NUMBER;
            /* A number glued to letters (1abc) is a word, as in ClickHouse identifiers like 1a? no: error. */
            if (q < end && is_word_start((unsigned char)*q) && !(q[-1] == 'e' || q[-1] == 'E')) {
                while (q < end && is_word((unsigned char)*q)) q++;
                t.kind = TK_WORD;
            }
        } else if (is_word_start(c)) {
            q = p + 1;
            while (q < end && is_word((unsigned char)*q)) q++;
            t.kind = TK_WORD;
        } else if (c == '\'') {
            q = scan_quoted(p, end, '\'');
            t.kind = TK_STRING;
        } else if (c == '`' || c == '"') {
            q = scan_quoted(p, end, (char)c);
            t.kind = TK_QIDENT;
            if (q && memchr(p, 0, (size_t)(q - p))) t.kind = TK_ERROR;   /* a name holds no NUL byte */
        } else if (c == '$') {
            q = scan_heredoc(p, end);
            t.kind = TK_HEREDOC;
            if (!q) {
                q = p + 1;
                t.kind = TK_DOLLAR;
            }
        } else {
            int l;
            t.kind = scan_op(p, end, &l);
            q = p + l;
        }
        if (!q) {
            t.kind = TK_ERROR;
            q = end;
        }
        t.len = (int)(q - p);
        toks[n++] = t;
        if (t.kind == TK_ERROR) {
            toks[n++] = (Token){TK_END, (int)len, 0};
            break;
        }
        p = q;
    }
    out->toks = arena_memdup(a, toks, (size_t)n * sizeof *toks);
    out->n = n;
    free(toks);
}

const char *tok_kind_name(TokKind k)
{
    static const char *N[] = {"end of query", "error", "word", "quoted identifier", "number", "string literal",
                              "'('", "')'", "'['", "']'", "'{'", "'}'", "','", "';'", "'.'", "'*'", "'+'",
                              "'-'", "'/'", "'%'", "'->'", "'?'", "':'", "'::'", "'='", "'!='", "'<'", "'>'",
                              "'<='", "'>='", "'<=>'", "'||'", "'|'", "'@'", "'$'", "heredoc", "'^'", "'\\G'"};
    return N[k];
}
