/* fuzz_aggstate.c — libFuzzer target for the readers of aggregate states
 * (func/agg_state.c and the families' deserializers): the bytes of an
 * AggregateFunction(...) value, as AggregatingMergeTree parts and -Merge read
 * them. The first byte picks the state type. Reading must fail cleanly or
 * succeed; a state read back must finalize and serialize again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/qctx.h"
#include "func/agg.h"

static const char *TYPES[] = {
    "AggregateFunction(sum, UInt64)", "AggregateFunction(avg, Float64)", "AggregateFunction(max, String)",
    "AggregateFunction(argMin, String, UInt32)", "AggregateFunction(uniq, UInt64)", "AggregateFunction(uniqExact, String)",
    "AggregateFunction(groupArray, Array(String))", "AggregateFunction(quantiles(0.5, 0.9), Float64)",
    "AggregateFunction(sumIf, UInt64, UInt8)", "AggregateFunction(anyHeavy, UInt16)", "AggregateFunction(count)",
    "AggregateFunction(sum, Nullable(Int32))", "AggregateFunction(topK(3), String)", "AggregateFunction(groupUniqArray, UInt8)",
    "AggregateFunction(varSamp, Float32)", "AggregateFunction(min, Nullable(String))", "AggregateFunction(uniqCombined, UInt64)",
    "AggregateFunction(groupArrayLast(3), String)", "AggregateFunction(groupArrayInsertAt, String, UInt32)",
    "AggregateFunction(groupArrayMovingSum(2), Int32)", "AggregateFunction(groupArraySorted(2), UInt16)",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 20) return 0;
    const DataType *t;
    Err err;
    if (type_parse(TYPES[data[0] % (sizeof TYPES / sizeof TYPES[0])], &t, &err)) abort();
    QueryCtx q;
    qctx_init(&q);
    AggCall ac;
    if (agg_resolve_type(&ac, &q, t, &err) != 0) abort();
    size_t ss = ac.state_size ? ac.state_size : 1;
    void *st = mem_alloc(ss);
    agg_init(&ac, st);
    if (agg_deserialize(&ac, st, (const char *)data + 1, size - 1, &err) == 0) {
        Column *out = col_new(ac.ret);
        if (agg_finalize(&ac, st, out, &err) != 0) abort();
        col_unref(out);
        Buf again = {0};
        agg_serialize(&ac, st, &again);
        void *st2 = mem_alloc(ss);
        agg_init(&ac, st2);
        if (agg_deserialize(&ac, st2, again.data ? again.data : "", again.len, &err) != 0) abort();
        agg_destroy(&ac, st2);
        mem_free(st2, ss);
        buf_free(&again);
    }
    agg_destroy(&ac, st);
    mem_free(st, ss);
    qctx_finish(&q);
    return 0;
}
