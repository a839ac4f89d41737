/* params.c — `{name:Identifier}` query parameters: ClickHouse lets a
 * parameter stand for a table, database or column name (CREATE TABLE
 * {t:Identifier}, SELECT {c:Identifier} FROM {db:Identifier}.{t:Identifier}).
 * They are replaced in the text before parsing by the value as a quoted
 * identifier (`a.b` becomes `a`.`b`), outside strings, quoted names and
 * comments. Parameters of other types stay for the binder (bind.c). */
#include "parser.h"

#include <ctype.h>
#include <string.h>

/* The end of the quoted run starting at s[i] (its quote q), past the quote. */
static size_t skip_quoted(const char *s, size_t n, size_t i, char q)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\') i++;
        else if (s[i] == q) return i + 1;
    }
    return n;
}

static void put_identifier(Buf *out, const char *v)
{
    for (const char *p = v;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        buf_putc(out, '`');
        for (size_t i = 0; i < n; i++) {
            if (p[i] == '`' || p[i] == '\\') buf_putc(out, '\\');
            buf_putc(out, p[i]);
        }
        buf_putc(out, '`');
        if (!dot) return;
        buf_putc(out, '.');
        p = dot + 1;
    }
}

/* `{ name : Identifier }` at s[i]: its end and the name's span, or 0. */
static size_t identifier_param(const char *s, size_t n, size_t i, size_t *name, size_t *name_len)
{
    size_t j = i + 1;
    while (j < n && isspace((unsigned char)s[j])) j++;
    *name = j;
    while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_')) j++;
    *name_len = j - *name;
    while (j < n && isspace((unsigned char)s[j])) j++;
    if (!*name_len || j >= n || s[j] != ':') return 0;
    j++;
    while (j < n && isspace((unsigned char)s[j])) j++;
    if (n - j < 10 || memcmp(s + j, "Identifier", 10)) return 0;
    j += 10;
    while (j < n && isspace((unsigned char)s[j])) j++;
    return j < n && s[j] == '}' ? j + 1 : 0;
}

int sql_substitute_identifiers(const char *text, size_t len, const QueryParam *params, int nparams, Buf *out, bool *changed, Err *err)
{
    *changed = false;
    if (!memmem(text, len, "Identifier", 10)) return 0;
    size_t i = 0, copied = 0;
    while (i < len) {
        char c = text[i];
        if (c == '\'' || c == '"' || c == '`') {
            i = skip_quoted(text, len, i, c);
        } else if (c == '-' && i + 1 < len && text[i + 1] == '-') {
            while (i < len && text[i] != '\n') i++;
        } else if (c == '/' && i + 1 < len && text[i + 1] == '*') {
            const char *e = memmem(text + i + 2, len - i - 2, "*/", 2);
            i = e ? (size_t)(e - text) + 2 : len;
        } else if (c == '{') {
            size_t name, name_len, end = identifier_param(text, len, i, &name, &name_len);
            if (!end) {
                i++;
                continue;
            }
            const char *value = NULL;
            for (int k = 0; k < nparams; k++)
                if (strlen(params[k].name) == name_len && !memcmp(params[k].name, text + name, name_len)) value = params[k].value;
            if (!value) return err_set(err, ERR_UNKNOWN_QUERY_PARAMETER, "Substitution `%.*s` is not set", (int)name_len, text + name);
            if (!*value) return err_set(err, ERR_BAD_QUERY_PARAMETER, "Empty identifier for query parameter '%.*s'", (int)name_len, text + name);
            buf_put(out, text + copied, i - copied);
            put_identifier(out, value);
            i = copied = end;
            *changed = true;
        } else {
            i++;
        }
    }
    buf_put(out, text + copied, len - copied);
    return 0;
}
