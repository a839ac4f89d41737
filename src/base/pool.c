/* pool.c — the process's worker threads; see pool.h. */
#include "pool.h"

#include <stdlib.h>
#include <unistd.h>

#include "mem.h"

#define POOL_MAX 64

typedef struct Job {
    void (*fn)(void *arg);
    void *arg;
    PoolWait *w;
    struct Job *next;
} Job;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;
static Job *head, *tail;
static int nthreads;
static bool started;

static void *worker(void *unused)
{
    (void)unused;
    for (;;) {
        pthread_mutex_lock(&mu);
        while (!head) pthread_cond_wait(&work, &mu);
        Job *j = head;
        head = j->next;
        if (!head) tail = NULL;
        pthread_mutex_unlock(&mu);
        j->fn(j->arg);
        mem_current = NULL;
        PoolWait *w = j->w;
        free(j);
        pthread_mutex_lock(&w->mu);
        if (--w->pending == 0) pthread_cond_broadcast(&w->done);
        pthread_mutex_unlock(&w->mu);
    }
    return NULL;
}

/* Under mu. */
static void start(void)
{
    started = true;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int want = cores < 1 ? 1 : cores > POOL_MAX ? POOL_MAX : (int)cores;
    for (int i = 0; i < want; i++) {
        pthread_t th;
        if (thread_start(&th, worker, NULL, true) == 0) nthreads++;
    }
}

int thread_start(pthread_t *th, void *(*fn)(void *), void *arg, bool detached)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    if (detached) pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, THREAD_STACK_BYTES);
    int rc = pthread_create(th, &attr, fn, arg);
    pthread_attr_destroy(&attr);
    return rc;
}

int pool_size(void)
{
    pthread_mutex_lock(&mu);
    if (!started) start();
    int n = nthreads;
    pthread_mutex_unlock(&mu);
    return n;
}

void pool_wait_init(PoolWait *w)
{
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->done, NULL);
    w->pending = 0;
}

void pool_wait_destroy(PoolWait *w)
{
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->done);
}

bool pool_submit(void (*fn)(void *arg), void *arg, PoolWait *w)
{
    Job *j = xmalloc(sizeof *j);
    *j = (Job){fn, arg, w, NULL};
    pthread_mutex_lock(&mu);
    if (!started) start();
    if (!nthreads) {
        pthread_mutex_unlock(&mu);
        free(j);
        return false;
    }
    pthread_mutex_lock(&w->mu);
    w->pending++;
    pthread_mutex_unlock(&w->mu);
    if (tail) tail->next = j;
    else head = j;
    tail = j;
    pthread_cond_signal(&work);
    pthread_mutex_unlock(&mu);
    return true;
}

void pool_wait(PoolWait *w)
{
    pthread_mutex_lock(&w->mu);
    while (w->pending) pthread_cond_wait(&w->done, &w->mu);
    pthread_mutex_unlock(&w->mu);
}
