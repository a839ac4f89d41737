CREATE TABLE t (d Date, v UInt32) ENGINE = Memory;
INSERT INTO t SELECT toDate('2024-01-01') + number % 40, number FROM numbers(200);
SELECT toStartOfMonth(d) AS m, count(), sum(v), min(d), max(d) FROM t GROUP BY m ORDER BY m;
SELECT toDayOfWeek(d) AS dow, count() FROM t GROUP BY dow ORDER BY dow;
SELECT d FROM t WHERE d BETWEEN '2024-01-10' AND '2024-01-12' GROUP BY d ORDER BY d DESC;
