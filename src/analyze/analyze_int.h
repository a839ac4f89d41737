/* analyze_int.h — internals shared by the analyzer's files (bind.c,
 * select.c, from.c): scopes, the binder state, lambda frames. */
#ifndef BASALT_ANALYZE_INT_H
#define BASALT_ANALYZE_INT_H

#include "analyze.h"

typedef struct ScopeCol {
    char *name;
    char *table;        /* qualifier (alias or table name), or NULL */
    char *db;
    const DataType *type;
    int index;          /* column in the input chunk */
    bool hidden;        /* not expanded by * */
    bool sizes;         /* a String read as its lengths (UInt64): only size_use() may bind it */
    Ast *alias_expr;    /* ALIAS column of a table: expands to this expression */
} ScopeCol;

typedef struct CteDef {
    char *name;
    Ast *query;         /* SELECT_UNION */
} CteDef;

typedef struct Scope {
    ScopeCol *cols;
    int ncols;
    char **alias_names;
    Ast **alias_asts;
    int naliases;
    CteDef *ctes;
    int nctes;
    struct Scope *outer;    /* enclosing query (CTEs and WITH aliases are visible) */
    char **qualifiers;      /* table names/aliases present in FROM */
    int nqualifiers;
    SelectAst *sel;         /* the query (error messages print it), or NULL */
} Scope;

typedef struct LambdaFrame {
    char **params;
    const DataType **ptypes;
    int nparams;
    Expr **captured;
    int ncaptured, capcap;
    struct LambdaFrame *outer;
} LambdaFrame;

typedef struct PostMap {
    char **names;
    const DataType **types;
    int n;
} PostMap;

typedef struct Binder {
    QueryCtx *q;
    Scope *scope;
    PostMap *post;
    PostMap *named;     /* columns found by full expression name (arrayJoin(...) results) */
    LambdaFrame *lambda;
    const char *resolving[64];
    int nresolving;
    int depth;
    bool allow_agg_in_post;  /* unused marker */
    bool allow_sizes;        /* binding the argument of a size_use(): a sizes column may appear */
    bool saw_sizes;          /* ... and one did */
} Binder;

/* prune.c: the identifiers a statement uses; a scan reads only those columns */
void *ident_set_collect(QueryCtx *q, const Ast *statement);
bool ident_set_wants(const void *set, const char *column);
/* The identifiers a SELECT uses outside WHERE / PREWHERE. */
void *ident_set_collect_after_filters(QueryCtx *q, const SelectAst *sel);
/* Order of first use of a column in the statement (-1: unused; 0 for all with SELECT *). */
int ident_set_rank(const void *set, const char *column);
/* True if every use of the name is the argument of a size_use(): a scan
 * may then read the column's lengths instead of its bytes. */
bool ident_set_sizes_only(const void *set, const char *column);

/* Uses of a String that need only its length: length(x), empty(x),
 * notEmpty(x), x = '' and x != '' (either side). Returns the identifier x,
 * or NULL; *kind says which. prune.c and the binder share it, so a column
 * read as lengths is bound only where its length is all that is asked. */
typedef enum { SIZE_LENGTH, SIZE_EMPTY, SIZE_NOT_EMPTY } SizeUse;
const Ast *size_use(const Ast *e, SizeUse *kind);

/* rewrite_agg.c: sum(x*2) -> sum(x)*2 and friends, before aggregates are collected */
void rewrite_agg_arith(QueryCtx *q, Scope *s, SelectAst *sel);
/* rewrite_like.c: x LIKE 'abc%' -> startsWith(x, 'abc') in the filters */
void rewrite_like_affix(QueryCtx *q, SelectAst *sel);

/* bind.c */
int bind_expr(Binder *b, Ast *e, Expr **out, Err *err);
/* The call fname(args) named name (a function, resolved for the args' types). */
int bind_call(Binder *b, const char *fname, const char *name, Expr **args, int nargs, Expr **out, Err *err);
char *ast_name(QueryCtx *q, const Ast *e);
int literal_column(QueryCtx *q, const Field *f, Column **out, Err *err);
Expr *expr_rename(QueryCtx *q, Expr *e, const char *name);
int scope_add(QueryCtx *q, Scope *s, const char *name, const char *table, const DataType *t, int index);
Ast *scope_alias(Scope *s, const char *name);
int run_subquery(Binder *b, Ast *query, Chunk **out, Op **op, Err *err);
bool ast_has_aggregate(const Ast *e);

/* from.c */
int plan_from(QueryCtx *q, Scope *outer, Ast *from, Op **out, Scope *scope, Err *err);

/* window.c: window functions, after aggregation and HAVING; their results
 * are then bound by name (b->post or b->named) */
int plan_windows(QueryCtx *q, SelectAst *s, Binder *b, Op **op, Err *err);

/* select.c */
int plan_select_in(QueryCtx *q, Scope *outer, Ast *query, Op **out, Err *err);

#endif
