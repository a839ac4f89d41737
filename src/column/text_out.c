/* text_out.c — writes column values as text in each TextStyle; see text.h.
 *
 * One switch per value on the type kind. Composite values (Array, Tuple, Map)
 * write their elements in the QUOTED style, as ClickHouse does, except in
 * JSON where they nest as JSON. The exact bytes (escapes, float text, decimal
 * trailing zeros, DateTime zones) are part of the compatibility contract and
 * are covered by tests/queries.
 */
#include <stdio.h>
#include <string.h>

#include "../base/numfmt.h"
#include "text.h"

void format_settings_default(FormatSettings *fs)
{
    memset(fs, 0, sizeof *fs);
    fs->tz = tz_default();
    fs->json_escape_slash = true;
    fs->json_named_tuples_as_objects = true;
    fs->csv_delim = ',';
    fs->null_as_default = true;
    fs->skip_unknown_fields = true;
    fs->csv_empty_as_default = true;
    fs->best_effort_datetime = true;
}

static const char HEX[] = "0123456789abcdef";

void text_escape_tsv(Buf *out, const char *s, size_t n)
{
    buf_reserve(out, n);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        switch (c) {
        case '\\': buf_put(out, "\\\\", 2); break;
        case '\t': buf_put(out, "\\t", 2); break;
        case '\n': buf_put(out, "\\n", 2); break;
        case '\r': buf_put(out, "\\r", 2); break;
        case '\b': buf_put(out, "\\b", 2); break;
        case '\f': buf_put(out, "\\f", 2); break;
        case '\0': buf_put(out, "\\0", 2); break;
        case '\'': buf_put(out, "\\'", 2); break;
        default: buf_putc(out, c); break;
        }
    }
}

void text_quote_sql(Buf *out, const char *s, size_t n)
{
    buf_putc(out, '\'');
    text_escape_tsv(out, s, n);
    buf_putc(out, '\'');
}

void text_quote_csv(Buf *out, const char *s, size_t n)
{
    buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') buf_putc(out, '"');
        buf_putc(out, s[i]);
    }
    buf_putc(out, '"');
}

void text_quote_json(Buf *out, const char *s, size_t n, const FormatSettings *fs)
{
    buf_reserve(out, n + 2);
    buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': buf_put(out, "\\\"", 2); break;
        case '\\': buf_put(out, "\\\\", 2); break;
        case '\n': buf_put(out, "\\n", 2); break;
        case '\r': buf_put(out, "\\r", 2); break;
        case '\t': buf_put(out, "\\t", 2); break;
        case '\b': buf_put(out, "\\b", 2); break;
        case '\f': buf_put(out, "\\f", 2); break;
        case '/':
            if (!fs || fs->json_escape_slash) buf_put(out, "\\/", 2);
            else buf_putc(out, '/');
            break;
        default:
            if (c < 0x20) {
                char u[6] = {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 15]};
                buf_put(out, u, 6);
            } else {
                buf_putc(out, (char)c);
            }
        }
    }
    buf_putc(out, '"');
}

void text_write_ident(Buf *out, const char *name)
{
    int plain = (name[0] && !(name[0] >= '0' && name[0] <= '9'));
    for (const char *p = name; *p && plain; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_')) plain = 0;
    if (plain) {
        buf_puts(out, name);
        return;
    }
    buf_putc(out, '`');
    for (const char *p = name; *p; p++) {
        if (*p == '`' || *p == '\\') buf_putc(out, '\\');
        buf_putc(out, *p);
    }
    buf_putc(out, '`');
}

static void put2(Buf *out, unsigned v)
{
    char t[2] = {(char)('0' + v / 10 % 10), (char)('0' + v % 10)};
    buf_put(out, t, 2);
}

void text_put_date(Buf *out, int64_t days)
{
    int y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    char t[16];
    int n = snprintf(t, sizeof t, "%04d-", y);
    buf_put(out, t, (size_t)n);
    put2(out, m);
    buf_putc(out, '-');
    put2(out, d);
}

static void put_time(Buf *out, const CivilTime *ct)
{
    char t[16];
    int n = snprintf(t, sizeof t, "%04d-", ct->year);
    buf_put(out, t, (size_t)n);
    put2(out, ct->month);
    buf_putc(out, '-');
    put2(out, ct->day);
    buf_putc(out, ' ');
    put2(out, ct->hour);
    buf_putc(out, ':');
    put2(out, ct->minute);
    buf_putc(out, ':');
    put2(out, ct->second);
}

void text_put_datetime(Buf *out, int64_t t, const Tz *tz)
{
    CivilTime ct;
    tz_civil(tz, t, &ct);
    put_time(out, &ct);
}

static int64_t pow10i(int n)
{
    int64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

void text_put_datetime64(Buf *out, int64_t ticks, int scale, const Tz *tz)
{
    int64_t mul = pow10i(scale);
    int64_t secs = floor_div(ticks, mul);
    int64_t frac = ticks - secs * mul;
    text_put_datetime(out, secs, tz);
    if (scale > 0) {
        char t[16];
        int n = snprintf(t, sizeof t, ".%0*lld", scale, (long long)frac);
        buf_put(out, t, (size_t)n);
    }
}

void text_put_uuid(Buf *out, const uint64_t hl[2])
{
    char t[37];
    unsigned char b[16];
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(hl[0] >> (56 - 8 * i));
        b[8 + i] = (unsigned char)(hl[1] >> (56 - 8 * i));
    }
    int k = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) t[k++] = '-';
        t[k++] = HEX[b[i] >> 4];
        t[k++] = HEX[b[i] & 15];
    }
    buf_put(out, t, 36);
}

