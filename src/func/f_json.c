/* f_json.c — JSON functions over String columns.
 *
 * JSONHas, JSONLength, JSONType, JSONExtractString/Int/UInt/Float/Bool/Raw,
 * JSONExtractKeys, JSONExtractArrayRaw, JSONExtractKeysAndValuesRaw and
 * isValidJSON parse the document strictly (base/json.c; an invalid document
 * gives the default value, as ClickHouse's simdjson path does) and follow a
 * path of keys (String) and 1-based indexes (Int, negative from the end).
 *
 * simpleJSON* (alias visitParam*) are ClickHouse's fast, non-parsing
 * variants: they find the first `"name":` anywhere in the text and read the
 * value that follows it directly.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/json.h"
#include "../base/mem.h"
#include "func.h"

/* ---- shared: argument checks and path walking ---- */

static int check_args(FuncCall *fc, Err *err)
{
    if (fc->types[0]->kind != TYPE_STRING && fc->types[0]->kind != TYPE_FIXEDSTRING) return fn_err_arg_type(fc, 0, err);
    for (int i = 1; i < fc->nargs; i++)
        if (!type_is_stringy(fc->types[i]) && !type_is_int(fc->types[i])) return fn_err_arg_type(fc, i, err);
    return 0;
}

/* Finds the value addressed by the path in row r, or NULL. */
static const char *locate(FuncCall *fc, Column **args, size_t r, const char **endp)
{
    size_t n;
    const char *s = col_str(args[0], r, &n);
    const char *end = s + n;
    const char *v = json_validate(s, n);
    for (int k = 1; v && k < fc->nargs; k++) {
        if (type_is_stringy(fc->types[k])) {
            size_t kn;
            const char *key = col_str(args[k], r, &kn);
            v = json_member(v, end, key, kn);
        } else {
            v = json_at(v, end, col_get_i64(args[k], r), NULL);
        }
    }
    *endp = end;
    return v;
}

/* ---- number conversions (JSONExtractInt/UInt/Float/Bool) ---- */

static bool str_int(const char *s, size_t n, bool allow_neg, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && s[i] == '-' && allow_neg) neg = true, i++;
    if (i == n) return false;
    uint64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        uint64_t d = (uint64_t)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10) return false;
        v = v * 10 + d;
    }
    if (neg ? v > (uint64_t)INT64_MAX + 1 : (allow_neg && v > (uint64_t)INT64_MAX)) return false;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

static bool str_float(const char *s, size_t n, double *out)
{
    char tmp[128];
    if (n == 0 || n >= sizeof tmp || strspn(s, "+-.0123456789eE") < n) return false;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    char *e;
    *out = strtod(tmp, &e);
    return e == tmp + n;
}

typedef enum { NX_INT, NX_UINT, NX_FLOAT, NX_BOOL } NumKind;

/* A double converted to the target the way ClickHouse's accurate cast does:
 * truncated, 0 when out of range. */
