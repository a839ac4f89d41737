-- Merging parts keeps the sorting key's order for every key shape: signed
-- and unsigned integers of each width, dates, a key wider than 64 bits
-- (compared as packed words), a String key (compared column by column),
-- and equal keys (kept in part order). Each table gets several interleaved
-- parts, then OPTIMIZE FINAL reads them back in key order.
DROP TABLE IF EXISTS s;
CREATE TABLE s (a Int8, b Int64, c UInt16, d Int32, e Date, v String) ENGINE = MergeTree ORDER BY (a, b, c, d, e);
INSERT INTO s SELECT toInt8(number % 5) - 2, toInt64(intDiv(number, 3) % 4) - 2, number % 3, -toInt32(number % 7), toDate('2024-01-01') + number % 2, toString(number) FROM numbers(0, 50);
INSERT INTO s SELECT toInt8(number % 5) - 2, toInt64(intDiv(number, 3) % 4) - 2, number % 3, -toInt32(number % 7), toDate('2024-01-01') + number % 2, toString(number) FROM numbers(50, 50);
INSERT INTO s SELECT toInt8(number % 5) - 2, toInt64(intDiv(number, 3) % 4) - 2, number % 3, -toInt32(number % 7), toDate('2024-01-01') + number % 2, toString(number) FROM numbers(100, 50);
INSERT INTO s VALUES (-128, -9223372036854775808, 0, -2147483648, '1970-01-01', 'min'), (127, 9223372036854775807, 65535, 2147483647, '2149-06-06', 'max');
OPTIMIZE TABLE s FINAL;
SELECT count() FROM system.parts WHERE database = currentDatabase() AND table = 's' AND active;
SELECT a, b, c, d, e, v FROM s SETTINGS max_threads = 1;

DROP TABLE IF EXISTS w;
CREATE TABLE w (k1 UInt64, k2 UInt64, k3 UInt64, k4 UInt8, v UInt32) ENGINE = MergeTree ORDER BY (k1, k2, k3, k4);
INSERT INTO w SELECT number % 2, 18446744073709551615 - number % 3, number % 2 * 9223372036854775808, number % 4, number FROM numbers(0, 24);
INSERT INTO w SELECT number % 2, 18446744073709551615 - number % 3, number % 2 * 9223372036854775808, number % 4, number FROM numbers(24, 24);
OPTIMIZE TABLE w FINAL;
SELECT k1, k2, k3, k4, v FROM w SETTINGS max_threads = 1;

DROP TABLE IF EXISTS t;
CREATE TABLE t (s String, n Int16, v UInt32) ENGINE = MergeTree ORDER BY (s, n);
INSERT INTO t SELECT ['b', 'a', '', 'ab'][number % 4 + 1], toInt16(number % 3) - 1, number FROM numbers(0, 12);
INSERT INTO t SELECT ['b', 'a', '', 'ab'][number % 4 + 1], toInt16(number % 3) - 1, number FROM numbers(12, 12);
OPTIMIZE TABLE t FINAL;
SELECT s, n, v FROM t SETTINGS max_threads = 1;