void text_put_ipv4(Buf *out, uint32_t ip)
{
    buf_printf(out, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
}

void text_put_ipv6(Buf *out, const unsigned char ip[16])
{
    unsigned w[8];
    for (int i = 0; i < 8; i++) w[i] = (unsigned)ip[2 * i] << 8 | ip[2 * i + 1];
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        if (w[i]) {
            i++;
            continue;
        }
        int j = i;
        while (j < 8 && !w[j]) j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j;
    }
    if (best_len < 2) best = -1;
    for (int i = 0; i < 8; i++) {
        if (best >= 0 && i >= best && i < best + best_len) {
            if (i == best) buf_putc(out, ':');
            continue;
        }
        if (i) buf_putc(out, ':');
        if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
            buf_printf(out, "%u.%u.%u.%u", ip[12], ip[13], ip[14], ip[15]);
            break;
        }
        buf_printf(out, "%x", w[i]);
    }
    if (best >= 0 && best + best_len == 8) buf_putc(out, ':');
}

const Tz *text_type_tz(const DataType *t, const FormatSettings *fs)
{
    const Tz *tz = NULL;
    if (t->tz && tz_get(t->tz, &tz, NULL) == 0) return tz;
    return fs && fs->tz ? fs->tz : tz_default();
}

/* Writes a value whose text needs quotes in QUOTED/CSV/JSON styles. */
static void open_q(Buf *out, TextStyle st)
{
    if (st == TS_QUOTED) buf_putc(out, '\'');
    else if (st == TS_CSV || st == TS_JSON) buf_putc(out, '"');
}

static void write_number(Buf *out, const Column *c, size_t i, TextStyle st, const FormatSettings *fs)
{
    const char *d = c->data.data;
    bool q64 = st == TS_JSON && fs && fs->json_quote_64bit;
    switch (c->type->kind) {
    case TYPE_UINT8: buf_put_u64(out, ((const uint8_t *)d)[i]); break;
    case TYPE_UINT16: buf_put_u64(out, ((const uint16_t *)(const void *)d)[i]); break;
    case TYPE_UINT32: buf_put_u64(out, ((const uint32_t *)(const void *)d)[i]); break;
    case TYPE_INT8: buf_put_i64(out, ((const int8_t *)d)[i]); break;
    case TYPE_INT16: buf_put_i64(out, ((const int16_t *)(const void *)d)[i]); break;
    case TYPE_INT32: buf_put_i64(out, ((const int32_t *)(const void *)d)[i]); break;
    case TYPE_UINT64:
        if (q64) buf_putc(out, '"');
        buf_put_u64(out, ((const uint64_t *)(const void *)d)[i]);
        if (q64) buf_putc(out, '"');
        break;
    case TYPE_INT64: case TYPE_INTERVAL:
        if (q64) buf_putc(out, '"');
        buf_put_i64(out, ((const int64_t *)(const void *)d)[i]);
        if (q64) buf_putc(out, '"');
        break;
    case TYPE_UINT128: {
        if (q64) buf_putc(out, '"');
        u128 v;
        memcpy(&v, d + 16 * i, 16);
        fmt_u128(out, v);
        if (q64) buf_putc(out, '"');
        break;
    }
    case TYPE_INT128: {
        if (q64) buf_putc(out, '"');
        i128 v;
        memcpy(&v, d + 16 * i, 16);
        fmt_i128(out, v);
        if (q64) buf_putc(out, '"');
        break;
    }
    default: break;
    }
}

