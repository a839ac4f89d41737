/* insert_pipe.c — INSERT ... FORMAT into a MergeTree table with parsing and
 * writing overlapped: the statement's thread parses block N+1 while a second
 * thread sorts, compresses and writes block N into parts. Blocks are inserted
 * in order, one at a time; the statement returns (and the INSERT is
 * acknowledged) only after every block handed over is committed, and the
 * first failure on either side stops both. See insert_pipe.h.
 *
 * From its second block on, the INSERT counts as a bulk load of the table
 * (mt_bulk_insert), which holds background merges off until it ends.
 *
 * The inserting thread has its own QueryCtx (a copy of the statement's
 * settings, zone, database and catalog; its memory tracker a child of the
 * statement's), so the two threads never share an arena.
 */
#include "insert_pipe.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/pool.h"
#include "../storage/mtree.h"
#include "stmt.h"

struct InsertPipe {
    pthread_t th;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    Table *t;
    QueryCtx iq;        /* the inserting thread's context */
    Chunk *slot;        /* the next block to insert (NULL: empty) */
    bool done;          /* no more blocks */
    int rc;             /* first insert failure */
    Err err;
    int blocks;         /* pushed so far */
    bool bulk;          /* counted as a bulk insert (mt_bulk_insert) */
};

static void *inserter(void *arg)
{
    InsertPipe *p = arg;
    mem_current = &p->iq.mem;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->slot && !p->done) pthread_cond_wait(&p->cond, &p->lock);
        Chunk *block = p->slot;
        p->slot = NULL;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
        if (!block) break;
        Err e;
        int rc = table_insert(&p->iq, p->t, block, &e);
        chunk_free(block);
        if (rc) {
            pthread_mutex_lock(&p->lock);
            p->rc = rc;
            p->err = e;
            pthread_cond_broadcast(&p->cond);
            pthread_mutex_unlock(&p->lock);
            break;
        }
    }
    mem_current = NULL;
    return NULL;
}

InsertPipe *insert_pipe_start(QueryCtx *q, Table *t)
{
    InsertPipe *p = xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);
    p->t = t;
    qctx_init(&p->iq);
    settings_free(&p->iq.settings);
    settings_copy(&p->iq.settings, &q->settings);
    p->iq.mem.parent = &q->mem;
    p->iq.tz = q->tz;
    p->iq.database = q->database;
    p->iq.catalog = q->catalog;
    p->iq.session = q->session;
    p->iq.now_us = q->now_us;
    p->iq.rand_state = q->rand_state;
    p->iq.cancel = q->cancel;
    memcpy(p->iq.query_id, q->query_id, sizeof p->iq.query_id);
    if (thread_start(&p->th, inserter, p, false) != 0) {
        qctx_finish(&p->iq);
        pthread_cond_destroy(&p->cond);
        pthread_mutex_destroy(&p->lock);
        free(p);
        return NULL;
    }
    return p;
}

int insert_pipe_push(InsertPipe *p, Chunk *block, Err *err)
{
    if (++p->blocks == 2 && mt_is_merge_tree(p->t)) {   /* more than one block: a bulk load */
        mt_bulk_insert(p->t, 1);
        p->bulk = true;
    }
    pthread_mutex_lock(&p->lock);
    while (p->slot && !p->rc) pthread_cond_wait(&p->cond, &p->lock);
    int rc = p->rc;
    if (rc) *err = p->err;
    else p->slot = block;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    if (rc) chunk_free(block);
    return rc;
}

int insert_pipe_finish(InsertPipe *p, Err *err)
{
    pthread_mutex_lock(&p->lock);
    p->done = true;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->th, NULL);
    if (p->bulk) mt_bulk_insert(p->t, -1);
    chunk_free(p->slot);   /* a block left when the inserter failed */
    int rc = p->rc;
    if (rc) *err = p->err;
    qctx_finish(&p->iq);
    pthread_cond_destroy(&p->cond);
    pthread_mutex_destroy(&p->lock);
    free(p);
    return rc;
}
