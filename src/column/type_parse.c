/* type_parse.c — parses ClickHouse type names into interned DataTypes.
 *
 * Grammar: NAME [ '(' ARG {',' ARG} ')' ], where NAME may be several words
 * (`INT UNSIGNED`, `DOUBLE PRECISION`, `NATIONAL CHAR VARYING`) and ARG is a
 * type, a number, a quoted string, `'name' = number` (Enum) or `name Type`
 * (named Tuple element). Used by CAST, CREATE TABLE, formats with types and
 * the wire protocols; the input may be hostile, so depth and sizes are bounded
 * (limits.h) and every failure is an error, never a crash.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/limits.h"
#include "../base/mem.h"
#include "type.h"

typedef struct {
    const char *p, *end, *start;
    Err *err;
    int depth;
} TP;

/* Aliases: SQL names -> ClickHouse family; ci = case-insensitive. */
static const struct { const char *alias; const char *family; int ci; } ALIASES[] = {
    {"BIGINT", "Int64", 1}, {"BIGINT SIGNED", "Int64", 1}, {"BIGINT UNSIGNED", "UInt64", 1},
    {"BINARY", "FixedString", 1}, {"BINARY LARGE OBJECT", "String", 1}, {"BINARY VARYING", "String", 1},
    {"BIT", "UInt64", 1}, {"BLOB", "String", 1}, {"BYTE", "Int8", 1}, {"BYTEA", "String", 1},
    {"CHAR", "String", 1}, {"CHAR LARGE OBJECT", "String", 1}, {"CHAR VARYING", "String", 1},
    {"CHARACTER", "String", 1}, {"CHARACTER LARGE OBJECT", "String", 1},
    {"CHARACTER VARYING", "String", 1}, {"CLOB", "String", 1}, {"DEC", "Decimal", 1},
    {"DOUBLE", "Float64", 1}, {"DOUBLE PRECISION", "Float64", 1}, {"ENUM", "Enum", 1},
    {"FIXED", "Decimal", 1}, {"FLOAT", "Float32", 1}, {"INET4", "IPv4", 1}, {"INET6", "IPv6", 1},
    {"INT", "Int32", 1}, {"INT SIGNED", "Int32", 1}, {"INT UNSIGNED", "UInt32", 1},
    {"INT1", "Int8", 1}, {"INT1 SIGNED", "Int8", 1}, {"INT1 UNSIGNED", "UInt8", 1},
    {"INTEGER", "Int32", 1}, {"INTEGER SIGNED", "Int32", 1}, {"INTEGER UNSIGNED", "UInt32", 1},
    {"LONGBLOB", "String", 1}, {"LONGTEXT", "String", 1}, {"MEDIUMBLOB", "String", 1},
    {"MEDIUMINT", "Int32", 1}, {"MEDIUMINT SIGNED", "Int32", 1}, {"MEDIUMINT UNSIGNED", "UInt32", 1},
    {"MEDIUMTEXT", "String", 1}, {"NATIONAL CHAR", "String", 1}, {"NATIONAL CHAR VARYING", "String", 1},
    {"NATIONAL CHARACTER", "String", 1}, {"NATIONAL CHARACTER LARGE OBJECT", "String", 1},
    {"NATIONAL CHARACTER VARYING", "String", 1}, {"NCHAR", "String", 1},
    {"NCHAR LARGE OBJECT", "String", 1}, {"NCHAR VARYING", "String", 1}, {"NUMERIC", "Decimal", 1},
    {"NVARCHAR", "String", 1}, {"REAL", "Float32", 1}, {"SET", "UInt64", 1}, {"SIGNED", "Int64", 1},
    {"SINGLE", "Float32", 1}, {"SMALLINT", "Int16", 1}, {"SMALLINT SIGNED", "Int16", 1},
    {"SMALLINT UNSIGNED", "UInt16", 1}, {"TEXT", "String", 1}, {"TIMESTAMP", "DateTime", 1},
    {"TINYBLOB", "String", 1}, {"TINYINT", "Int8", 1}, {"TINYINT SIGNED", "Int8", 1},
    {"TINYINT UNSIGNED", "UInt8", 1}, {"TINYTEXT", "String", 1}, {"UNSIGNED", "UInt64", 1},
    {"VARBINARY", "String", 1}, {"VARCHAR", "String", 1}, {"VARCHAR2", "String", 1},
    {"YEAR", "UInt16", 1}, {"bool", "Bool", 0}, {"boolean", "Bool", 1},
    {"Bool", "Bool", 1}, {"Date", "Date", 1}, {"Date32", "Date32", 1}, {"DateTime", "DateTime", 1},
    {"DateTime32", "DateTime", 1}, {"DateTime64", "DateTime64", 1}, {"Decimal", "Decimal", 1},
    {"Decimal32", "Decimal32", 1}, {"Decimal64", "Decimal64", 1}, {"Decimal128", "Decimal128", 1},
    {"Enum", "Enum", 1},
};

