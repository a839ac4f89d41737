/* mt_merge.c — background merges of MergeTree parts (see mt_table.h). */
#include "mt_table.h"

void mt_merger_start(MtTable *mt) { (void)mt; }
void mt_merger_stop(MtTable *mt) { (void)mt; }
void mt_merger_wake(MtTable *mt) { (void)mt; }
int mt_optimize(Table *t, QueryCtx *q, const char *partition_id, bool final, Err *err)
{
    (void)t; (void)q; (void)partition_id; (void)final;
    return err_set(err, ERR_NOT_IMPLEMENTED, "OPTIMIZE is not implemented yet");
}
