/* test_partmeta.c — part metadata (meta.bin) versions: the current one round
 * trips with its column stats, the previous one (2, no stats) is still read,
 * and a newer one is refused as UNKNOWN_FORMAT_VERSION (so a table written by
 * a newer basalt is left alone, not detached as broken). */
#include <string.h>
#include <xxhash.h>

#include "base/mem.h"
#include "column/column.h"
#include "column/type.h"
#include "storage/mt_part.h"
#include "unit.h"

/* Rewrites the version field of an encoded meta.bin and its checksum. */
static void set_version(Buf *b, uint32_t v)
{
    memcpy(b->data + 8, &v, 4);
    uint64_t h = XXH3_64bits(b->data, b->len - 8);
    memcpy(b->data + b->len - 8, &h, 8);
}

void test_partmeta(void)
{
    int failed = 0;
    MtPartName name;
    CHECK(mt_part_name_parse("all_1_1_0", &name));
    const DataType *u32 = type_basic(TYPE_UINT32);
    Column *st = col_new(u32);
    uint32_t lo = 3, hi = 99;
    buf_put(&st->data, &lo, 4);
    buf_put(&st->data, &hi, 4);
    st->rows = 2;
    char *col_names[] = {"k"}, *stat_names[] = {"k"};
    const DataType *col_types[] = {u32};
    uint32_t granules[] = {10};
    MtPartMeta m = {.rows = 10, .granularity = 8192, .marks = 2, .granule_rows = granules, .ncols = 1, .col_names = col_names,
                    .col_types = col_types, .stats = &st, .stat_names = stat_names, .nstats = 1};
    Buf b = {0};
    mt_meta_encode(&name, &m, &b);
    MtPartName n2;
    MtPartMeta back;
    Err err;
    CHECK(mt_meta_decode(b.data, b.len, &n2, &back, &err) == 0);
    CHECK(back.nstats == 1 && !strcmp(back.stat_names[0], "k") && back.stats[0]->rows == 2 &&
          !memcmp(back.stats[0]->data.data, st->data.data, 8));
    mt_meta_free(&back);
    set_version(&b, 4);
    CHECK(mt_meta_decode(b.data, b.len, &n2, &back, &err) == ERR_UNKNOWN_FORMAT_VERSION);
    /* version 2: the same bytes without the stats section */
    Buf v2 = {0};
    MtPartMeta m2 = m;
    m2.nstats = 0;
    mt_meta_encode(&name, &m2, &v2);
    v2.len -= 12;   /* the empty stats count and the checksum */
    buf_put(&v2, "\0\0\0\0\0\0\0\0", 8);
    set_version(&v2, 2);
    CHECK(mt_meta_decode(v2.data, v2.len, &n2, &back, &err) == 0);
    CHECK(back.nstats == 0 && back.rows == 10);
    mt_meta_free(&back);
    buf_free(&b);
    buf_free(&v2);
    col_unref(st);
    report("part metadata versions", failed);
}
