/* func.h — the scalar function registry and how a call is resolved and run.
 *
 * A FuncDef (one line in a family's table, see functions.def) names a kernel
 * and a resolver. At analysis time func_resolve() looks the name up, checks
 * the argument count, applies ClickHouse's default handling of NULL (any NULL
 * argument -> NULL result, the kernel sees non-Nullable types), of
 * LowCardinality and of Nullable(Nothing) literals, then asks the resolver
 * for the result type. At execution func_exec() does the same unwrapping on
 * columns, folds calls whose arguments are all constant into constants, and
 * runs the kernel over whole columns (never per row through a pointer).
 */
#ifndef BASALT_FUNC_H
#define BASALT_FUNC_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/qctx.h"
#include "../column/cast.h"
#include "../column/column.h"

typedef struct FuncCall FuncCall;
typedef int (*FuncResolve)(FuncCall *fc, Err *err);
typedef int (*FuncExec)(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err);

enum {
    FF_NULLS = 1,          /* default NULL handling */
    FF_LC = 2,             /* default LowCardinality handling (strip, re-wrap result) */
    FF_NONDET = 4,         /* not folded to a constant (rand, now per row...) */
    FF_CI = 8,             /* name is case-insensitive */
    FF_RAW_CONST = 16,     /* kernel handles constant columns itself */
    FF_LAMBDA = 32,        /* higher-order: argument 0 is a lambda */
    FF_NOTHING_OK = 64,    /* Nullable(Nothing) arguments are not short-circuited */
    FF_SHORT_CIRCUIT = 128,/* if/multiIf/and/or: arguments may be evaluated lazily */
    FF_AGG = 256,          /* listed as aggregate in system.functions */
};

#define FN_DEFAULT (FF_NULLS | FF_LC)

typedef struct FuncDef {
    const char *name;
    int min_args, max_args;      /* max -1 = unbounded */
    unsigned flags;
    FuncResolve resolve;
    FuncExec exec;
    const char *alias_of;        /* set for aliases (system.functions) */
} FuncDef;

/* Evaluates a lambda over a chunk whose first columns are the lambda's
 * parameters and the rest its captured columns (already row-aligned). */
typedef int (*LambdaEval)(void *lambda, Chunk *in, Column **out, Err *err);

struct FuncCall {
    const FuncDef *def;
    QueryCtx *q;
    const char *name;            /* as written */
    int nargs;
    const DataType **types;      /* argument types the kernel sees */
    Column **consts;             /* constant argument values (1 row) or NULL */
    const DataType *ret;         /* kernel result type */
    const DataType *out_type;    /* type of the call's result */
    bool *stripped;              /* args whose Nullable was stripped */
    bool null_wrap, lc_wrap, null_result;
    void *state;                 /* kernel-private, arena-allocated */
    /* higher-order functions */
    void *lambda;
    LambdaEval lambda_eval;
    const DataType *lambda_ret;  /* result type of the lambda body */
    int lambda_nparams;
    int ncaptured;               /* trailing args that are captured columns */
};

/* Registry. */
const FuncDef *func_find(const char *name);
/* Iterates all names (canonical and aliases): returns NULL past the end. */
const FuncDef *func_at(size_t i);
bool func_is_aggregate_name(const char *name);

/* Resolve: fills fc (allocated by caller, arena memory for arrays). */
int func_resolve(FuncCall *fc, QueryCtx *q, const char *name, const DataType **types, Column **consts, int nargs,
                 Err *err);
/* Execute over `rows` rows; args are the evaluated argument columns. */
int func_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err);

/* ---- helpers for kernels ---- */
/* New column of a fixed-width type with `rows` uninitialised values (data.len set). */
Column *fn_fixed(const DataType *t, size_t rows);
/* Casts c to t (CAST semantics, throws). */
int fn_cast(FuncCall *fc, Column *c, const DataType *t, Column **out, Err *err);
/* Format settings derived from the query (time zone etc). */
void fn_format_settings(QueryCtx *q, FormatSettings *fs);
/* Constant argument i as a string / integer (resolver helpers); false if not constant. */
bool fn_const_str(FuncCall *fc, int i, const char **s, size_t *n);
bool fn_const_int(FuncCall *fc, int i, int64_t *v);
int fn_err_arg_type(FuncCall *fc, int i, Err *err);
int fn_err_const(FuncCall *fc, int i, Err *err);

/* Family tables, listed in functions.def. */
#define FUNC_FAMILY(name) extern const FuncDef FUNCS_##name[];
#include "functions.def"
#undef FUNC_FAMILY

#endif
