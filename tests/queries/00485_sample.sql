-- SAMPLE k / SAMPLE n / SAMPLE k OFFSET m over SAMPLE BY, and _sample_factor
CREATE TABLE t (id UInt64, v UInt8) ENGINE = MergeTree ORDER BY (v, intHash32(id)) SAMPLE BY intHash32(id);
INSERT INTO t SELECT number, number % 3 FROM numbers(10000);
SELECT count() FROM t SAMPLE 0.1;
SELECT count(), any(_sample_factor) FROM t SAMPLE 1000;
SELECT count() FROM t SAMPLE 1 / 2 OFFSET 1 / 2;
SELECT sum(_sample_factor) FROM t SAMPLE 0.25;
SELECT count() FROM t SAMPLE 0.1 WHERE v = 1;
SELECT v, count() FROM t SAMPLE 0.5 GROUP BY v ORDER BY v;
CREATE TABLE n (id UInt64) ENGINE = MergeTree ORDER BY id;
SELECT count() FROM n SAMPLE 0.5; -- { serverError SAMPLING_NOT_SUPPORTED }
