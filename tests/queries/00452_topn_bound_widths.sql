-- ORDER BY ... LIMIT pushes its running bound into the MergeTree read; the
-- bound is compared in the key's own width and signedness (both
-- directions), so negative values and every integer width must keep the
-- same rows as a full sort.
DROP TABLE IF EXISTS t_topn;
CREATE TABLE t_topn (k UInt32, i8 Int8, i16 Int16, i32 Int32, i64 Int64, u8 UInt8, u16 UInt16, u64 UInt64, d Date, dt DateTime)
ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 100;
INSERT INTO t_topn SELECT number, toInt8(number * 37 % 256 - 128), toInt16(number * 7919 % 65536 - 32768), toInt32(number * 2654435761 % 4294967296 - 2147483648),
    toInt64(number * 11400714819323198485 % 18446744073709551615) - 9223372036854775807, number * 13 % 256, number * 7919 % 65536, number * 11400714819323198485,
    toDate('2020-01-01') + number % 1000, toDateTime('2020-01-01 00:00:00') + number * 977 % 100000 FROM numbers(20000);
SELECT k, i8 FROM t_topn ORDER BY i8, k LIMIT 5 SETTINGS max_block_size = 1000;
SELECT k, i8 FROM t_topn ORDER BY i8 DESC, k LIMIT 5 SETTINGS max_block_size = 1000;
SELECT k, i16 FROM t_topn ORDER BY i16, k LIMIT 5 SETTINGS max_block_size = 1000;
SELECT k, i32 FROM t_topn ORDER BY i32 DESC, k LIMIT 5 SETTINGS max_block_size = 1000;
SELECT k, i64 FROM t_topn ORDER BY i64, k LIMIT 5 SETTINGS max_block_size = 1000;
SELECT k, i64 FROM t_topn ORDER BY i64 DESC, k LIMIT 5 SETTINGS max_block_size = 1000, max_threads = 1;
SELECT k, u8 FROM t_topn ORDER BY u8 DESC, k LIMIT 5 SETTINGS max_block_size = 1000;
SELECT k, u16 FROM t_topn ORDER BY u16, k LIMIT 5 SETTINGS max_block_size = 1000;
SELECT k, u64 FROM t_topn ORDER BY u64 DESC, k LIMIT 5 SETTINGS max_block_size = 1000;
SELECT k, d FROM t_topn ORDER BY d DESC, k LIMIT 5 SETTINGS max_block_size = 1000;
SELECT k, dt FROM t_topn WHERE i8 < 0 ORDER BY dt, k LIMIT 5 SETTINGS max_block_size = 1000;
SELECT k, dt FROM t_topn ORDER BY dt DESC, k LIMIT 3 SETTINGS max_block_size = 7;
DROP TABLE t_topn;
