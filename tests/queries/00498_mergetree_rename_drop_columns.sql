-- ALTER RENAME / DROP COLUMN on MergeTree follow into the parts (issue 8): a renamed column keeps its
-- data, a dropped then re-added column comes back empty, merges after that see the right columns;
-- a key column cannot be renamed (ALTER_OF_COLUMN_IS_FORBIDDEN). SimpleAggregateFunction over
-- Map / Array keeps its name in toTypeName and DESCRIBE.
DROP TABLE IF EXISTS rn;
DROP TABLE IF EXISTS sa;
CREATE TABLE rn (k UInt32, a String, b UInt8, n Nullable(Int32), arr Array(String)) ENGINE = MergeTree ORDER BY k;
INSERT INTO rn VALUES (1, 'x', 5, NULL, ['p']), (2, 'y', 6, 7, []);
INSERT INTO rn VALUES (4, 'w', 9, 1, ['q', 'r']);
ALTER TABLE rn RENAME COLUMN a TO a2;
SELECT * FROM rn ORDER BY k;
ALTER TABLE rn RENAME COLUMN n TO n2, RENAME COLUMN arr TO arr2;
SELECT k, n2, arr2, length(a2) FROM rn ORDER BY k;
ALTER TABLE rn DROP COLUMN b;
ALTER TABLE rn ADD COLUMN b UInt8;
SELECT * FROM rn ORDER BY k;
INSERT INTO rn (k, a2, b) VALUES (3, 'z', 7);
OPTIMIZE TABLE rn FINAL;
SELECT * FROM rn ORDER BY k;
ALTER TABLE rn RENAME COLUMN a2 TO a;
ALTER TABLE rn ADD COLUMN a2 String DEFAULT 'new';
SELECT k, a, a2 FROM rn ORDER BY k;
ALTER TABLE rn RENAME COLUMN k TO kk; -- { serverError ALTER_OF_COLUMN_IS_FORBIDDEN }
ALTER TABLE rn MODIFY COLUMN b String;
SELECT k, b, toTypeName(b) FROM rn ORDER BY k;
SELECT count() FROM system.parts WHERE database = currentDatabase() AND table = 'rn' AND active;
CREATE TABLE sa (k UInt8, m SimpleAggregateFunction(sumMap, Map(String, UInt64)), a SimpleAggregateFunction(groupArrayArray, Array(UInt8))) ENGINE = AggregatingMergeTree ORDER BY k;
INSERT INTO sa VALUES (1, map('a', 1), [1]);
INSERT INTO sa VALUES (1, map('a', 2, 'b', 5), [2, 3]);
OPTIMIZE TABLE sa FINAL;
SELECT k, m, a, toTypeName(m), toTypeName(a) FROM sa;
DESCRIBE TABLE sa;
DROP TABLE rn;
DROP TABLE sa;
