/* uniq_key.h — the keys of ClickHouse's approximate distinct counters.
 *
 * A row becomes a 64-bit key before any sketch sees it, and which key decides
 * the estimate, so these follow ClickHouse exactly. One argument of a native
 * number type is "its own value" (uniq_number_key); a 128-bit value and a
 * string each have their own rule, chosen per function by the caller.
 * Several arguments, a tuple, or any other type are hashed together
 * ("variadic"): CityHash64 of each value's bytes chained with Hash128to64 when
 * every value is one flat run of bytes, else the low half of a SipHash-128
 * over the stream IColumn::updateHashWithValue would feed it.
 */
#ifndef BASALT_UNIQ_KEY_H
#define BASALT_UNIQ_KEY_H

#include "../column/column.h"

typedef enum {
    KEY_NUMBER,     /* one integer, float, Bool, Date*, DateTime, IPv4, Enum */
    KEY_WIDE,       /* one UInt128 / Int128 / UUID */
    KEY_BYTES,      /* one String / FixedString / IPv6 */
    KEY_CITY_CHAIN, /* variadic over flat values */
    KEY_SIP,        /* variadic over values with structure */
} UniqKeyKind;

UniqKeyKind uniq_key_kind(const DataType **types, int n);

/* KEY_NUMBER: the value widened to 64 bits (signed types sign-extended,
 * floats by bit pattern, zero-extended). */
uint64_t uniq_number_key(const Column *c, size_t row);

/* The bytes ClickHouse's getDataAt gives for a flat value (String bytes,
 * FixedString, fixed-width values, arrays of fixed-width values). */
const char *uniq_flat_bytes(const Column *c, size_t row, size_t *len);

/* The key of a KEY_CITY_CHAIN or KEY_SIP row. */
uint64_t uniq_variadic_key(UniqKeyKind kind, Column **args, int nargs, size_t row);

#endif
