/* mview.c — materialized views at insert time, and the one way the server
 * layer inserts a block into a table (table_insert).
 *
 * A materialized view (CREATE MATERIALIZED VIEW, stmt_ddl.c) is a view
 * table marked is_mv with a source table (the leftmost table of its query)
 * and a target (the table it was created TO, or its inner table). After a
 * block is written to a table, every materialized view whose source it is
 * runs its query over that block alone: the block becomes a Memory table of
 * the source's db and name (QueryCtx.block_table, which from.c reads instead
 * of the catalog's), and the rows the query makes go to the target through
 * table_insert again, by column name, so views on views follow. The INSERT
 * is acknowledged only after every view has written its rows; a view that
 * fails fails the INSERT (the source's own block is already written, as in
 * ClickHouse).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../sql/parser.h"
#include "stmt.h"

#define MV_MAX_DEPTH 32

/* The leftmost table of a query: through JOINs and FROM subqueries. */
static bool leftmost_table(Ast *u, char **db, char **name)
{
    if (!u || u->kind != AST_SELECT_UNION || u->nargs < 1) return false;
    Ast *sel = u->args[0];
    if (sel->kind == AST_SELECT_UNION) return leftmost_table(sel, db, name);
    if (sel->kind != AST_SELECT || !sel->sel || !sel->sel->from) return false;
    Ast *f = sel->sel->from;
    while (f->kind == AST_JOIN) f = f->a;
    if (f->kind != AST_TABLE) return false;
    if (f->a) return f->a->kind == AST_SUBQUERY && leftmost_table(f->a->a, db, name);
    *db = f->db;
    *name = f->name;
    return true;
}

int mview_source(QueryCtx *q, Ast *query, char **db, char **name, Err *err)
{
    *db = *name = NULL;
    if (!leftmost_table(query, db, name))
        return err_set(err, ERR_INCORRECT_QUERY, "The query of a materialized view must read a table (its source)");
    if (!*db) *db = q->database;
    return 0;
}

/* Runs view mv's query over ch, the block just written to its source src,
 * and inserts what it makes into the view's target. */
static int run_view(QueryCtx *q, Table *mv, Table *src, Chunk *ch, Err *err)
{
    Table *to;
    int rc = catalog_get_table(q->catalog, mv->mv_to_db, mv->mv_to, &to, err);
    if (rc) return rc;
    QueryCtx vq;
    qctx_init(&vq);
    settings_free(&vq.settings);
    settings_copy(&vq.settings, &q->settings);
    vq.mem.parent = &q->mem;
    vq.tz = q->tz;
    vq.database = q->database;
    vq.catalog = q->catalog;
    vq.session = q->session;
    vq.now_us = q->now_us;
    vq.user = q->user;
    vq.cancel = q->cancel;
    vq.mv_depth = q->mv_depth + 1;
    snprintf(vq.query_id, sizeof vq.query_id, "%s", q->query_id);
    /* the block, as a table of the source's name */
    Table *blk = table_new(src->db, src->name, src->cols, src->ncols);
    blk->engine = &ENGINE_MEMORY;
    if (!(rc = engine_memory_init(blk, err))) rc = ENGINE_MEMORY.insert(blk, &vq, ch, err);
    vq.block_table = blk;
    Ast *st = NULL;
    size_t off = 0;
    ParseLimits lim = {0};
    char *sql = arena_strdup(&vq.arena, mv->view_sql);
    if (!rc) rc = parse_next_statement(&vq.arena, sql, strlen(sql), &off, &lim, &st, err);
    Op *op = NULL;
    if (!rc) rc = plan_select(&vq, st, &op, err);
    int *colmap = arena_alloc(&vq.arena, sizeof *colmap * (size_t)(to->ncols + 1));
    for (int i = 0; !rc && i < to->ncols; i++) {
        colmap[i] = -1;
        for (int k = 0; k < op->ncols; k++)
            if (!strcmp(op->names[k], to->cols[i].name)) colmap[i] = k;
    }
    while (!rc) {
        Chunk *out, *full;
        if ((rc = op_next(op, &out, err)) || !out) break;
        rc = complete_insert_chunk(&vq, to, out, colmap, &full, err);
        chunk_free(out);
        if (rc) break;
        rc = table_insert(&vq, to, full, err);
        chunk_free(full);
    }
    if (op) op_close(op);
    vq.block_table = NULL;
    qctx_finish(&vq);
    settings_free(&vq.settings);
    table_unref(blk);
    table_unref(to);
    return rc;
}

/* The materialized views whose source is t (references taken). */
static int views_of(QueryCtx *q, Table *t, Table ***out)
{
    int n = 0;
    char **dbs;
    int ndb;
    catalog_list_databases(q->catalog, &q->arena, &dbs, &ndb);
    for (int d = 0; d < ndb; d++) {
        Table **ts;
        int nt;
        if (catalog_list_tables(q->catalog, dbs[d], &ts, &nt)) continue;
        for (int i = 0; i < nt; i++) {
            if (ts[i]->is_mv && ts[i]->mv_src && !strcmp(ts[i]->mv_src_db, t->db) && !strcmp(ts[i]->mv_src, t->name)) {
                *out = xrealloc(*out, sizeof **out * (size_t)(n + 1));
                (*out)[n++] = ts[i];
            } else {
                table_unref(ts[i]);
            }
        }
        free(ts);
    }
    return n;
}

int table_insert(QueryCtx *q, Table *t, Chunk *ch, Err *err)
{
    int rc = t->engine->insert(t, q, ch, err);
    /* the catalog is searched only once a materialized view was ever made */
    if (rc || t->is_temporary || ch->rows == 0 || !q->catalog->had_mviews) return rc;
    Table **views = NULL;
    int n = views_of(q, t, &views);
    if (n && q->mv_depth >= MV_MAX_DEPTH)
        rc = err_set(err, ERR_TOO_DEEP_RECURSION, "Materialized views nested deeper than %d (a cycle?)", MV_MAX_DEPTH);
    for (int i = 0; i < n; i++) {
        if (!rc) rc = run_view(q, views[i], t, ch, err);
        table_unref(views[i]);
    }
    free(views);
    return rc;
}
