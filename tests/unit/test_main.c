/* test_main.c — unit tests for what SQL tests cannot reach directly: the
 * arena, the memory tracker, the lexer/parser round trip (parse -> format ->
 * parse gives the same text), type names (parse -> print -> parse), text
 * round trips of values, float formatting; test_codec.c: compressed blocks. Prints "ok N name" /
 * "not ok N name" per check group; exits non-zero on any failure. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/numfmt.h"
#include "column/cast.h"
#include "column/text.h"
#include "column/type.h"
#include "sql/parser.h"
#include "unit.h"

int g_fail, g_num;

void report(const char *name, int failed)
{
    g_num++;
    printf("%s %d %s\n", failed ? "not ok" : "ok", g_num, name);
    g_fail += failed != 0;
}

static void test_arena(void)
{
    int failed = 0;
    MemTracker t = {0};
    MemTracker *saved = mem_current;
    mem_current = &t;
    Arena a;
    arena_init(&a);
    char *p = arena_alloc(&a, 10);
    CHECK(((uintptr_t)p & 15) == 0);
    for (int i = 0; i < 10; i++) CHECK(p[i] == 0);
    char *big = arena_alloc(&a, 3 << 20);
    CHECK(big != NULL);
    big[(3 << 20) - 1] = 1;
    char *s = arena_printf(&a, "%d-%s", 42, "x");
    CHECK(strcmp(s, "42-x") == 0);
    for (int i = 0; i < 10000; i++) arena_alloc(&a, (size_t)i % 100);
    /* packed bytes next to aligned allocations, across block ends and a big one-off */
    for (int i = 0; i < 100000; i++) {
        char buf[7] = {(char)i, 1, 2, 3, 4, 5, 6};
        const char *k = arena_pack(&a, buf, (size_t)(i % 8));
        if (i % 8) CHECK(k[0] == (char)i && k[i % 8 - 1] == (char)(i % 8 == 1 ? i : i % 8 - 1));
        if (i % 97 == 0) CHECK(((uintptr_t)arena_alloc(&a, 24) & 15) == 0);
        if (i == 5000) arena_alloc(&a, 1 << 20);
    }
    CHECK(t.used > 0);
    arena_free(&a);
    CHECK(t.used == 0);
    t.limit = 100;
    void *m = mem_alloc(1000);
    Err err;
    CHECK(mem_check(&err) == ERR_MEMORY_LIMIT_EXCEEDED);
    mem_free(m, 1000);
    CHECK(mem_check(&err) == 0);
    mem_current = saved;
    report("arena and memory tracker", failed);
}

static const char *QUERIES[] = {
    "SELECT 1",
    "SELECT number * 2 AS x, 'a''b' FROM numbers(10) WHERE x > 2 AND NOT number IN (1, 2) ORDER BY x DESC LIMIT 3",
    "SELECT a.x, b.* FROM t1 AS a INNER JOIN t2 AS b ON a.id = b.id",
    "SELECT count(), sum(x) FROM t GROUP BY k WITH TOTALS HAVING count() > 1",
    "SELECT arrayMap(x -> x + 1, [1, 2, 3]), (1, 'a').1, [1, 2][1], CAST(1 AS String)",
    "SELECT CASE WHEN x THEN 1 ELSE 2 END, if(a, b, c), -1, - x, x BETWEEN 1 AND 2",
    "SELECT * FROM (SELECT 1 UNION ALL SELECT 2)",
    "WITH 1 AS x SELECT x + 1",
    "SELECT quantile(0.5)(x), countIf(x > 1), uniqExact(x) FROM t",
    "SELECT x FROM t ARRAY JOIN arr AS x LIMIT 1 BY y",
};

static int format_of(const char *q, Buf *out)
{
    Arena a;
    arena_init(&a);
    size_t off = 0;
    Ast *st;
    Err err;
    int rc = parse_next_statement(&a, q, strlen(q), &off, NULL, &st, &err);
    if (!rc && st) ast_format(st, out);
    arena_free(&a);
    return rc;
}

static void test_parser_roundtrip(void)
{
    int failed = 0;
    for (size_t i = 0; i < sizeof QUERIES / sizeof QUERIES[0]; i++) {
        Buf a = {0}, b = {0};
        CHECK(format_of(QUERIES[i], &a) == 0);
        CHECK(format_of(buf_cstr(&a), &b) == 0);
        if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) {
            fprintf(stderr, "  round trip differs:\n    %s\n    %s\n", buf_cstr(&a), buf_cstr(&b));
            failed++;
        }
        buf_free(&a);
        buf_free(&b);
    }
    /* errors are errors, never crashes */
    const char *bad[] = {"SELECT (", "SELECT 1 +", "SELEC 1", "SELECT [1, 2", "SELECT 'abc", "SELECT f(1,,2)", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Arena ar;
        arena_init(&ar);
        size_t off = 0;
        Ast *st = NULL;
        Err err;
        int rc = parse_next_statement(&ar, bad[i], strlen(bad[i]), &off, NULL, &st, &err);
        CHECK(rc == ERR_SYNTAX_ERROR || (rc == 0 && st == NULL && !*bad[i]));
        arena_free(&ar);
    }
    report("parser round trip and syntax errors", failed);
}

