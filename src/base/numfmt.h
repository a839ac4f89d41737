/* numfmt.h — number <-> text as ClickHouse writes and reads them.
 *
 * Floats print as the shortest text that reads back to the same value, in
 * decimal notation for 1e-7 < |x| < 1e21 and as `1.5e-7` / `1e21` otherwise
 * (no '+', no leading exponent zeros); nan, inf, -inf, -0 as such. Float32 is
 * printed from the float value (0.1f -> "0.1"). 128-bit integers print and
 * parse in decimal. */
#ifndef BASALT_NUMFMT_H
#define BASALT_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

void fmt_double(Buf *out, double v);
void fmt_float(Buf *out, float v);
void fmt_u128(Buf *out, unsigned __int128 v);
void fmt_i128(Buf *out, __int128 v);
/* Decimal with `scale` fraction digits; trailing zeros of the fraction dropped
 * unless keep_zeros. */
void fmt_decimal(Buf *out, __int128 v, int scale, bool keep_zeros);

/* Writes into a fixed buffer (>= 32 bytes); returns length. */
int fmt_double_to(char *out, double v);

#endif
