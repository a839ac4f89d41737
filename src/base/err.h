/* err.h — error reporting in ClickHouse's vocabulary.
 *
 * Every fallible function in basalt returns int: 0 on success or a ClickHouse
 * error code, and fills an Err that the caller passes down. err_set() returns
 * the code, so an error path is one line: `return err_set(err, ERR_X, "...")`.
 * The codes and names come from errors.def and are what clients see:
 * `Code: 62. DB::Exception: <message>. (SYNTAX_ERROR)`.
 */
#ifndef BASALT_ERR_H
#define BASALT_ERR_H

#include <stddef.h>

enum {
#define ERR(name, code) ERR_##name = code,
#include "errors.def"
#undef ERR
};

#define ERR_MSG_MAX 2048

typedef struct Err {
    int code;
    char msg[ERR_MSG_MAX];
} Err;

/* Sets code and printf-style message; returns code. */
int err_set(Err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prepends context to an existing message ("while X: <old>"). Returns err->code. */
int err_prefix(Err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Name of a code ("SYNTAX_ERROR"), or "UNKNOWN_EXCEPTION" if unknown. */
const char *err_name(int code);

/* Code for a name, or -1. */
int err_code_of(const char *name);

/* Formats the ClickHouse text: "Code: N. DB::Exception: msg. (NAME)". */
void err_format(const Err *err, char *out, size_t cap);

#endif
