/* agg_hints.c — group counts remembered across queries; see agg_hints.h.
 * A small table replaced round-robin, under a mutex (one lookup and one
 * store per aggregation). */
#include "agg_hints.h"

#include <pthread.h>

#include "../base/buf.h"
#include "../base/hash.h"
#include "op.h"

#define HINTS 64

static struct {
    uint64_t key;
    int nparts;
    size_t groups;
} hints[HINTS];
static int next_slot;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

uint64_t agg_hint_key(Op *in, const int *keys, int nkeys)
{
    Buf b = {0};
    op_explain(in, &b);
    for (int k = 0; k < nkeys; k++) {
        buf_putc(&b, '\n');
        op_column_sql(in, keys[k], &b);
    }
    uint64_t h = cityhash64(b.data ? b.data : "", b.len);
    buf_free(&b);
    return h | 1;   /* 0 marks a free slot */
}

size_t agg_hint_get(uint64_t key, int nparts)
{
    size_t g = 0;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < HINTS; i++)
        if (hints[i].key == key && hints[i].nparts == nparts) g = hints[i].groups;
    pthread_mutex_unlock(&lock);
    return g;
}

void agg_hint_put(uint64_t key, int nparts, size_t groups)
{
    pthread_mutex_lock(&lock);
    int at = -1;
    for (int i = 0; i < HINTS && at < 0; i++)
        if (hints[i].key == key && hints[i].nparts == nparts) at = i;
    if (at < 0) at = next_slot++ % HINTS;
    hints[at].key = key;
    hints[at].nparts = nparts;
    hints[at].groups = groups;
    pthread_mutex_unlock(&lock);
}
