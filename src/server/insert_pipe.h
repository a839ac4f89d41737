/* insert_pipe.h — inserting blocks on a second thread while the statement's
 * thread parses the next one (insert_pipe.c). */
#ifndef BASALT_INSERT_PIPE_H
#define BASALT_INSERT_PIPE_H

#include "../base/qctx.h"
#include "../storage/table.h"

typedef struct InsertPipe InsertPipe;

/* Starts the inserting thread for table t (NULL if it cannot: insert directly). */
InsertPipe *insert_pipe_start(QueryCtx *q, Table *t);
/* Hands block over (ownership too), waiting while the previous one is still
 * queued; fails with the inserter's error once an insert failed. */
int insert_pipe_push(InsertPipe *p, Chunk *block, Err *err);
/* Waits until every block handed over is inserted; the first failure. */
int insert_pipe_finish(InsertPipe *p, Err *err);

#endif