static void skip_ws(TP *t)
{
    while (t->p < t->end && isspace((unsigned char)*t->p)) t->p++;
}

static int syntax(TP *t, const char *what)
{
    return err_set(t->err, ERR_SYNTAX_ERROR, "Syntax error: failed at position %d: expected %s in data type",
                   (int)(t->p - t->start) + 1, what);
}

static int is_word_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* Reads an identifier at t->p into out (NUL-terminated); returns its length or 0. */
static size_t read_word(TP *t, char *out, size_t cap)
{
    skip_ws(t);
    const char *s = t->p;
    if (s >= t->end || !(isalpha((unsigned char)*s) || *s == '_')) return 0;
    while (t->p < t->end && is_word_char(*t->p)) t->p++;
    size_t n = (size_t)(t->p - s);
    if (n >= cap) n = cap - 1;
    memcpy(out, s, n);
    out[n] = 0;
    return n;
}

static int eat(TP *t, char c)
{
    skip_ws(t);
    if (t->p < t->end && *t->p == c) {
        t->p++;
        return 1;
    }
    return 0;
}

static int read_int(TP *t, long long *out)
{
    skip_ws(t);
    const char *s = t->p;
    int neg = 0;
    if (t->p < t->end && (*t->p == '-' || *t->p == '+')) neg = *t->p++ == '-';
    if (t->p >= t->end || !isdigit((unsigned char)*t->p)) {
        t->p = s;
        return syntax(t, "number");
    }
    long long v = 0;
    while (t->p < t->end && isdigit((unsigned char)*t->p)) {
        if (v > 1000000000000LL) return syntax(t, "smaller number");
        v = v * 10 + (*t->p++ - '0');
    }
    *out = neg ? -v : v;
    return 0;
}

/* Reads a single-quoted string with backslash and doubled-quote escapes. */
static int read_quoted(TP *t, char **out)
{
    skip_ws(t);
    if (t->p >= t->end || *t->p != '\'') return syntax(t, "quoted string");
    t->p++;
    size_t cap = 16, n = 0;
    char *s = xmalloc(cap);
    for (;;) {
        if (t->p >= t->end) {
            free(s);
            return syntax(t, "closing quote");
        }
        char c = *t->p++;
        if (c == '\'') {
            if (t->p < t->end && *t->p == '\'') t->p++;
            else break;
        } else if (c == '\\' && t->p < t->end) {
            c = *t->p++;
            if (c == 'n') c = '\n';
            else if (c == 't') c = '\t';
            else if (c == '0') c = 0;
        }
        if (n + 2 > cap) s = xrealloc(s, cap *= 2);
        s[n++] = c;
    }
    s[n] = 0;
    *out = s;
    return 0;
}

