/* format.h — output and input formats (formats.def is the registry).
 *
 * An output format turns a stream of chunks into bytes appended to a Buf
 * that the caller flushes (stdout, an HTTP response, ...): begin() writes any
 * prefix, chunk() the rows, end() the suffix (JSON statistics, totals...).
 * An input format parses rows from an InSource (bytes that may arrive in
 * pieces) into chunks of the target columns; a row is first delimited, then
 * parsed, so a row never straddles a refill. Byte layouts follow
 * ../shared/spec/http-interface.md §13-14 and ClickHouse 26.7.
 */
#ifndef BASALT_FORMAT_H
#define BASALT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "../base/qctx.h"
#include "../column/text.h"

typedef struct OutFormat OutFormat;
typedef struct InFormat InFormat;

typedef struct OutStats {
    double elapsed_s;
    uint64_t rows_read, bytes_read;
    bool has_limit;
    uint64_t rows_before_limit;
    Chunk *totals;            /* WITH TOTALS row, or NULL */
} OutStats;

typedef struct OutVt {
    int (*begin)(OutFormat *f, Err *err);
    int (*chunk)(OutFormat *f, Chunk *ch, Err *err);
    int (*end)(OutFormat *f, const OutStats *st, Err *err);
} OutVt;

/* Byte source for input formats: data already in memory plus an optional refill callback. */
typedef struct InSource {
    char *buf;                 /* owned window */
    size_t pos, len, cap;
    bool eof;
    ssize_t (*read)(void *ctx, char *dst, size_t cap);   /* NULL: no more data */
    void *ctx;
    uint64_t consumed;         /* bytes consumed before the window (for error offsets) */
} InSource;

typedef struct InVt {
    /* Reads optional header lines (names/types). */
    int (*begin)(InFormat *f, Err *err);
    /* Finds the end of the row starting at p (before end); returns the position just past
     * the row terminator, or NULL if more data is needed. */
    const char *(*row_end)(InFormat *f, const char *p, const char *end, bool eof);
    /* Parses one row [p, e) into the column builders; returns 0 or an error. */
    int (*parse_row)(InFormat *f, const char *p, const char *e, Err *err);
} InVt;

typedef struct FormatDef {
    const char *name;
    const char *content_type;
    const OutVt *write;
    const InVt *read;
    int variant;               /* format-specific flags (WithNames, Raw, ...) */
} FormatDef;

struct OutFormat {
    const FormatDef *def;
    QueryCtx *q;
    Buf *out;
    FormatSettings fs;
    int ncols;
    char **names;
    const DataType **types;
    uint64_t rows;
    void *state;
    bool tty;                  /* writing to a terminal (Pretty colours) */
};

struct InFormat {
    const FormatDef *def;
    QueryCtx *q;
    InSource *src;
    FormatSettings fs;
    int ncols;                 /* target columns */
    char **names;
    const DataType **types;
    Column **cols;             /* builders for the current chunk */
    int *map;                  /* file column i -> target column (or -1 to skip) */
    int nfile;                 /* columns in the file */
    bool *seen;                /* JSONEachRow: which target columns a row set */
    uint64_t row_no;
    void *state;
    /* rows (of the chunk being built) where a column took its default because
     * the input had NULL for a non-Nullable column, DEFAULT, or no value at
     * all: INSERT fills those with the column's DEFAULT expression */
    Buf *dflt;
    Buf *out_dflt;             /* the same, for the chunk last returned by in_format_read */
    /* Values: evaluates a value that is not a plain literal (an SQL expression) */
    int (*expr_fallback)(void *ctx, const char *s, size_t n, Column *c, Err *err);
    void *expr_ctx;
};

const FormatDef *format_find(const char *name);    /* case-sensitive, as ClickHouse */
const FormatDef *format_at(size_t i);

/* Format settings from query settings. */
void format_settings_from_query(QueryCtx *q, FormatSettings *fs);

int out_format_open(OutFormat *f, const FormatDef *def, QueryCtx *q, Buf *out, int ncols, char **names,
                    const DataType **types, Err *err);

/* Input: reads up to max_rows rows into *out (NULL at end of data). */
int in_format_open(InFormat *f, const FormatDef *def, QueryCtx *q, InSource *src, int ncols, char **names,
                   const DataType **types, Err *err);
int in_format_read(InFormat *f, size_t max_rows, Chunk **out, Err *err);
/* Pushes the type's default into builder c (one of f->cols) and records the
 * row as "use the column DEFAULT". */
void in_format_push_default(InFormat *f, Column *c);
/* Rows of column k of the last chunk read that want the column DEFAULT. */
const uint32_t *in_format_defaults(const InFormat *f, int k, size_t *n);
void in_format_close(InFormat *f);
/* One TabSeparated field s[0, e) into c (raw: no unescaping); fmt_tsv.c. */
int tsv_parse_field(InFormat *f, Column *c, const char *s, const char *e, bool raw, Err *err);
/* ClickHouse's row-level parse error (CANNOT_PARSE_INPUT_ASSERTION_FAILED):
 * "Cannot parse input: expected '<expected>' before: '<at .. end>'". */
int in_format_expected(Err *err, const char *expected, const char *at, const char *end);
/* Bytes of s[0, n) a number of type t is read from (sign, digits, and for
 * floats and decimals the point and exponent): the delimiter is expected
 * after them. */
size_t in_format_number_prefix(const DataType *t, const char *s, size_t n);
/* Whether values of t are read as a number (then a bad value is reported
 * as a missing delimiter after the number's prefix, as ClickHouse does). */
bool in_format_is_number(const DataType *t);
/* A WithNames header line: file column i goes to the target column named
 * names[i] (lens[i] bytes), or nowhere (an error unless
 * input_format_skip_unknown_fields); a column named twice is an error. */
int in_format_map_header(InFormat *f, const char *const *names, const size_t *lens, int n, Err *err);
/* One header line of a ...WithNames[AndTypes] format, n fields, each
 * field(ctx, i, out) appending field i's text: line 0 names the columns
 * (mapped with input_format_with_names_use_header), line 1 gives their
 * types (checked with input_format_with_types_use_header). */
int in_format_header_line(InFormat *f, int line, int n, void (*field)(void *ctx, int i, Buf *out), void *ctx, Err *err);
/* The end of a row of values: on an error (rc) the values already taken
 * are taken back; else the target columns the row did not set get their
 * defaults. Returns rc. */
int in_format_end_row(InFormat *f, int rc);
/* WithNamesAndTypes headers: the type named text[0, n) must be column k's
 * (input_format_with_types_use_header); INCORRECT_DATA otherwise. */
int in_format_check_type(InFormat *f, int k, const char *text, size_t n, Err *err);

/* InSource over a memory block (not copied; must outlive the source) or a file descriptor. */
void insource_init_mem(InSource *s, const char *data, size_t len);
void insource_init_fd(InSource *s, int fd);
void insource_free(InSource *s);

#define FORMAT_FAMILY(name) extern const FormatDef FORMATS_##name[];
#include "formats.def"
#undef FORMAT_FAMILY

#endif
