/* f_array.c — array functions. */
#include "func.h"

const FuncDef FUNCS_array[] = {
    {0},
};
