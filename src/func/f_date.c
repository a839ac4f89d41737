/* f_date.c — date functions. */
#include "func.h"

const FuncDef FUNCS_date[] = {
    {0},
};
