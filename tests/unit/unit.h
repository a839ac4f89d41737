/* unit.h — the unit-test registry shared by the files of tests/unit: CHECK counts a
 * failed condition in the enclosing function's `failed`, report() prints one
 * "ok N name" / "not ok N name" line per group. */
#ifndef BASALT_UNIT_H
#define BASALT_UNIT_H

#include <stdio.h>

#define CHECK(cond)                                                                \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "  check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            failed++;                                                              \
        }                                                                          \
    } while (0)

void report(const char *name, int failed);

void test_codec(void);
void test_partmeta(void);
void test_agg_hints(void);
void test_strsearch(void);
void test_sortkey(void);
void test_wire(void);

#endif
