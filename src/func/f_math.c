/* f_math.c — math functions. */
#include "func.h"

const FuncDef FUNCS_math[] = {
    {0},
};