static double num_from_double(double d, NumKind nk)
{
    if (nk == NX_BOOL) return d != 0;
    if (nk == NX_INT && !(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return 0;
    if (nk == NX_UINT && !(d > -1.0 && d < 18446744073709551616.0)) return 0;
    return nk == NX_FLOAT ? d : trunc(d);
}

static double to_number(const char *v, const char *end, NumKind nk)
{
    if (!v) return 0;
    switch (json_kind(v, end)) {
    case JK_INT: {
        int64_t x = json_int(v, end);
        if (nk == NX_UINT && x < 0) return 0;
        return nk == NX_BOOL ? x != 0 : (double)x;
    }
    case JK_UINT: return nk == NX_INT ? 0 : nk == NX_BOOL ? 1 : (double)json_uint(v, end);
    case JK_DOUBLE: {
        return num_from_double(json_double(v, end), nk);
    }
    case JK_BOOL: return nk == NX_BOOL ? (*v == 't') : 0;
    case JK_STRING: {
        if (nk == NX_BOOL) return 0;
        Buf b = {0};
        json_string(v, end, &b);
        double r = 0;
        int64_t x;
        if (nk != NX_FLOAT && str_int(b.data, b.len, nk == NX_INT, &x)) r = nk == NX_INT ? (double)x : (double)(uint64_t)x;
        else if (str_float(b.data, b.len, &r)) r = nk == NX_FLOAT ? r : num_from_double(r, nk);
        else r = 0;
        buf_free(&b);
        return r;
    }
    default: return 0;
    }
}

/* Exact integer path (doubles lose precision above 2^53). */
static uint64_t to_integer(const char *v, const char *end, NumKind nk)
{
    if (!v) return 0;
    JsonKind k = json_kind(v, end);
    if (k == JK_INT) {
        int64_t x = json_int(v, end);
        return nk == NX_UINT && x < 0 ? 0 : (uint64_t)x;
    }
    if (k == JK_UINT) return nk == NX_INT ? 0 : json_uint(v, end);
    if (k == JK_STRING) {
        Buf b = {0};
        json_string(v, end, &b);
        int64_t x = 0;
        bool ok = str_int(b.data, b.len, nk == NX_INT, &x);
        buf_free(&b);
        if (ok) return (uint64_t)x;
    }
    double d = to_number(v, end, nk);
    return nk == NX_INT ? (uint64_t)(int64_t)d : (uint64_t)d;
}

/* ---- scalar results ---- */

typedef enum {
    J_HAS, J_VALID, J_LENGTH, J_TYPE, J_STRING, J_INT, J_UINT, J_FLOAT, J_BOOL, J_RAW,
    J_KEYS, J_ARRAY_RAW, J_KV_RAW
} JOp;

static const struct { const char *name; JOp op; } JOPS[] = {
    {"JSONHas", J_HAS}, {"isValidJSON", J_VALID}, {"JSONLength", J_LENGTH}, {"JSONType", J_TYPE},
    {"JSONExtractString", J_STRING}, {"JSONExtractInt", J_INT}, {"JSONExtractUInt", J_UINT},
    {"JSONExtractFloat", J_FLOAT}, {"JSONExtractBool", J_BOOL}, {"JSONExtractRaw", J_RAW},
    {"JSONExtractKeys", J_KEYS}, {"JSONExtractArrayRaw", J_ARRAY_RAW},
    {"JSONExtractKeysAndValuesRaw", J_KV_RAW}, {NULL, J_HAS},
};

static JOp op_of(const char *name)
{
    for (int i = 0; JOPS[i].name; i++)
        if (!strcmp(JOPS[i].name, name)) return JOPS[i].op;
    return J_HAS;
}

static const DataType *json_type_enum(void)
{
    static const char *names[] = {"Null", "String", "Array", "Bool", "Double", "Int64", "UInt64", "Object"};
    static const int16_t values[] = {0, 34, 91, 98, 100, 105, 117, 123};
    return type_enum(TYPE_ENUM8, 8, names, values);
}

static int json_resolve(FuncCall *fc, Err *err)
{
    if (check_args(fc, err)) return -1;
    JOp op = op_of(fc->def->name);
    const DataType *str = type_basic(TYPE_STRING);
    switch (op) {
    case J_HAS: case J_VALID: case J_BOOL: fc->ret = type_basic(TYPE_UINT8); break;
    case J_LENGTH: case J_UINT: fc->ret = type_basic(TYPE_UINT64); break;
    case J_INT: fc->ret = type_basic(TYPE_INT64); break;
    case J_FLOAT: fc->ret = type_basic(TYPE_FLOAT64); break;
    case J_TYPE: fc->ret = json_type_enum(); break;
    case J_STRING: case J_RAW: fc->ret = str; break;
    case J_KEYS: case J_ARRAY_RAW: fc->ret = type_array(str); break;
    case J_KV_RAW: {
        const DataType *pair[2] = {str, str};
        fc->ret = type_array(type_tuple(2, pair, NULL));
        break;
    }
    }
    return 0;
}

static int8_t type_code(const char *v, const char *end)
{
    if (!v) return 0;
    switch (json_kind(v, end)) {
    case JK_NULL: return 0;
    case JK_STRING: return 34;
    case JK_ARRAY: return 91;
    case JK_BOOL: return 98;
    case JK_DOUBLE: return 100;
    case JK_INT: return 105;
    case JK_UINT: return 117;
    case JK_OBJECT: return 123;
    }
    return 0;
}

static void push_string_value(Column *r, const char *v, const char *end, JOp op, Buf *tmp)
{
    tmp->len = 0;
    if (v) {
        JsonKind k = json_kind(v, end);
        if (op == J_STRING && k == JK_STRING) json_string(v, end, tmp);
        else if (!(op == J_STRING && k == JK_NULL)) json_raw(v, end, tmp);
    }
    col_push_str(r, tmp->data ? tmp->data : "", tmp->len);
}

static void push_list(Column *r, const char *v, const char *end, JOp op, Buf *tmp)
{
    bool obj = v && *v == '{';
    bool want = v && ((op == J_ARRAY_RAW && *v == '[') || (op != J_ARRAY_RAW && obj));
    if (want) {
        const char *key = NULL;
        for (const char *e = json_first(v, end, &key); e; e = json_next(e, end, obj ? &key : NULL)) {
            Column *dst = op == J_KV_RAW ? r->sub[0]->sub[0] : r->sub[0];
            if (op != J_ARRAY_RAW) {
                tmp->len = 0;
                json_string(key, end, tmp);
                col_push_str(dst, tmp->data ? tmp->data : "", tmp->len);
            }
            if (op != J_KEYS) {
                tmp->len = 0;
                json_raw(e, end, tmp);
                Column *vd = op == J_KV_RAW ? r->sub[0]->sub[1] : r->sub[0];
                col_push_str(vd, tmp->data, tmp->len);
            }
            if (op == J_KV_RAW) r->sub[0]->rows++;
        }
    }
    col_close_array(r);
}

static int json_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    JOp op = op_of(fc->def->name);
    bool fixed = fc->ret->size > 0 && fc->ret->kind != TYPE_ARRAY;
    Column *r = fixed ? fn_fixed(fc->ret, rows) : col_new(fc->ret);
    Buf tmp = {0};
    for (size_t i = 0; i < rows; i++) {
        const char *end;
        const char *v = locate(fc, args, i, &end);
        switch (op) {
        case J_HAS: case J_VALID: ((uint8_t *)r->data.data)[i] = v != NULL; break;
        case J_LENGTH:
            ((uint64_t *)(void *)r->data.data)[i] = v && (*v == '[' || *v == '{') ? json_count(v, end) : 0;
            break;
        case J_TYPE: ((int8_t *)r->data.data)[i] = type_code(v, end); break;
        case J_INT: ((int64_t *)(void *)r->data.data)[i] = (int64_t)to_integer(v, end, NX_INT); break;
        case J_UINT: ((uint64_t *)(void *)r->data.data)[i] = to_integer(v, end, NX_UINT); break;
        case J_FLOAT: ((double *)(void *)r->data.data)[i] = to_number(v, end, NX_FLOAT); break;
        case J_BOOL: ((uint8_t *)r->data.data)[i] = to_number(v, end, NX_BOOL) != 0; break;
        case J_STRING: case J_RAW: push_string_value(r, v, end, op, &tmp); break;
        case J_KEYS: case J_ARRAY_RAW: case J_KV_RAW: push_list(r, v, end, op, &tmp); break;
        }
    }
    buf_free(&tmp);
    *out = r;
    return 0;
}

/* ---- simpleJSON* / visitParam* ---- */

typedef enum { S_HAS, S_UINT, S_INT, S_FLOAT, S_BOOL, S_RAW, S_STRING } SOp;

static SOp sop_of(const char *name)
{
    const char *n = name + 10;   /* after "simpleJSON" or "visitParam" (both 10 chars) */
    if (!strcmp(n, "Has")) return S_HAS;
    if (!strcmp(n, "ExtractUInt")) return S_UINT;
    if (!strcmp(n, "ExtractInt")) return S_INT;
    if (!strcmp(n, "ExtractFloat")) return S_FLOAT;
    if (!strcmp(n, "ExtractBool")) return S_BOOL;
    if (!strcmp(n, "ExtractRaw")) return S_RAW;
    return S_STRING;
}

static int simple_resolve(FuncCall *fc, Err *err)
{
    if (!type_is_stringy(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (!type_is_stringy(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    if (!fc->consts[1]) return fn_err_const(fc, 1, err);
    switch (sop_of(fc->def->name)) {
    case S_HAS: case S_BOOL: fc->ret = type_basic(TYPE_UINT8); break;
    case S_UINT: fc->ret = type_basic(TYPE_UINT64); break;
    case S_INT: fc->ret = type_basic(TYPE_INT64); break;
    case S_FLOAT: fc->ret = type_basic(TYPE_FLOAT64); break;
    default: fc->ret = type_basic(TYPE_STRING); break;
    }
    return 0;
}

/* Parses an integer prefix (after an optional quote), 0 on overflow. */
static uint64_t simple_int(const char *p, const char *end, bool is_signed)
{
    if (p < end && *p == '"') p++;
    bool neg = false;
    if (p < end && (*p == '-' || *p == '+')) {
        neg = *p == '-';
        p++;
    }
    if (neg && !is_signed) return 0;
    uint64_t v = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++) {
        uint64_t d = (uint64_t)(*p - '0');
        if (v > (UINT64_MAX - d) / 10) return 0;
        v = v * 10 + d;
    }
    if (is_signed && v > (uint64_t)INT64_MAX + neg) return 0;
    return neg ? 0 - v : v;
}

static double simple_float(const char *p, const char *end)
{
    if (p < end && *p == '"') p++;
    char tmp[64];
    size_t n = 0;
    while (p + n < end && n < sizeof tmp - 1 && p[n] && strchr("+-.0123456789eEnaif", p[n])) n++;
    memcpy(tmp, p, n);
    tmp[n] = 0;
    return n ? strtod(tmp, NULL) : 0;
}

/* The raw value text from p up to the ',' / '}' / ']' that ends it. */
static size_t simple_raw(const char *p, const char *end)
{
    char stack[256];
    int depth = 0;
    for (const char *q = p; q < end; q++) {
        char c = *q;
        if (c == '"') {
            for (q++; q < end && *q != '"'; q++)
                if (*q == '\\') q++;
            if (q >= end) return 0;
            continue;
        }
        if (depth > 0 && c == stack[depth - 1]) { depth--; continue; }
        if (c == '[' || c == '{') {
            if (depth == (int)sizeof stack) return 0;
            stack[depth++] = c == '[' ? ']' : '}';
            continue;
        }
        if (depth == 0 && (c == ',' || c == '}' || c == ']')) return (size_t)(q - p);
    }
    return 0;
}

static bool simple_string(const char *p, const char *end, Buf *out)
{
    if (p >= end || *p != '"') return false;
    for (p++; p < end; p++) {
        if (*p == '"') return true;
        if (*p != '\\') { buf_putc(out, *p); continue; }
        if (++p >= end) return false;
        switch (*p) {
        case 'b': buf_putc(out, '\b'); break;
        case 'f': buf_putc(out, '\f'); break;
        case 'n': buf_putc(out, '\n'); break;
        case 'r': buf_putc(out, '\r'); break;
        case 't': buf_putc(out, '\t'); break;
        case 'u': {
            Buf one = {0};
            char q[14] = "\"";
            size_t take = end - p >= 11 && p[5] == '\\' && p[6] == 'u' ? 11 : 5;
            if ((size_t)(end - p) < take) return false;
            memcpy(q + 1, p - 1, take + 1);
            q[take + 2] = '"';
            if (!json_validate(q, take + 3)) { buf_free(&one); return false; }
            json_string(q, q + take + 3, &one);
            buf_put(out, one.data, one.len);
            buf_free(&one);
            p += take - 1;
            break;
        }
        default: buf_putc(out, *p); break;
        }
    }
    return false;
}

static int simple_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    SOp op = sop_of(fc->def->name);
    size_t nn;
    const char *name = col_str(fc->consts[1], 0, &nn);
    size_t needle_len = nn + 3;
    char *needle = mem_alloc(needle_len + 1);
    needle[0] = '"';
    memcpy(needle + 1, name, nn);
    memcpy(needle + 1 + nn, "\":", 2);
    bool fixed = op != S_RAW && op != S_STRING;
    Column *r = fixed ? fn_fixed(fc->ret, rows) : col_new(fc->ret);
    Buf tmp = {0};
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n), *end = s + n;
        const char *hit = memmem(s, n, needle, needle_len);
        const char *p = hit ? hit + needle_len : NULL;
        switch (op) {
        case S_HAS: ((uint8_t *)r->data.data)[i] = hit != NULL; break;
        case S_UINT: ((uint64_t *)(void *)r->data.data)[i] = p ? simple_int(p, end, false) : 0; break;
        case S_INT: ((int64_t *)(void *)r->data.data)[i] = p ? (int64_t)simple_int(p, end, true) : 0; break;
        case S_FLOAT: ((double *)(void *)r->data.data)[i] = p ? simple_float(p, end) : 0; break;
        case S_BOOL: ((uint8_t *)r->data.data)[i] = p && end - p >= 4 && !memcmp(p, "true", 4); break;
        case S_RAW: col_push_str(r, p ? p : "", p ? simple_raw(p, end) : 0); break;
        case S_STRING:
            tmp.len = 0;
            if (!p || !simple_string(p, end, &tmp)) tmp.len = 0;
            col_push_str(r, tmp.data ? tmp.data : "", tmp.len);
            break;
        }
    }
    buf_free(&tmp);
    mem_free(needle, needle_len + 1);
    *out = r;
    return 0;
}

#define JF(n, lo) {n, lo, -1, FN_DEFAULT, json_resolve, json_exec, NULL}
#define SJ(n, alias) {n, 2, 2, FN_DEFAULT, simple_resolve, simple_exec, alias}

const FuncDef FUNCS_json[] = {
    JF("JSONHas", 1), {"isValidJSON", 1, 1, FN_DEFAULT, json_resolve, json_exec, NULL}, JF("JSONLength", 1),
    JF("JSONType", 1), JF("JSONExtractString", 1), JF("JSONExtractInt", 1), JF("JSONExtractUInt", 1),
    JF("JSONExtractFloat", 1), JF("JSONExtractBool", 1), JF("JSONExtractRaw", 1), JF("JSONExtractKeys", 1),
    JF("JSONExtractArrayRaw", 1), JF("JSONExtractKeysAndValuesRaw", 1),
    SJ("simpleJSONHas", NULL), SJ("simpleJSONExtractUInt", NULL), SJ("simpleJSONExtractInt", NULL),
    SJ("simpleJSONExtractFloat", NULL), SJ("simpleJSONExtractBool", NULL), SJ("simpleJSONExtractRaw", NULL),
    SJ("simpleJSONExtractString", NULL),
    SJ("visitParamHas", "simpleJSONHas"), SJ("visitParamExtractUInt", "simpleJSONExtractUInt"),
    SJ("visitParamExtractInt", "simpleJSONExtractInt"), SJ("visitParamExtractFloat", "simpleJSONExtractFloat"),
    SJ("visitParamExtractBool", "simpleJSONExtractBool"), SJ("visitParamExtractRaw", "simpleJSONExtractRaw"),
    SJ("visitParamExtractString", "simpleJSONExtractString"),
    {0},
};
