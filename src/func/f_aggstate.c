/* f_aggstate.c — scalar functions over aggregate states (values of type
 * AggregateFunction(f, types), made by fState; see agg_state.c):
 * finalizeAggregation(state) gives what f would have returned. */
#include <string.h>

#include "../base/mem.h"
#include "agg.h"
#include "func.h"

static int finalize_resolve(FuncCall *fc, Err *err)
{
    if (fc->types[0]->kind != TYPE_AGGSTATE) return fn_err_arg_type(fc, 0, err);
    AggCall *ac = arena_alloc(&fc->q->arena, sizeof *ac);
    int rc = agg_resolve_type(ac, fc->q, fc->types[0], err);
    if (rc) return rc;
    if (!agg_serializable(ac)) return err_set(err, ERR_NOT_IMPLEMENTED, "States of %s cannot be read yet", fc->types[0]->agg);
    fc->state = ac;
    fc->ret = ac->ret;
    return 0;
}

static int finalize_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    AggCall *ac = fc->state;
    size_t size = ac->state_size ? ac->state_size : 1;
    void *st = mem_alloc(size);
    Column *r = col_new(fc->ret);
    int rc = 0;
    for (size_t i = 0; i < rows && !rc; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        agg_init(ac, st);
        rc = agg_deserialize(ac, st, s, n, err);
        if (!rc) rc = agg_finalize(ac, st, r, err);
        agg_destroy(ac, st);
    }
    mem_free(st, size);
    if (rc) {
        col_unref(r);
        return rc;
    }
    *out = r;
    return 0;
}

const FuncDef FUNCS_aggstate[] = {
    {"finalizeAggregation", 1, 1, FF_NULLS, finalize_resolve, finalize_exec, NULL},
    {0},
};
