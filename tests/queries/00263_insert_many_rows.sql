CREATE TABLE t (n UInt64, s String) ENGINE = Memory;
INSERT INTO t SELECT number, toString(number) FROM numbers(100000);
SELECT count(), sum(n), min(s), max(s), uniqExact(s) FROM t;
INSERT INTO t SELECT number, '' FROM numbers(10);
SELECT count(), countIf(s = '') FROM t;
