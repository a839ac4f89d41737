-- INSERT pressure: parts_to_throw_insert refuses a new part once a partition has that many
CREATE TABLE t (k UInt32) ENGINE = MergeTree ORDER BY k SETTINGS parts_to_throw_insert = 3, parts_to_delay_insert = 2;
SYSTEM STOP MERGES t;
INSERT INTO t VALUES (1);
INSERT INTO t VALUES (2);
INSERT INTO t VALUES (3);
INSERT INTO t VALUES (4); -- { serverError TOO_MANY_PARTS }
SELECT count() FROM t;
SYSTEM START MERGES t;
OPTIMIZE TABLE t FINAL;
INSERT INTO t VALUES (4);
SELECT count(), sum(k) FROM t;
-- the count is the busiest partition's, whichever partition the insert goes to
CREATE TABLE p (k UInt32) ENGINE = MergeTree PARTITION BY k % 2 ORDER BY k SETTINGS parts_to_throw_insert = 2, parts_to_delay_insert = 1;
SYSTEM STOP MERGES p;
INSERT INTO p VALUES (1);
INSERT INTO p VALUES (2);
INSERT INTO p VALUES (3);
INSERT INTO p VALUES (4); -- { serverError TOO_MANY_PARTS }
SELECT count() FROM p;
