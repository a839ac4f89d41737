/* analyze.h — semantic analysis and planning: AST -> operator pipeline.
 *
 * plan_select() resolves names (columns, aliases, lambda parameters, CTEs),
 * types every expression, checks aggregation rules, runs uncorrelated
 * subqueries (scalar, IN, EXISTS) and builds the Op tree: source -> array
 * join -> filter -> aggregate -> having -> project -> distinct -> sort ->
 * limit by -> limit. The planner is deliberately direct (no separate logical
 * plan yet); optimizer rules (pushdown, PREWHERE, key ranges) will sit between
 * binding and Op construction in plan/ (issues 3 and 4).
 */
#ifndef BASALT_ANALYZE_H
#define BASALT_ANALYZE_H

#include "../exec/op.h"
#include "../sql/ast.h"
#include "../storage/table.h"

/* Plans a SELECT (or UNION). The Op's header gives the result columns. */
int plan_select(QueryCtx *q, Ast *query, Op **out, Err *err);

/* Evaluates a constant expression (no columns) to a one-row column. */
int eval_const_expr(QueryCtx *q, Ast *e, Column **out, Err *err);

/* Binds an expression over a table's columns (DEFAULT expressions, ALTER UPDATE):
 * input chunk = table columns in order. */
int bind_table_expr(QueryCtx *q, Table *t, Ast *e, Expr **out, Err *err);
/* Binds an expression over an arbitrary header. */
int bind_over_header(QueryCtx *q, int n, char **names, const DataType **types, Ast *e, Expr **out, Err *err);

/* Table function (numbers(10), values(...), ...) as a source operator. */
int plan_table_function(QueryCtx *q, Ast *func, Op **out, Err *err);

/* Runs a query plan to completion collecting all chunks (subqueries). */
int run_to_chunks(QueryCtx *q, Ast *query, Op **op_out, Chunk ***chunks, int *n, Err *err);

#endif
