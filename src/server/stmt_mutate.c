/* stmt_mutate.c — the statements that change rows in place: ALTER TABLE ...
 * DELETE WHERE / UPDATE c = e WHERE (mutations), lightweight DELETE FROM ...
 * WHERE, and ALTER TABLE ... DROP PARTITION. They are checked here (columns,
 * keys, types) and turned into the engine's Mutation (storage/mutation.h),
 * whose commands keep their SQL text for the engine's log and for
 * system.mutations; the engine runs them to completion before returning.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../storage/mtree.h"
#include "../storage/mutation.h"
#include "stmt.h"

/* ClickHouse's checks on UPDATE targets. */
static int check_assignment(QueryCtx *q, Table *t, AlterCmd *c, int k, Err *err)
{
    const char *col = c->assignments[k]->name;
    for (int j = 0; j < k; j++)
        if (!strcmp(c->assignments[j]->name, col))
            return err_set(err, ERR_MULTIPLE_ASSIGNMENTS_TO_COLUMN, "Multiple assignments in the single statement to column %s", col);
    int i = table_column_index(t, col);
    if (i < 0) return err_set(err, ERR_NO_SUCH_COLUMN_IN_TABLE, "There is no column %s in table", col);
    if (t->cols[i].default_kind == CD_ALIAS) return err_set(err, ERR_CANNOT_UPDATE_COLUMN, "Cannot UPDATE alias column %s", col);
    if (t->cols[i].default_kind == CD_MATERIALIZED)
        return err_set(err, ERR_CANNOT_UPDATE_COLUMN, "Cannot UPDATE materialized column %s", col);
    if (mt_is_merge_tree(t) && mt_column_in_keys(t, q, col)) return err_set(err, ERR_CANNOT_UPDATE_COLUMN, "Cannot UPDATE key column %s", col);
    return 0;
}

/* The mutation of ALTER's DELETE / UPDATE commands. */
static int build_mutation(QueryCtx *q, Table *t, StmtAlter *al, Mutation *m, Err *err)
{
    for (int i = 0; i < al->ncmds; i++) {
        AlterCmd *c = &al->cmds[i];
        char *where = stmt_format_expr(q, c->where);
        Buf text = {0};
        if (c->kind == ALT_DELETE) {
            buf_printf(&text, "DELETE WHERE %s", where);
            mutation_add(m, MUT_DELETE, where, text.data);
            buf_free(&text);
            continue;
        }
        buf_puts(&text, "UPDATE ");
        for (int k = 0; k < c->nassignments; k++) {
            int rc = check_assignment(q, t, c, k, err);
            if (rc) {
                buf_free(&text);
                return rc;
            }
            buf_printf(&text, "%s%s = %s", k ? ", " : "", c->assignments[k]->name, stmt_format_expr(q, c->assignments[k]->a));
        }
        buf_printf(&text, " WHERE %s", where);
        mutation_add(m, MUT_UPDATE, where, text.data);
        buf_free(&text);
        for (int k = 0; k < c->nassignments; k++) mutation_add_set(m, c->assignments[k]->name, stmt_format_expr(q, c->assignments[k]->a));
    }
    return 0;
}

static int run_mutation(QueryCtx *q, Table *t, Mutation *m, Err *err)
{
    if (!t->engine->mutate) return err_set(err, ERR_NOT_IMPLEMENTED, "Table engine %s doesn't support mutations", table_engine_name(t));
    return t->engine->mutate(t, q, m, err);
}

/* ALTER TABLE with row-changing commands only (DELETE, UPDATE, DROP PARTITION). */
int stmt_alter_rows(Session *s, QueryCtx *q, Table *t, StmtAlter *al, Err *err)
{
    int rc = 0;
    Mutation m = {0};
    for (int i = 0; i < al->ncmds && !rc; i++) {
        AlterCmd *c = &al->cmds[i];
        if (c->kind == ALT_DROP_PART) {
            if (!mt_is_merge_tree(t) || c->partition->kind != AST_LITERAL || c->partition->lit.kind != FV_STRING) {
                rc = err_set(err, mt_is_merge_tree(t) ? ERR_BAD_ARGUMENTS : ERR_NOT_IMPLEMENTED, "DROP PART needs a MergeTree table and a part name");
                break;
            }
            rc = mt_drop_part(t, c->partition->lit.str.s, err);
            continue;
        }
        if (c->kind != ALT_DROP_PARTITION) continue;
        if (!t->engine->drop_partition) {
            rc = err_set(err, ERR_NOT_IMPLEMENTED, "Table engine %s doesn't support partitioning", table_engine_name(t));
            break;
        }
        char pid[256];
        rc = stmt_partition_id(q, t, c->partition, c->partition_is_id, pid, sizeof pid, err);
        if (!rc) rc = t->engine->drop_partition(t, q, pid, err);
    }
    StmtAlter rows = {.cmds = arena_alloc(&q->arena, sizeof *rows.cmds * (size_t)(al->ncmds + 1))};
    for (int i = 0; i < al->ncmds; i++)
        if (al->cmds[i].kind == ALT_DELETE || al->cmds[i].kind == ALT_UPDATE) rows.cmds[rows.ncmds++] = al->cmds[i];
    if (!rc && rows.ncmds) rc = build_mutation(q, t, &rows, &m, err);
    if (!rc && rows.ncmds) rc = run_mutation(q, t, &m, err);
    mutation_free(&m);
    return rc;
}

/* DELETE FROM t WHERE p: a lightweight delete (MergeTree family only). */
int stmt_delete(Session *s, QueryCtx *q, Ast *st, Err *err)
{
    Table *t;
    int rc = catalog_get_table(s->catalog, session_table_db(s, st->db, st->name), st->name, &t, err);
    if (rc) return rc;
    if (!mt_is_merge_tree(t)) {
        rc = err_set(err, ERR_BAD_ARGUMENTS, "DELETE query is not supported for table %s.%s", t->db, t->name);
    } else if (st->b) {
        rc = err_set(err, ERR_NOT_IMPLEMENTED, "DELETE FROM ... IN PARTITION is not supported yet");
    } else {
        char *where = stmt_format_expr(q, st->a);
        Buf text = {0};
        buf_printf(&text, "UPDATE %s = 0 WHERE %s", MUT_ROW_EXISTS, where);
        Mutation m = {0};
        mutation_add(&m, MUT_LIGHTWEIGHT_DELETE, where, text.data);
        buf_free(&text);
        rc = run_mutation(q, t, &m, err);
        mutation_free(&m);
    }
    table_unref(t);
    return rc;
}