/* Matches the longest multi-word alias starting with `first`; consumes the extra words. */
static const char *resolve_family(TP *t, const char *first)
{
    const char *best = NULL;
    const char *best_end = t->p;
    char words[160];
    snprintf(words, sizeof words, "%s", first);
    const char *save = t->p;
    for (int k = 0; k < 4; k++) {
        for (size_t i = 0; i < sizeof ALIASES / sizeof ALIASES[0]; i++) {
            int eq = ALIASES[i].ci ? strcasecmp(ALIASES[i].alias, words) == 0
                                   : strcmp(ALIASES[i].alias, words) == 0;
            if (eq) {
                best = ALIASES[i].family;
                best_end = t->p;
            }
        }
        char w[64];
        const char *before = t->p;
        if (!read_word(t, w, sizeof w)) break;
        size_t len = strlen(words);
        if (len + strlen(w) + 2 > sizeof words) {
            t->p = before;
            break;
        }
        snprintf(words + len, sizeof words - len, " %s", w);
    }
    t->p = best ? best_end : save;
    return best ? best : first;
}

static int parse_type(TP *t, const DataType **out);

static int parse_args_end(TP *t)
{
    if (!eat(t, ')')) return syntax(t, "')'");
    return 0;
}

static int parse_one_type_arg(TP *t, const DataType **out)
{
    if (!eat(t, '(')) return syntax(t, "'('");
    int rc = parse_type(t, out);
    if (rc) return rc;
    return parse_args_end(t);
}

static int parse_decimal(TP *t, const char *family, const DataType **out)
{
    long long prec = 10, scale = 0;
    int fixed_prec = strcmp(family, "Decimal32") == 0 ? 9 : strcmp(family, "Decimal64") == 0 ? 18
                   : strcmp(family, "Decimal128") == 0 ? 38 : 0;
    if (fixed_prec) {
        if (!eat(t, '(')) return syntax(t, "'('");
        int rc = read_int(t, &scale);
        if (rc) return rc;
        if ((rc = parse_args_end(t))) return rc;
        prec = fixed_prec;
    } else if (eat(t, '(')) {
        int rc = read_int(t, &prec);
        if (rc) return rc;
        if (eat(t, ',') && (rc = read_int(t, &scale))) return rc;
        if ((rc = parse_args_end(t))) return rc;
    }
    if (prec < 1 || prec > 38)
        return err_set(t->err, ERR_ARGUMENT_OUT_OF_BOUND,
                       "Precision %lld is out of bounds (precision range: [1, 38])", prec);
    if (scale < 0 || scale > prec)
        return err_set(t->err, ERR_ARGUMENT_OUT_OF_BOUND,
                       "Scale %lld is out of bounds (max scale: %lld)", scale, prec);
    *out = type_decimal((int)prec, (int)scale);
    return 0;
}

static int parse_datetime(TP *t, int is64, const DataType **out)
{
    long long scale = 3;
    char *tz = NULL;
    int rc = 0;
    if (eat(t, '(')) {
        if (is64) {
            if ((rc = read_int(t, &scale))) return rc;
            if (eat(t, ',') && (rc = read_quoted(t, &tz))) return rc;
        } else if ((rc = read_quoted(t, &tz))) {
            return rc;
        }
        if ((rc = parse_args_end(t))) goto done;
    }
    if (is64 && (scale < 0 || scale > 9)) {
        rc = err_set(t->err, ERR_ARGUMENT_OUT_OF_BOUND,
                     "Scale %lld is out of bounds (max scale: 9)", scale);
        goto done;
    }
    *out = is64 ? type_datetime64((int)scale, tz) : type_datetime(tz);
done:
    free(tz);
    return rc;
}

