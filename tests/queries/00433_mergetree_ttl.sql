-- table TTL: expired rows stay until a merge drops them (never at INSERT or SELECT)
CREATE TABLE t (d DateTime, k UInt32, v String) ENGINE = MergeTree ORDER BY k TTL d + INTERVAL 1 DAY;
SHOW CREATE TABLE t;
SYSTEM STOP TTL MERGES t;
INSERT INTO t VALUES ('2000-01-01 00:00:00', 1, 'old'), ('2100-01-01 00:00:00', 2, 'new'), ('2000-06-01 10:00:00', 3, 'old2');
SELECT count() FROM t;
SELECT name, delete_ttl_info_min, delete_ttl_info_max FROM system.parts WHERE database = currentDatabase() AND table = 't';
-- with TTL merges stopped, a merge keeps expired rows
OPTIMIZE TABLE t FINAL;
SELECT * FROM t ORDER BY k;
SELECT name, delete_ttl_info_min, delete_ttl_info_max FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active;
SYSTEM START TTL MERGES t;
OPTIMIZE TABLE t FINAL;
SELECT * FROM t ORDER BY k;
SELECT delete_ttl_info_min, delete_ttl_info_max FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active;
-- TTL ... WHERE: only the rows the condition selects expire
CREATE TABLE t2 (d Date, k UInt32) ENGINE = MergeTree ORDER BY k TTL d + toIntervalMonth(1) DELETE WHERE k % 2 = 0;
SHOW CREATE TABLE t2;
SYSTEM STOP TTL MERGES t2;
INSERT INTO t2 SELECT toDate('2000-01-01') + number, number FROM numbers(10);
INSERT INTO t2 SELECT toDate('2100-01-01') + number, number FROM numbers(10);
SELECT name, delete_ttl_info_min, delete_ttl_info_max FROM system.parts WHERE database = currentDatabase() AND table = 't2' ORDER BY name;
SYSTEM START TTL MERGES t2;
OPTIMIZE TABLE t2 FINAL;
SELECT count(), sum(k), countIf(d < '2050-01-01') FROM t2;
SELECT d, k FROM t2 WHERE d < '2050-01-01' ORDER BY k;
-- relative to now, per partition, with several parts
CREATE TABLE t3 (ts DateTime64(3), p UInt8, x UInt32) ENGINE = MergeTree PARTITION BY p ORDER BY x TTL toDateTime(ts) + INTERVAL 1 HOUR;
SYSTEM STOP TTL MERGES t3;
INSERT INTO t3 SELECT now64(3) - toIntervalDay(number % 3), number % 2, number FROM numbers(30);
INSERT INTO t3 SELECT now64(3) + toIntervalDay(1), number % 2, number + 100 FROM numbers(4);
SELECT p, count() FROM t3 GROUP BY p ORDER BY p;
SYSTEM START TTL MERGES t3;
OPTIMIZE TABLE t3 FINAL;
SELECT p, count(), sum(x) FROM t3 GROUP BY p ORDER BY p;
CREATE TABLE bad (d UInt64) ENGINE = MergeTree ORDER BY d TTL d; -- { serverError BAD_TTL_EXPRESSION }
