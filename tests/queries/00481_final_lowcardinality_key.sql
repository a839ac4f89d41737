-- FINAL and merges over a LowCardinality sorting key
CREATE TABLE r (k LowCardinality(String), v UInt8, w String) ENGINE = ReplacingMergeTree ORDER BY (k, v);
INSERT INTO r VALUES ('a', 1, 'x');
INSERT INTO r VALUES ('a', 1, 'y'), ('b', 2, 'z');
SELECT * FROM r FINAL ORDER BY k;
OPTIMIZE TABLE r FINAL;
SELECT * FROM r ORDER BY k;
CREATE TABLE s (k LowCardinality(String), n UInt64) ENGINE = SummingMergeTree ORDER BY k;
INSERT INTO s VALUES ('x', 1), ('y', 2);
INSERT INTO s VALUES ('x', 10);
SELECT * FROM s FINAL ORDER BY k;
OPTIMIZE TABLE s FINAL;
SELECT * FROM s ORDER BY k;