static int parse_enum(TP *t, const char *family, const DataType **out)
{
    if (!eat(t, '(')) return syntax(t, "'('");
    const char *names[LIMIT_TYPE_ARGS];
    int16_t values[LIMIT_TYPE_ARGS];
    int n = 0, rc = 0, auto_val = 1;
    long long minv = 0, maxv = 0;
    do {
        if (n >= LIMIT_TYPE_ARGS) {
            rc = syntax(t, "fewer enum elements");
            goto done;
        }
        char *name;
        if ((rc = read_quoted(t, &name))) goto done;
        long long v = auto_val;
        names[n] = name;
        if (eat(t, '=') && (rc = read_int(t, &v))) {
            n++;
            goto done;
        }
        if (v < -32768 || v > 32767) {
            n++;
            rc = err_set(t->err, ERR_ARGUMENT_OUT_OF_BOUND, "Value %lld for element '%s' exceeds range of Enum16", v, name);
            goto done;
        }
        for (int i = 0; i < n; i++)
            if (values[i] == v || strcmp(names[i], name) == 0) {
                n++;
                rc = err_set(t->err, ERR_BAD_ARGUMENTS, "Duplicate names or values in enum: '%s' = %lld", name, v);
                goto done;
            }
        values[n++] = (int16_t)v;
        auto_val = (int)v + 1;
        if (n == 1 || v < minv) minv = v;
        if (n == 1 || v > maxv) maxv = v;
    } while (eat(t, ','));
    if ((rc = parse_args_end(t))) goto done;
    TypeKind kind;
    if (strcmp(family, "Enum8") == 0) kind = TYPE_ENUM8;
    else if (strcmp(family, "Enum16") == 0) kind = TYPE_ENUM16;
    else kind = (minv >= -128 && maxv <= 127) ? TYPE_ENUM8 : TYPE_ENUM16;
    if (kind == TYPE_ENUM8 && (minv < -128 || maxv > 127)) {
        rc = err_set(t->err, ERR_ARGUMENT_OUT_OF_BOUND, "Value %lld for element exceeds range of Enum8",
                     minv < -128 ? minv : maxv);
        goto done;
    }
    *out = type_enum(kind, n, names, values);
done:
    for (int i = 0; i < n; i++) free((void *)names[i]);
    return rc;
}

static int parse_tuple(TP *t, const DataType **out)
{
    if (!eat(t, '(')) return syntax(t, "'('");
    const DataType **subs = xcalloc(LIMIT_TYPE_ARGS, sizeof *subs);
    char **names = xcalloc(LIMIT_TYPE_ARGS, sizeof *names);
    int n = 0, named = 0, rc = 0;
    if (eat(t, ')')) goto build;
    do {
        if (n >= LIMIT_TYPE_ARGS) {
            rc = syntax(t, "fewer tuple elements");
            goto done;
        }
        /* `name Type`: a word followed by another word or '(' is not a name if it is the type. */
        const char *save = t->p;
        char w[256];
        size_t wl = read_word(t, w, sizeof w);
        if (wl) {
            skip_ws(t);
            const char *after = t->p;
            char w2[8];
            if (after < t->end && (isalpha((unsigned char)*after) || *after == '_') && read_word(t, w2, sizeof w2)) {
                /* Could be a multi-word type ("DOUBLE PRECISION") or `name Type`. */
                t->p = save;
                char first[256];
                read_word(t, first, sizeof first);
                const char *fam_end_check = t->p;
                resolve_family(t, first);
                if (t->p == fam_end_check) {
                    names[n] = xstrdup(w);
                    named++;
                    t->p = after;
                } else {
                    t->p = save;
                }
            } else {
                t->p = save;
            }
        }
        if ((rc = parse_type(t, &subs[n]))) {
            n++;
            goto done;
        }
        n++;
    } while (eat(t, ','));
    if ((rc = parse_args_end(t))) goto done;
build:
    if (named && named != n) {
        rc = err_set(t->err, ERR_BAD_ARGUMENTS, "Names are specified only for some elements of Tuple");
        goto done;
    }
    *out = type_tuple(n, subs, named ? (const char **)names : NULL);
done:
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
    free(subs);
    return rc;
}

