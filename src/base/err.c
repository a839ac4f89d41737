/* err.c — ClickHouse-style error codes, names and message formatting.
 * The name table is generated from errors.def; lookups are linear because
 * they happen once per error, never on a hot path. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct { int code; const char *name; } ERR_TABLE[] = {
#define ERR(name, code) {code, #name},
#include "errors.def"
#undef ERR
};

int err_set(Err *err, int code, const char *fmt, ...)
{
    if (!err) return code;
    va_list ap;
    va_start(ap, fmt);
    err->code = code;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

int err_prefix(Err *err, const char *fmt, ...)
{
    char pre[512], old[ERR_MSG_MAX - 512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pre, sizeof pre, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old - 1);
    old[sizeof old - 1] = 0;
    snprintf(err->msg, sizeof err->msg, "%s%s", pre, old);
    return err->code;
}

const char *err_name(int code)
{
    for (size_t i = 0; i < sizeof ERR_TABLE / sizeof ERR_TABLE[0]; i++)
        if (ERR_TABLE[i].code == code) return ERR_TABLE[i].name;
    return "UNKNOWN_EXCEPTION";
}

int err_code_of(const char *name)
{
    for (size_t i = 0; i < sizeof ERR_TABLE / sizeof ERR_TABLE[0]; i++)
        if (strcmp(ERR_TABLE[i].name, name) == 0) return ERR_TABLE[i].code;
    return -1;
}

void err_format(const Err *err, char *out, size_t cap)
{
    size_t n = strlen(err->msg);
    const char *dot = (n > 0 && err->msg[n - 1] == '.') ? "" : ".";
    snprintf(out, cap, "Code: %d. DB::Exception: %s%s (%s)", err->code, err->msg, dot,
             err_name(err->code));
}
