/* json.h — a strict, allocation-free JSON reader over a text span, for the
 * JSON* SQL functions (func/f_json.c).
 *
 * json_validate() checks a whole document (RFC 8259 grammar, valid UTF-8,
 * integers within [-2^63, 2^64), nesting <= JSON_MAX_DEPTH) the way
 * ClickHouse's simdjson-based functions accept or reject it. After that, the
 * navigation helpers walk the already-validated text without rechecking:
 * a value is a pointer to its first byte.
 */
#ifndef BASALT_JSON_H
#define BASALT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define JSON_MAX_DEPTH 1024

typedef enum JsonKind { JK_NULL, JK_BOOL, JK_INT, JK_UINT, JK_DOUBLE, JK_STRING, JK_ARRAY, JK_OBJECT } JsonKind;

/* Returns the first byte of the root value, or NULL if s[0..n) is not one
 * valid JSON document. `end` receives s + n. */
const char *json_validate(const char *s, size_t n);

const char *json_ws(const char *p, const char *end);
/* First byte past the value starting at p (validated text). */
const char *json_skip(const char *p, const char *end);
JsonKind json_kind(const char *p, const char *end);

/* Number value of a JK_INT / JK_UINT / JK_DOUBLE value. */
int64_t json_int(const char *p, const char *end);     /* the number at p (bytes before end) */
uint64_t json_uint(const char *p, const char *end);
double json_double(const char *p, const char *end);

/* Unescapes the string value at p (starting at '"') into out. */
void json_string(const char *p, const char *end, Buf *out);

/* Object member / array element access. Index is 1-based, negative counts
 * from the end; on an object it selects the member in order. Return the value
 * (and for objects the key's '"' in *key if key != NULL), or NULL. */
const char *json_member(const char *obj, const char *end, const char *name, size_t name_len);
const char *json_at(const char *p, const char *end, int64_t index, const char **key);
/* Number of elements / members. */
size_t json_count(const char *p, const char *end);

/* Iteration: json_first() returns the first element/member value of a
 * container (or NULL), json_next() the one after `val`. For objects, *key
 * is set to the member's key. */
const char *json_first(const char *p, const char *end, const char **key);
const char *json_next(const char *val, const char *end, const char **key);

/* Minified re-serialisation as ClickHouse's JSONExtractRaw writes it:
 * no whitespace, strings re-escaped, numbers reprinted. */
void json_raw(const char *p, const char *end, Buf *out);

#endif