/* SimpleAggregateFunction(func, T): the functions whose state is a value of T. */
static int parse_simple_agg(TP *t, const DataType **out)
{
    static const char *const OK[] = {"any", "anyLast", "min", "max", "sum", "sumWithOverflow", "groupBitAnd", "groupBitOr",
                                     "groupBitXor", "groupArrayArray", "groupUniqArrayArray", "sumMap", "minMap", "maxMap",
                                     "argMin", "argMax", NULL};
    if (!eat(t, '(')) return syntax(t, "'('");
    skip_ws(t);
    char fn[64];
    if (!read_word(t, fn, sizeof fn)) return syntax(t, "aggregate function name");
    if (!eat(t, ',')) return syntax(t, "','");
    const DataType *a;
    int rc = parse_type(t, &a);
    if (rc || (rc = parse_args_end(t))) return rc;
    for (int i = 0; OK[i]; i++)
        if (!strcmp(OK[i], fn)) {
            *out = type_simple_agg(OK[i], a);
            return 0;
        }
    return err_set(t->err, ERR_BAD_ARGUMENTS, "Unsupported aggregate function %s, supported functions are any, anyLast, min, max, sum, "
                   "sumWithOverflow, groupBitAnd, groupBitOr, groupBitXor, sumMap, minMap, maxMap, groupArrayArray, groupUniqArrayArray", fn);
}

/* AggregateFunction(func[(params)], T1, ...): the function is kept as text,
 * checked when a -Merge or the storage resolves it. */
static int parse_aggstate(TP *t, const DataType **out)
{
    if (!eat(t, '(')) return syntax(t, "'('");
    skip_ws(t);
    char fn[256];
    if (!read_word(t, fn, sizeof fn)) return syntax(t, "aggregate function name");
    Buf spec = {0};
    buf_puts(&spec, fn);
    skip_ws(t);
    if (t->p < t->end && *t->p == '(') {   /* parameters: literals up to the matching ')' */
        const char *b = t->p;
        int depth = 0;
        do {
            if (*t->p == '(') depth++;
            else if (*t->p == ')') depth--;
            t->p++;
        } while (t->p < t->end && depth);
        if (depth) {
            buf_free(&spec);
            return syntax(t, "')'");
        }
        buf_put(&spec, b, (size_t)(t->p - b));
    }
    buf_putc(&spec, 0);
    const DataType *args[64];
    int n = 0, rc = 0;
    while (!rc && eat(t, ',')) {
        if (n >= 64) rc = syntax(t, "fewer arguments");
        else rc = parse_type(t, &args[n++]);
    }
    if (!rc) rc = parse_args_end(t);
    if (!rc) *out = type_aggstate(spec.data, n, args);
    buf_free(&spec);
    return rc;
}

static int parse_interval(const char *family, const DataType **out)
{
    for (int u = 0; u < IU_COUNT; u++)
        if (strcmp(family + 8, interval_unit_name((IntervalUnit)u)) == 0) {
            *out = type_interval((IntervalUnit)u);
            return 1;
        }
    return 0;
}

/* Skips a parenthesised argument list that the family ignores (VARCHAR(255)). */
static int skip_ignored_args(TP *t)
{
    if (!eat(t, '(')) return 0;
    int depth = 1;
    while (t->p < t->end && depth) {
        if (*t->p == '(') depth++;
        else if (*t->p == ')') depth--;
        t->p++;
    }
    return depth ? syntax(t, "')'") : 0;
}

static const struct { const char *name; TypeKind kind; } SIMPLE[] = {
    {"UInt8", TYPE_UINT8}, {"UInt16", TYPE_UINT16}, {"UInt32", TYPE_UINT32}, {"UInt64", TYPE_UINT64},
    {"UInt128", TYPE_UINT128}, {"Int8", TYPE_INT8}, {"Int16", TYPE_INT16}, {"Int32", TYPE_INT32},
    {"Int64", TYPE_INT64}, {"Int128", TYPE_INT128}, {"Float32", TYPE_FLOAT32},
    {"Float64", TYPE_FLOAT64}, {"Bool", TYPE_BOOL}, {"String", TYPE_STRING}, {"Date", TYPE_DATE},
    {"Date32", TYPE_DATE32}, {"UUID", TYPE_UUID}, {"IPv4", TYPE_IPV4}, {"IPv6", TYPE_IPV6},
    {"Nothing", TYPE_NOTHING},
};