static void test_types(void)
{
    int failed = 0;
    const char *names[] = {"UInt8", "Nullable(Int32)", "Array(Array(String))", "Map(String, UInt64)",
                           "Tuple(UInt8, String)", "Tuple(a Int32, b String)", "Decimal(9, 2)", "DateTime('UTC')",
                           "DateTime64(3, 'Asia/Tokyo')", "Enum8('a' = 1, 'b' = 2)", "LowCardinality(Nullable(String))",
                           "FixedString(16)", "IntervalDay"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const DataType *t, *t2;
        Err err;
        CHECK(type_parse(names[i], &t, &err) == 0);
        CHECK(strcmp(t->name, names[i]) == 0);
        CHECK(type_parse(t->name, &t2, &err) == 0 && t2 == t);
    }
    const DataType *t;
    Err err;
    CHECK(type_parse("INT UNSIGNED", &t, &err) == 0 && t->kind == TYPE_UINT32);
    CHECK(type_parse("DOUBLE PRECISION", &t, &err) == 0 && t->kind == TYPE_FLOAT64);
    CHECK(type_parse("Nope", &t, &err) == ERR_UNKNOWN_TYPE);
    CHECK(type_parse("Array(", &t, &err) != 0);
    report("type names round trip", failed);
}

static void test_value_text(void)
{
    int failed = 0;
    const char *cases[][2] = {{"Float64", "0.1"}, {"Float64", "1e21"}, {"Float64", "-0"}, {"Date", "2024-02-29"},
                              {"DateTime", "2024-01-02 03:04:05"}, {"Decimal(10, 3)", "-12.5"}, {"UUID", "61f0c404-5cb3-11e7-907b-a6006ad3dba0"},
                              {"Array(String)", "['a\\'b','c']"}, {"Tuple(UInt8, String)", "(1,'x')"}, {"IPv6", "::ffff:1.2.3.4"},
                              {"Map(String, UInt8)", "{'k':1}"}, {"Nullable(UInt8)", "\\N"}, {"Int64", "-9223372036854775808"}};
    FormatSettings fs;
    format_settings_default(&fs);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const DataType *t;
        Err err;
        CHECK(type_parse(cases[i][0], &t, &err) == 0);
        Column *c = col_new(t);
        int rc = text_read_whole(cases[i][1], strlen(cases[i][1]), c, &fs, &err);
        CHECK(rc == 0);
        if (!rc) {
            Buf b = {0};
            text_write(&b, c, 0, TS_PLAIN, &fs);
            if (b.len != strlen(cases[i][1]) || memcmp(b.data, cases[i][1], b.len) != 0) {
                fprintf(stderr, "  %s: %s -> %s\n", cases[i][0], cases[i][1], buf_cstr(&b));
                failed++;
            }
            buf_free(&b);
        }
        col_unref(c);
    }
    report("value text round trip", failed);
}

static void test_floats(void)
{
    int failed = 0;
    struct { double v; const char *s; } cases[] = {{0.1, "0.1"}, {1e15, "1000000000000000"}, {1e21, "1e21"}, {1e-7, "1e-7"},
                                                    {1e-6, "0.000001"}, {1.0 / 3, "0.3333333333333333"}, {5e-324, "5e-324"},
                                                    {123456789012345680000.0, "123456789012345680000"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char b[64];
        fmt_double_to(b, cases[i].v);
        if (strcmp(b, cases[i].s) != 0) {
            fprintf(stderr, "  %.17g printed %s, expected %s\n", cases[i].v, b, cases[i].s);
            failed++;
        }
    }
    Buf f = {0};
    fmt_float(&f, 0.1f);
    CHECK(strcmp(buf_cstr(&f), "0.1") == 0);
    buf_free(&f);
    report("shortest float text", failed);
}

int main(void)
{
    test_arena();
    test_parser_roundtrip();
    test_types();
    test_value_text();
    test_floats();
    test_codec();
    test_partmeta();
    test_agg_hints();
    test_strsearch();
    test_sortkey();
    test_wire();
    return g_fail ? 1 : 0;
}
