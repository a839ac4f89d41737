/* op_window.h — window functions (f(...) OVER (PARTITION BY ... ORDER BY ...
 * frame)): the operator the planner (analyze/window.c) puts after
 * aggregation and HAVING, before the SELECT list is computed. It holds the
 * whole input, and for each window call sorts a row permutation by the
 * partition and order keys, walks the partitions and writes one result per
 * row; the output is the input columns plus one column per call, in the
 * order of the last call's sort (as ClickHouse emits them).
 */
#ifndef BASALT_OP_WINDOW_H
#define BASALT_OP_WINDOW_H

#include "op.h"

typedef enum {
    WIN_ROW_NUMBER, WIN_RANK, WIN_DENSE_RANK, WIN_PERCENT_RANK, WIN_CUME_DIST, WIN_NTILE,
    WIN_LAG, WIN_LEAD,                  /* lag / lead: by rows of the partition, frame ignored */
    WIN_LAG_IN_FRAME, WIN_LEAD_IN_FRAME, WIN_NTH_VALUE,   /* within the frame */
    WIN_AGG,                            /* an aggregate over the frame */
} WinKind;

/* One end of a frame; n rows (ROWS) or a distance in the order key (RANGE). */
typedef enum { WEND_UNBOUNDED_PRECEDING, WEND_PRECEDING, WEND_CURRENT, WEND_FOLLOWING, WEND_UNBOUNDED_FOLLOWING } WinEnd;

typedef struct WinCall {
    WinKind kind;
    int *part; int npart;         /* input columns */
    SortKey *order; int norder;   /* over input columns */
    bool rows;                    /* ROWS frame, else RANGE */
    WinEnd start, end;
    double start_n, end_n;        /* PRECEDING / FOLLOWING distances */
    int *args; int nargs;         /* input columns */
    AggCall *agg;                 /* WIN_AGG */
    int64_t param;                /* ntile buckets, lag/lead offset, nth_value n */
    const DataType *type;         /* result */
} WinCall;

Op *op_window(Op *in, WinCall *calls, int n, char **names);

#endif
