CREATE TABLE t (d Date) ENGINE = Memory;
INSERT INTO t VALUES ('1970-01-01'), ('2024-02-29'), ('2149-06-06'), ('2000-01-01');
SELECT d, toTypeName(d), toUInt16(d) FROM t ORDER BY d;
SELECT d FROM t ORDER BY d FORMAT CSV;
SELECT d FROM t ORDER BY d FORMAT JSONEachRow;
SELECT toDate('2024-01-15') + 1, toDate('2024-01-15') - 15, toDate(19000), toDate('2024-03-01') - toDate('2024-02-01');
SELECT toDate('1969-12-31'), toDate('2200-01-01'), toDateOrNull('2024-13-01'), toDateOrZero('bad');
