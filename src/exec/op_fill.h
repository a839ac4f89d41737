/* op_fill.h — ORDER BY ... WITH FILL over the sorted rows (op_fill.c); the
 * planner (analyze/select.c, plan_tail) puts it after the sort, before
 * LIMIT BY and LIMIT, and checks the bounds' types.
 */
#ifndef BASALT_OP_FILL_H
#define BASALT_OP_FILL_H

#include "op.h"

#define FILL_MAX_LEVELS 8     /* WITH FILL columns in one ORDER BY */

/* One ORDER BY column WITH FILL. */
typedef struct FillSpec {
    int col;                 /* the fill column */
    bool desc;
    Column *from, *to;       /* one value of the column's type, or NULL */
    long double step;        /* in the column's units (negative for DESC) */
    int months;              /* STEP INTERVAL n MONTH / QUARTER / YEAR: calendar months instead */
} FillSpec;

/* levels: the WITH FILL columns in ORDER BY order; prefix: the ORDER BY
 * columns before the first of them (runs of equal prefix are filled apart). */
Op *op_fill(Op *in, const FillSpec *levels, int nlevels, const int *prefix, int nprefix);

#endif
