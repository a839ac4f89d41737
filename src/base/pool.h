/* pool.h — the process's worker threads.
 *
 * A fixed set of threads (one per core, started on first use) runs the jobs
 * parallel pipelines hand it (exec/op_parallel.c), first come first served.
 * A job must not wait for another job (it may wait for the thread that
 * submitted it), so jobs queued behind busy threads only wait their turn.
 */
#ifndef BASALT_POOL_H
#define BASALT_POOL_H

#include <pthread.h>
#include <stdbool.h>

/* Jobs to wait for as a group. */
typedef struct PoolWait {
    pthread_mutex_t mu;
    pthread_cond_t done;
    int pending;
} PoolWait;

void pool_wait_init(PoolWait *w);
void pool_wait_destroy(PoolWait *w);
/* Queues fn(arg), counted in w; false if the pool has no thread to run it. */
bool pool_submit(void (*fn)(void *arg), void *arg, PoolWait *w);
/* Returns when every job counted in w has finished. */
void pool_wait(PoolWait *w);
/* The pool's threads (started on first use). */
int pool_size(void);

/* Every thread basalt starts: pthread_create with an 8 MiB stack (musl's
 * default is 128 KiB, too small for a merge's frames), detached if asked. */
#define THREAD_STACK_BYTES (8u << 20)
int thread_start(pthread_t *th, void *(*fn)(void *), void *arg, bool detached);

#endif
