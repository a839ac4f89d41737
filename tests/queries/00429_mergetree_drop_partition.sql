-- ALTER TABLE ... DROP PARTITION / DROP PART
CREATE TABLE t (d Date, k UInt32) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY k;
INSERT INTO t SELECT toDate('2024-01-01') + number * 10, number FROM numbers(12);
INSERT INTO t SELECT toDate('2024-01-05') + number * 20, number + 100 FROM numbers(6);
SELECT partition, name, rows FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active ORDER BY name;
ALTER TABLE t DROP PARTITION 202402;
SELECT partition, name, rows FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active ORDER BY name;
ALTER TABLE t DROP PARTITION ID '202403';
SELECT toYYYYMM(d) AS m, count(), sum(k) FROM t GROUP BY m ORDER BY m;
ALTER TABLE t DROP PART '202401_1_1_0';
SELECT toYYYYMM(d) AS m, count(), sum(k) FROM t GROUP BY m ORDER BY m;
ALTER TABLE t DROP PART '202401_1_1_0'; -- { serverError NO_SUCH_DATA_PART }
-- a partition with no parts is fine
ALTER TABLE t DROP PARTITION 209912;
-- after a merge, outdated parts disappear together with the dropped partition
OPTIMIZE TABLE t PARTITION 202404 FINAL;
SELECT name, active FROM system.parts WHERE database = currentDatabase() AND table = 't' ORDER BY name;
ALTER TABLE t DROP PARTITION 202405;
SELECT name, active FROM system.parts WHERE database = currentDatabase() AND table = 't' ORDER BY name;
SELECT count() FROM t;
-- tuple partition keys
CREATE TABLE t2 (a UInt8, b String, x UInt32) ENGINE = MergeTree PARTITION BY (a, b) ORDER BY x;
INSERT INTO t2 VALUES (1, 'u', 1), (1, 'v', 2), (2, 'u', 3);
ALTER TABLE t2 DROP PARTITION (1, 'v');
SELECT * FROM t2 ORDER BY x;
CREATE TABLE m (x UInt8) ENGINE = Memory;
ALTER TABLE m DROP PARTITION 1; -- { serverError NOT_IMPLEMENTED }
