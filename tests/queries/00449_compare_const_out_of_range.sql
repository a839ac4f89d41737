-- Integer columns compared with constants outside the column's own range
-- (the filter kernel compares in the column's width, so these take a
-- separate path): every row answers the same way.
DROP TABLE IF EXISTS cmp_range;
CREATE TABLE cmp_range (u8 UInt8, i8 Int8, u16 UInt16, i32 Int32, u64 UInt64, i64 Int64, d Date) ENGINE = MergeTree ORDER BY tuple();
INSERT INTO cmp_range SELECT number * 37 % 256, toInt8(number * 37 % 256 - 128), number * 1000, toInt32(number) - 5, number, toInt64(number) - 5, toDate('2020-01-01') + number FROM numbers(10);
SELECT countIf(u8 < 300), countIf(u8 > 300), countIf(u8 = 300), countIf(u8 != 300), countIf(u8 <= -1), countIf(u8 >= -1) FROM cmp_range;
SELECT countIf(i8 < -200), countIf(i8 > -200), countIf(i8 = 128), countIf(i8 != 128), countIf(i8 <= 127), countIf(i8 >= -128) FROM cmp_range;
SELECT countIf(300 > u8), countIf(-1 < u8), countIf(70000 <= u16), countIf(-1 = u16) FROM cmp_range;
SELECT countIf(i32 < 3000000000), countIf(i32 > -3000000000), countIf(u64 > -1), countIf(u64 < 18446744073709551615) FROM cmp_range;
SELECT countIf(i64 < 0), countIf(i64 >= 3), countIf(u64 != 4), countIf(d > '2020-01-05') FROM cmp_range;
SELECT count() FROM cmp_range WHERE u8 <> 0 SETTINGS max_block_size = 3;
SELECT count() FROM cmp_range WHERE u16 >= 5000 SETTINGS max_threads = 1, max_block_size = 1;
SELECT u8, i8 FROM cmp_range WHERE i8 < 0 AND u8 > 100 ORDER BY u8;
DROP TABLE cmp_range;
