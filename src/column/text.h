/* text.h — values as text: ClickHouse's serializations per style, both ways.
 *
 * Styles: PLAIN (toString and Raw formats), ESCAPED (TabSeparated), QUOTED
 * (Values and elements inside arrays/tuples/maps), CSV and JSON. Writers
 * append one value of a column to a Buf; readers parse one value from text
 * into a column. FormatSettings carries the format_* / output_format_*
 * settings that change the bytes.
 */
#ifndef BASALT_TEXT_H
#define BASALT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/buf.h"
#include "../base/err.h"
#include "../base/tz.h"
#include "column.h"

typedef enum TextStyle { TS_PLAIN, TS_ESCAPED, TS_QUOTED, TS_CSV, TS_JSON } TextStyle;

typedef enum { DTF_SIMPLE, DTF_ISO, DTF_UNIX } DateTimeFormat;

typedef struct FormatSettings {
    const Tz *tz;                       /* session zone for types without one */
    bool json_quote_64bit;
    bool json_quote_denormals;
    bool json_quote_decimals;
    bool json_escape_slash;
    bool json_named_tuples_as_objects;
    bool decimal_trailing_zeros;
    DateTimeFormat dt_format;
    char csv_delim;
    bool csv_crlf;
    bool tsv_crlf;
    /* input */
    bool null_as_default;
    bool skip_unknown_fields;
    bool csv_empty_as_default;
    bool best_effort_datetime;
    bool strict_numbers;                /* integer overflow is an error (to*OrNull/OrZero), not a wrap */
} FormatSettings;

void format_settings_default(FormatSettings *fs);

/* Appends row `row` of c in the given style. */
void text_write(Buf *out, const Column *c, size_t row, TextStyle st, const FormatSettings *fs);
/* String escaping helpers shared with formats. */
void text_escape_tsv(Buf *out, const char *s, size_t n);
void text_quote_sql(Buf *out, const char *s, size_t n);      /* '...' */
void text_quote_csv(Buf *out, const char *s, size_t n);      /* "..." */
void text_quote_json(Buf *out, const char *s, size_t n, const FormatSettings *fs);
/* Quotes an identifier with backquotes when it is not a plain word. */
void text_write_ident(Buf *out, const char *name);

/* Date/time pieces (also used by functions). */
void text_put_date(Buf *out, int64_t days);
void text_put_datetime(Buf *out, int64_t t, const Tz *tz);
void text_put_datetime64(Buf *out, int64_t ticks, int scale, const Tz *tz);
void text_put_uuid(Buf *out, const uint64_t hl[2]);
void text_put_ipv4(Buf *out, uint32_t ip);
void text_put_ipv6(Buf *out, const unsigned char ip[16]);
/* Zone used to display a DateTime column: the type's, else the session's. */
const Tz *text_type_tz(const DataType *t, const FormatSettings *fs);

/* ---- reading ---- */
/* A reader cursor over text. */
typedef struct TextIn {
    const char *p, *end;
} TextIn;

/* Parses a whole string as one value of c's type and appends it (CAST from
 * String, and TSV/CSV fields once split out): scalars in their plain text,
 * composites in SQL literal syntax. The whole input must be consumed. On
 * failure c is unchanged and the error is CANNOT_PARSE_TEXT & co. */
int text_read_whole(const char *s, size_t n, Column *c, const FormatSettings *fs, Err *err);
/* Reads an SQL literal of c's type at in->p (Values format, inside arrays). */
int text_read_quoted(TextIn *in, Column *c, const FormatSettings *fs, Err *err);
/* Reads a JSON value into c (JSON input formats). */
int text_read_json(TextIn *in, Column *c, const FormatSettings *fs, Err *err);
/* Reads a JSON string token at in->p ("...") into out, unescaped. */
int text_read_json_string(TextIn *in, Buf *out, Err *err);
/* Skips one JSON value of any kind. */
int text_skip_json(TextIn *in, Err *err);
/* Unescapes TSV escapes of s[0..n) into out. */
void text_unescape_tsv(const char *s, size_t n, Buf *out);
/* True if the type reads its TSV field as unescaped text (String, FixedString, Enum). */
bool text_is_string_like(const DataType *t);

static inline void text_skip_ws(TextIn *in)
{
    while (in->p < in->end && (*in->p == ' ' || *in->p == '\t' || *in->p == '\n' || *in->p == '\r' || *in->p == '\f' || *in->p == '\v'))
        in->p++;
}

#endif
