/* f_json.c — json functions. */
#include "func.h"

const FuncDef FUNCS_json[] = {
    {0},
};
