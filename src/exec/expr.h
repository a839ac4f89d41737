/* expr.h — bound expressions and their vectorised evaluation.
 *
 * The analyzer turns AST expressions into Expr trees whose leaves are input
 * columns (by position in the operator's input chunk) or constants, and
 * whose inner nodes are resolved function calls (FuncCall). expr_eval()
 * evaluates a tree over a whole chunk. Lambdas (x -> x + 1) are Expr nodes
 * whose body is evaluated by higher-order functions over a chunk of element
 * values plus the columns the lambda captured from the outer scope.
 */
#ifndef BASALT_EXPR_H
#define BASALT_EXPR_H

#include "../func/func.h"

typedef enum ExprKind { EX_INPUT, EX_CONST, EX_FUNC, EX_LAMBDA } ExprKind;

typedef struct Expr Expr;
struct Expr {
    ExprKind kind;
    const DataType *type;
    char *name;                /* ClickHouse column name */
    int input;                 /* EX_INPUT: column index in the input chunk */
    Column *value;             /* EX_CONST: one-row column (released at query end) */
    FuncCall *call;            /* EX_FUNC */
    Expr **args;
    int nargs;
    /* EX_LAMBDA: body evaluated over [params..., captured...] */
    Expr *body;
    int nparams;
    Expr **captured;           /* expressions over the outer input */
    int ncaptured;
};

/* Evaluates e over chunk `in`; *out gets a new reference. */
int expr_eval(Expr *e, Chunk *in, Column **out, Err *err);
/* Constant Expr from a one-row column (takes the reference; released at query end). */
Expr *expr_const(QueryCtx *q, Column *one, const char *name);
Expr *expr_input(QueryCtx *q, int index, const DataType *t, const char *name);
/* True if e has no input references (it can be evaluated once). */
bool expr_is_const(const Expr *e);
/* Sets used[i] for every input column i < n that e reads. */
void expr_mark_inputs(const Expr *e, bool *used, int n);

#endif
