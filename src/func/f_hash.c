/* f_hash.c — hash functions. */
#include "func.h"

const FuncDef FUNCS_hash[] = {
    {0},
};