static int parse_family(TP *t, const char *fam, const DataType **out)
{
    for (size_t i = 0; i < sizeof SIMPLE / sizeof SIMPLE[0]; i++)
        if (strcmp(fam, SIMPLE[i].name) == 0) {
            *out = type_basic(SIMPLE[i].kind);
            return strcmp(fam, "String") == 0 ? skip_ignored_args(t) : 0;
        }
    if (strncmp(fam, "Decimal", 7) == 0) return parse_decimal(t, fam, out);
    if (strcmp(fam, "DateTime") == 0) return parse_datetime(t, 0, out);
    if (strcmp(fam, "DateTime64") == 0) return parse_datetime(t, 1, out);
    if (strncmp(fam, "Enum", 4) == 0) return parse_enum(t, fam, out);
    if (strcmp(fam, "Tuple") == 0) return parse_tuple(t, out);
    if (strncmp(fam, "Interval", 8) == 0 && parse_interval(fam, out)) return 0;
    if (strcmp(fam, "FixedString") == 0) {
        long long n;
        int rc;
        if (!eat(t, '(')) return syntax(t, "'('");
        if ((rc = read_int(t, &n))) return rc;
        if ((rc = parse_args_end(t))) return rc;
        if (n <= 0 || n > LIMIT_FIXEDSTRING_BYTES)
            return err_set(t->err, ERR_ARGUMENT_OUT_OF_BOUND, "FixedString size %lld is out of bounds", n);
        *out = type_fixedstring((int)n);
        return 0;
    }
    const DataType *a, *b;
    int rc;
    if (strcmp(fam, "Nullable") == 0) {
        if ((rc = parse_one_type_arg(t, &a))) return rc;
        if (!type_can_be_nullable(a))
            return err_set(t->err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Nested type %s cannot be inside Nullable type", a->name);
        *out = type_nullable(a);
        return 0;
    }
    if (strcmp(fam, "Array") == 0) {
        if ((rc = parse_one_type_arg(t, &a))) return rc;
        *out = type_array(a);
        return 0;
    }
    if (strcmp(fam, "LowCardinality") == 0) {
        if ((rc = parse_one_type_arg(t, &a))) return rc;
        *out = type_lowcard(a);
        return 0;
    }
    if (strcmp(fam, "AggregateFunction") == 0) return parse_aggstate(t, out);
    if (strcmp(fam, "SimpleAggregateFunction") == 0) return parse_simple_agg(t, out);
    if (strcmp(fam, "Map") == 0) {
        if (!eat(t, '(')) return syntax(t, "'('");
        if ((rc = parse_type(t, &a))) return rc;
        if (!eat(t, ',')) return syntax(t, "','");
        if ((rc = parse_type(t, &b))) return rc;
        if ((rc = parse_args_end(t))) return rc;
        *out = type_map(a, b);
        return 0;
    }
    return err_set(t->err, ERR_UNKNOWN_TYPE, "Unknown data type family: %s", fam);
}

static int parse_type(TP *t, const DataType **out)
{
    if (++t->depth > LIMIT_TYPE_DEPTH) return err_set(t->err, ERR_TOO_DEEP_RECURSION, "Data type is nested too deeply");
    char w[256];
    if (!read_word(t, w, sizeof w)) return syntax(t, "type name");
    const char *fam = resolve_family(t, w);
    int rc = parse_family(t, fam, out);
    t->depth--;
    return rc;
}

int type_parse_n(const char *text, size_t len, const DataType **out, Err *err)
{
    TP t = {.p = text, .end = text + len, .start = text, .err = err};
    int rc = parse_type(&t, out);
    if (rc) return rc;
    skip_ws(&t);
    if (t.p != t.end) return syntax(&t, "end of data type");
    return 0;
}

int type_parse(const char *text, const DataType **out, Err *err)
{
    return type_parse_n(text, strlen(text), out, err);
}
