/* test_agg_hints.c — the group-count cache of GROUP BY (exec/agg_hints.c):
 * a count is found under its key and partition count only, a later count
 * replaces it, and the table keeps working past its 64 slots. */
#include "exec/agg_hints.h"
#include "unit.h"

void test_agg_hints(void)
{
    int failed = 0;
    CHECK(agg_hint_get(11, 16) == 0);
    agg_hint_put(11, 16, 5000);
    CHECK(agg_hint_get(11, 16) == 5000);
    CHECK(agg_hint_get(11, 1) == 0);
    CHECK(agg_hint_get(13, 16) == 0);
    agg_hint_put(11, 16, 7000);
    CHECK(agg_hint_get(11, 16) == 7000);
    for (uint64_t k = 100; k < 300; k++) agg_hint_put(k | 1, 16, (size_t)k);
    CHECK(agg_hint_get(299, 16) == 299);   /* the newest survive */
    CHECK(agg_hint_get(101, 16) == 0);     /* the oldest were replaced */
    report("agg_hints", failed);
}
