CREATE TABLE t (s LowCardinality(String), n LowCardinality(Nullable(String))) ENGINE = Memory;
CREATE TABLE bad (x LowCardinality(UInt32)) ENGINE = Memory; -- { serverError SUSPICIOUS_TYPE_FOR_LOW_CARDINALITY }
INSERT INTO t SELECT toString(number % 4), if(number % 3 = 0, NULL, toString(number % 5)) FROM numbers(20);
SELECT s, count(), count(n), uniqExact(n) FROM t GROUP BY s ORDER BY s;
SELECT s FROM t WHERE s IN ('1', '3') GROUP BY s ORDER BY s;
SELECT concat(s, '!'), toTypeName(concat(s, '!')), length(s) FROM t LIMIT 2;
SELECT toTypeName(s), toTypeName(n), toTypeName(upper(n)) FROM t LIMIT 1;
