/* cast.h — conversion of a column to another type (CAST, toT(), implicit casts).
 *
 * col_cast() implements ClickHouse's CAST semantics: integers wrap, floats
 * truncate toward zero, numbers <-> Date/DateTime follow ClickHouse's rules
 * (a number above 65535 cast to Date is a unix time), Decimal scales and checks
 * overflow, anything <-> String goes through the text serializations, and
 * Nullable/Array/Tuple/Map/LowCardinality convert element-wise. A constant
 * column stays constant. `mode` selects what happens on a value that cannot
 * be converted: fail (CAST), zero (toTOrZero) or NULL (toTOrNull, the result
 * is then Nullable).
 */
#ifndef BASALT_CAST_H
#define BASALT_CAST_H

#include "column.h"
#include "text.h"

typedef enum CastMode { CAST_THROW, CAST_OR_ZERO, CAST_OR_NULL, CAST_OR_DEFAULT } CastMode;

/* Returns a new column of type `to` (refs = 1). */
int col_cast(Column *src, const DataType *to, CastMode mode, const FormatSettings *fs, Column **out, Err *err);

/* True if CAST from `from` to `to` is supported at all (checked at analysis time). */
bool cast_supported(const DataType *from, const DataType *to);

/* Least common supertype of n types (ClickHouse's getLeastSupertype); NO_COMMON_TYPE if none. */
int type_supertype(const DataType *const *types, int n, const DataType **out, Err *err);

/* Numeric values of any fixed-width numeric-like column as double / int64 / uint64 (row i). */
double col_get_f64(const Column *c, size_t i);
int64_t col_get_i64(const Column *c, size_t i);
uint64_t col_get_u64(const Column *c, size_t i);
i128 col_get_i128(const Column *c, size_t i);

/* Smallest integer type holding v (UInt8.. / Int8..) as ClickHouse types literals. */
const DataType *type_for_uint(uint64_t v);
const DataType *type_for_int(int64_t v);

#endif
