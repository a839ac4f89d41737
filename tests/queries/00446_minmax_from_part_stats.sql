-- min() and max() over a whole MergeTree table come from the column stats
-- each part records (integer-like columns), unless a filter, FINAL, rows
-- deleted by a lightweight DELETE, a part without the column or a changed
-- type make the stats unusable: then the rows are read. Every answer must
-- be the one reading gives.
DROP TABLE IF EXISTS t_mm;
CREATE TABLE t_mm (k UInt32, i8 Int8, i64 Int64, u64 UInt64, d Date, d32 Date32, dt DateTime, f Float64, n Nullable(Int32), s String)
ENGINE = MergeTree ORDER BY k;
INSERT INTO t_mm SELECT number, toInt8(number % 200 - 100), -toInt64(number) * 1000000007, number * 3, toDate('2020-01-01') + number, toDate32('1950-01-01') + number,
    toDateTime('2021-06-01 00:00:00') + number * 60, number / 3, if(number % 2 = 0, NULL, toInt32(number) - 5), toString(number) FROM numbers(1000);
INSERT INTO t_mm SELECT number + 5000, 127, 9223372036854775807, 18446744073709551615, toDate('2019-12-31'), toDate32('1900-01-01'), toDateTime('1970-01-02 00:00:00'), -1.5, -77, 'a' FROM numbers(3);
SELECT min(k), max(k), min(i8), max(i8), min(i64), max(i64), min(u64), max(u64) FROM t_mm;
SELECT min(d), max(d), min(d32), max(d32), min(dt), max(dt), min(f), max(f), min(n), max(n), min(s), max(s) FROM t_mm;
SELECT max(k), min(k) FROM t_mm WHERE k < 500;
SELECT min(k) + 1, max(i8) * 2 FROM t_mm;
ALTER TABLE t_mm UPDATE i8 = -128 WHERE k = 10 SETTINGS mutations_sync = 2;
SELECT min(i8), max(i8), min(k), max(k) FROM t_mm;
DELETE FROM t_mm WHERE k >= 5000;
SELECT min(i64), max(i64), max(u64), min(d) FROM t_mm;
OPTIMIZE TABLE t_mm FINAL;
SELECT min(i64), max(i64), max(u64), min(d) FROM t_mm;
ALTER TABLE t_mm ADD COLUMN extra UInt16 DEFAULT 7;
SELECT min(extra), max(extra) FROM t_mm;
INSERT INTO t_mm (k, extra) VALUES (9999, 3);
SELECT min(extra), max(extra), max(k) FROM t_mm;
TRUNCATE TABLE t_mm;
SELECT min(k), max(k), min(d) FROM t_mm;
DROP TABLE t_mm;
