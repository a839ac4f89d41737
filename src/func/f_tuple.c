/* f_tuple.c — tuple functions. */
#include "func.h"

const FuncDef FUNCS_tuple[] = {
    {0},
};
