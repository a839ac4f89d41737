/* fuzz_informat.c — libFuzzer target for the input formats that take
 * client bytes over HTTP (src/format/: RowBinary and its header variants,
 * CustomSeparated, JSON documents, JSONObjectEachRow, CSV, TabSeparated),
 * through the same in_format_open / in_format_read calls an INSERT makes.
 * The first byte picks the format; the rest is the body, read into a
 * table of mixed column types. Every input must parse or fail cleanly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/qctx.h"
#include "column/type.h"
#include "format/format.h"

static const char *FORMATS[] = {"RowBinary", "RowBinaryWithNames", "RowBinaryWithNamesAndTypes", "CustomSeparated",
                                "CustomSeparatedWithNamesAndTypes", "JSON", "JSONObjectEachRow", "CSV",
                                "TabSeparatedWithNamesAndTypes", "JSONCompactEachRowWithNamesAndTypes"};
static const char *TYPES[] = {"UInt64", "String", "Array(UInt8)", "Nullable(Int32)", "Tuple(a UInt8, b String)",
                              "Map(String, UInt16)", "LowCardinality(String)", "FixedString(3)", "DateTime64(3, 'UTC')"};
static char *NAMES[] = {"id", "name", "sku", "n", "t", "m", "lc", "fs", "d"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 16) return 0;
    const FormatDef *def = format_find(FORMATS[data[0] % (sizeof FORMATS / sizeof FORMATS[0])]);
    if (!def) abort();
    QueryCtx q;
    qctx_init(&q);
    const int n = sizeof TYPES / sizeof TYPES[0];
    const DataType *types[sizeof TYPES / sizeof TYPES[0]];
    Err err;
    for (int i = 0; i < n; i++)
        if (type_parse(TYPES[i], &types[i], &err)) abort();
    if (data[0] & 0x80) settings_set(&q.settings, "format_custom_escaping_rule", (data[0] & 0x40) ? "CSV" : "Quoted", &err);
    InSource src;
    insource_init_mem(&src, (const char *)data + 1, size - 1);
    InFormat f;
    if (in_format_open(&f, def, &q, &src, n, NAMES, types, &err) == 0) {
        for (int guard = 0; guard < 100000; guard++) {
            Chunk *ch = NULL;
            if (in_format_read(&f, 1000, &ch, &err) || !ch) break;
            if (ch->ncols != n) abort();
            for (int i = 0; i < n; i++)
                if (ch->cols[i]->rows != ch->rows) abort();
            chunk_free(ch);
        }
        in_format_close(&f);
    }
    qctx_finish(&q);
    return 0;
}