static void write_float(Buf *out, double v, bool is32, TextStyle st, const FormatSettings *fs)
{
    bool special = v != v || v - v != 0;
    if (st == TS_JSON && special) {
        if (fs && fs->json_quote_denormals) {
            buf_putc(out, '"');
            if (is32) fmt_float(out, (float)v);
            else fmt_double(out, v);
            buf_putc(out, '"');
        } else {
            buf_puts(out, "null");
        }
        return;
    }
    if (is32) fmt_float(out, (float)v);
    else fmt_double(out, v);
}

static void write_decimal(Buf *out, const Column *c, size_t i, TextStyle st, const FormatSettings *fs)
{
    i128 v;
    switch (c->type->kind) {
    case TYPE_DECIMAL32: v = COL_DATA(c, int32_t)[i]; break;
    case TYPE_DECIMAL64: v = COL_DATA(c, int64_t)[i]; break;
    default: v = COL_DATA(c, i128)[i]; break;
    }
    bool q = st == TS_JSON && fs && fs->json_quote_decimals;
    if (q) buf_putc(out, '"');
    fmt_decimal(out, v, c->type->p2, fs && fs->decimal_trailing_zeros);
    if (q) buf_putc(out, '"');
}

static void write_string(Buf *out, const char *s, size_t n, TextStyle st, const FormatSettings *fs)
{
    switch (st) {
    case TS_PLAIN: buf_put(out, s, n); break;
    case TS_ESCAPED: text_escape_tsv(out, s, n); break;
    case TS_QUOTED: text_quote_sql(out, s, n); break;
    case TS_CSV: text_quote_csv(out, s, n); break;
    case TS_JSON: text_quote_json(out, s, n, fs); break;
    }
}

static void write_datetime(Buf *out, const Column *c, size_t i, TextStyle st, const FormatSettings *fs)
{
    const Tz *tz = text_type_tz(c->type, fs);
    bool is64 = c->type->kind == TYPE_DATETIME64;
    int64_t v = is64 ? COL_DATA(c, int64_t)[i] : (int64_t)COL_DATA(c, uint32_t)[i];
    DateTimeFormat f = fs ? fs->dt_format : DTF_SIMPLE;
    open_q(out, st);
    if (f == DTF_UNIX) {
        if (is64) fmt_decimal(out, v, c->type->p1, true);
        else buf_put_i64(out, v);
    } else if (f == DTF_ISO) {
        Buf tmp = {0};
        if (is64) text_put_datetime64(&tmp, v, c->type->p1, tz_utc());
        else text_put_datetime(&tmp, v, tz_utc());
        tmp.data[10] = 'T';
        buf_put(out, tmp.data, tmp.len);
        buf_putc(out, 'Z');
        buf_free(&tmp);
    } else if (is64) {
        text_put_datetime64(out, v, c->type->p1, tz);
    } else {
        text_put_datetime(out, v, tz);
    }
    open_q(out, st);
}

static void write_composite(Buf *out, const Column *c, size_t i, TextStyle st, const FormatSettings *fs);

