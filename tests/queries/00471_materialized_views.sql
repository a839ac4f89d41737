-- materialized views: TO an existing table (by column name, missing columns take
-- their DEFAULT), with an inner table (ENGINE ... [POPULATE]), SHOW CREATE, DROP
CREATE TABLE src (id UInt64, v Int32, s String) ENGINE = MergeTree ORDER BY id;
CREATE TABLE dst (id UInt64, v2 Int64, extra String DEFAULT 'd') ENGINE = MergeTree ORDER BY id;
CREATE MATERIALIZED VIEW mvbad TO dst AS SELECT id, v * 2 AS v2, 'zz' AS unused FROM src WHERE v > 0; -- { serverError THERE_IS_NO_COLUMN }
CREATE MATERIALIZED VIEW mv TO dst AS SELECT id, v * 2 AS v2 FROM src WHERE v > 0;
INSERT INTO src VALUES (1, 10, 'a'), (2, -5, 'b'), (3, 7, 'c');
SELECT * FROM dst ORDER BY id;
SELECT * FROM mv ORDER BY id;
SHOW CREATE TABLE mv;
SELECT name, engine FROM system.tables WHERE database = currentDatabase() ORDER BY name;
CREATE MATERIALIZED VIEW mv2 ENGINE = SummingMergeTree ORDER BY k AS SELECT id % 2 AS k, sum(v) AS total FROM src GROUP BY k;
INSERT INTO src VALUES (4, 1, 'd'), (5, 2, 'e');
INSERT INTO src VALUES (6, 3, 'f');
SELECT k, sum(total) FROM mv2 GROUP BY k ORDER BY k;
SHOW CREATE TABLE mv2;
CREATE MATERIALIZED VIEW mv3 ENGINE = Memory POPULATE AS SELECT count() AS c FROM src;
SELECT * FROM mv3;
DROP TABLE mv;
INSERT INTO src VALUES (7, 100, 'g');
SELECT count() FROM dst;
SELECT count() FROM mv3;
DROP VIEW mv3;
CREATE TABLE src2 (id UInt64, v Int32) ENGINE = Null;
CREATE MATERIALIZED VIEW mvn AS SELECT id, v FROM src2;
SHOW CREATE mvn;
INSERT INTO src2 VALUES (3, 4);
SELECT * FROM mvn;
SELECT count() FROM src2;
SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE '.inner_id.%';
DROP TABLE mvn;
SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE '.inner_id.%';
CREATE TABLE dst2 (id UInt64, v Int64) ENGINE = MergeTree ORDER BY id;
CREATE MATERIALIZED VIEW mvp TO dst2 POPULATE AS SELECT id, v FROM src2; -- { clientError SYNTAX_ERROR }
CREATE MATERIALIZED VIEW mvx TO nosuch AS SELECT id, v FROM src2; -- { serverError UNKNOWN_TABLE }
CREATE MATERIALIZED VIEW IF NOT EXISTS mv2 ENGINE = Memory AS SELECT 1 AS one FROM src2;
SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE '.inner_id.%';
