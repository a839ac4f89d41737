/* op_fill.h — ORDER BY ... WITH FILL over the sorted rows (op_fill.c); the
 * planner (analyze/select.c, plan_tail) puts it after the sort, before
 * LIMIT BY and LIMIT, and checks the bounds' types.
 */
#ifndef BASALT_OP_FILL_H
#define BASALT_OP_FILL_H

#include "op.h"

typedef struct FillSpec {
    int col;                 /* the fill column */
    int *prefix, nprefix;    /* ORDER BY columns before it: runs are filled apart */
    bool desc;
    Column *from, *to;       /* one value of the column's type, or NULL */
    long double step;        /* in the column's units (negative for DESC) */
    int months;              /* STEP INTERVAL n MONTH / QUARTER / YEAR: calendar months instead */
} FillSpec;

Op *op_fill(Op *in, const FillSpec *f);

#endif
