/* native.h — ClickHouse's Native block format, as the TCP protocol
 * (server/tcp.c) sends and receives it (../shared/spec/native-protocol.md
 * §6): BlockInfo, column count, row count, then per column its name, its
 * canonical type name and its values ("bulk binary": fixed-width values
 * raw, String as varint length + bytes, Nullable as null map then values,
 * Array as cumulative UInt64 offsets then elements, Tuple element by
 * element, Map as Array(Tuple(K, V)), LowCardinality as key version,
 * index flags, dictionary and indexes).
 *
 * Decoding reads untrusted bytes: every count is checked against limits
 * before memory follows it, and bytes are only consumed as the source
 * delivers them (fuzzed by tests/fuzz/fuzz_native.c).
 */
#ifndef BASALT_NATIVE_H
#define BASALT_NATIVE_H

#include "../base/arena.h"
#include "../column/column.h"
#include "../storage/mt_serial.h"

#define NATIVE_MAX_COLUMNS 10000
#define NATIVE_MAX_ROWS (1u << 28)

/* Appends a block (ch NULL: the empty block that ends a stream). */
void native_write_block(Buf *out, int ncols, char **names, const DataType **types, const Chunk *ch);

/* Reads one block: *out (NULL for the empty block), its column names and
 * types (in arena a). */
int native_read_block(ByteSrc *src, Arena *a, Chunk **out, char ***names, const DataType ***types, Err *err);

#endif