static void write_scalar(Buf *out, const Column *c, size_t i, TextStyle st, const FormatSettings *fs)
{
    const DataType *t = c->type;
    switch (t->kind) {
    case TYPE_FLOAT32: write_float(out, COL_DATA(c, float)[i], true, st, fs); return;
    case TYPE_FLOAT64: write_float(out, COL_DATA(c, double)[i], false, st, fs); return;
    case TYPE_BOOL: buf_puts(out, COL_DATA(c, uint8_t)[i] ? "true" : "false"); return;
    case TYPE_NOTHING: buf_puts(out, st == TS_JSON ? "null" : st == TS_QUOTED ? "NULL" : "\\N"); return;
    case TYPE_DECIMAL32: case TYPE_DECIMAL64: case TYPE_DECIMAL128: write_decimal(out, c, i, st, fs); return;
    case TYPE_STRING: case TYPE_FIXEDSTRING: case TYPE_AGGSTATE: {
        size_t n;
        const char *s = col_str(c, i, &n);
        write_string(out, s, n, st, fs);
        return;
    }
    case TYPE_DATE: case TYPE_DATE32:
        open_q(out, st);
        text_put_date(out, t->kind == TYPE_DATE ? (int64_t)COL_DATA(c, uint16_t)[i] : (int64_t)COL_DATA(c, int32_t)[i]);
        open_q(out, st);
        return;
    case TYPE_DATETIME: case TYPE_DATETIME64: write_datetime(out, c, i, st, fs); return;
    case TYPE_UUID: open_q(out, st); text_put_uuid(out, COL_DATA(c, uint64_t) + 2 * i); open_q(out, st); return;
    case TYPE_IPV4: open_q(out, st); text_put_ipv4(out, COL_DATA(c, uint32_t)[i]); open_q(out, st); return;
    case TYPE_IPV6: open_q(out, st); text_put_ipv6(out, (const unsigned char *)c->data.data + 16 * i); open_q(out, st); return;
    case TYPE_ENUM8: case TYPE_ENUM16: {
        int v = t->kind == TYPE_ENUM8 ? COL_DATA(c, int8_t)[i] : COL_DATA(c, int16_t)[i];
        const char *name = type_enum_name(t, v);
        if (!name) {
            buf_put_i64(out, v);
            return;
        }
        write_string(out, name, strlen(name), st, fs);
        return;
    }
    default:
        write_number(out, c, i, st, fs);
        return;
    }
}

void text_write(Buf *out, const Column *c, size_t row, TextStyle st, const FormatSettings *fs)
{
    size_t i = col_phys(c, row);
    switch (c->type->kind) {
    case TYPE_NULLABLE:
        if (COL_NULLS(c)[i]) {
            buf_puts(out, st == TS_JSON ? "null" : st == TS_QUOTED ? "NULL" : "\\N");
            return;
        }
        text_write(out, c->sub[0], i, st, fs);
        return;
    case TYPE_LOWCARDINALITY:
        text_write(out, c->sub[0], i, st, fs);
        return;
    case TYPE_ARRAY: case TYPE_TUPLE: case TYPE_MAP:
        if (st == TS_CSV) {
            Buf tmp = {0};
            write_composite(&tmp, c, i, TS_QUOTED, fs);
            text_quote_csv(out, tmp.data, tmp.len);
            buf_free(&tmp);
            return;
        }
        write_composite(out, c, i, st, fs);
        return;
    default:
        write_scalar(out, c, i, st, fs);
        return;
    }
}

static void write_composite(Buf *out, const Column *c, size_t i, TextStyle st, const FormatSettings *fs)
{
    TextStyle inner = st == TS_JSON ? TS_JSON : TS_QUOTED;
    const DataType *t = c->type;
    if (t->kind == TYPE_ARRAY) {
        buf_putc(out, '[');
        for (uint64_t k = col_off_begin(c, i); k < COL_OFFS(c)[i]; k++) {
            if (k > col_off_begin(c, i)) buf_putc(out, ',');
            text_write(out, c->sub[0], k, inner, fs);
        }
        buf_putc(out, ']');
    } else if (t->kind == TYPE_TUPLE) {
        bool obj = st == TS_JSON && t->names && (!fs || fs->json_named_tuples_as_objects);
        buf_putc(out, st == TS_JSON ? (obj ? '{' : '[') : '(');
        for (int k = 0; k < c->nsub; k++) {
            if (k) buf_putc(out, ',');
            if (obj) {
                text_quote_json(out, t->names[k], strlen(t->names[k]), fs);
                buf_putc(out, ':');
            }
            text_write(out, c->sub[k], i, inner, fs);
        }
        buf_putc(out, st == TS_JSON ? (obj ? '}' : ']') : ')');
    } else {
        buf_putc(out, '{');
        for (uint64_t k = col_off_begin(c, i); k < COL_OFFS(c)[i]; k++) {
            if (k > col_off_begin(c, i)) buf_putc(out, ',');
            if (st == TS_JSON) {
                Buf key = {0};
                text_write(&key, c->sub[0], k, TS_PLAIN, fs);
                text_quote_json(out, key.data, key.len, fs);
                buf_free(&key);
            } else {
                text_write(out, c->sub[0], k, inner, fs);
            }
            buf_putc(out, ':');
            text_write(out, c->sub[1], k, inner, fs);
        }
        buf_putc(out, '}');
    }
}
