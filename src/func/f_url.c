/* f_url.c — url functions. */
#include "func.h"

const FuncDef FUNCS_url[] = {
    {0},
};
