-- SELECT ... FINAL merges the parts of each partition at read time with the engine rules
CREATE TABLE r (k UInt32, v String, ver UInt32, del UInt8) ENGINE = ReplacingMergeTree(ver, del) ORDER BY k;
INSERT INTO r VALUES (1, 'a', 2, 0), (2, 'b', 1, 0), (4, 'd', 1, 0);
INSERT INTO r VALUES (1, 'a-old', 1, 0), (2, 'b-new', 5, 0), (3, 'c', 1, 0), (4, 'd', 2, 1);
SELECT * FROM r FINAL ORDER BY k;
SELECT count() FROM r;
SELECT v FROM r FINAL WHERE k = 2;
SELECT sum(ver) FROM r FINAL;
CREATE TABLE c (k UInt32, v UInt32, sign Int8) ENGINE = CollapsingMergeTree(sign) PARTITION BY k % 2 ORDER BY k;
INSERT INTO c VALUES (1, 10, 1), (2, 3, 1);
INSERT INTO c VALUES (1, 10, -1), (1, 11, 1), (2, 3, -1), (3, 7, 1);
SELECT * FROM c FINAL ORDER BY k;
CREATE TABLE s (k UInt32, a UInt64) ENGINE = SummingMergeTree ORDER BY k;
INSERT INTO s VALUES (1, 1), (2, 2);
INSERT INTO s VALUES (1, 5);
SELECT * FROM s FINAL ORDER BY k;
CREATE TABLE t (k UInt32, v UInt32) ENGINE = MergeTree ORDER BY k;
SELECT * FROM t FINAL; -- { serverError ILLEGAL_FINAL }
CREATE TABLE m (k UInt32) ENGINE = Memory;
SELECT * FROM m FINAL; -- { serverError ILLEGAL_FINAL }
