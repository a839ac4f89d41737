-- temporary tables belong to the session: not listed by SHOW TABLES, shown
-- in system.tables with an empty database, shadowing a table of the same name
CREATE TEMPORARY TABLE tmp1 (a UInt8);
INSERT INTO tmp1 VALUES (1), (2);
SELECT sum(a) FROM tmp1;
SHOW TABLES;
SELECT name, database, is_temporary FROM system.tables WHERE name = 'tmp1';
CREATE TABLE tmp1 (b String) ENGINE = Memory;
SELECT * FROM tmp1 ORDER BY 1;
SELECT count() FROM system.tables WHERE name = 'tmp1';
DROP TABLE tmp1;
SELECT count() FROM tmp1;
EXISTS TABLE tmp1;
DROP TABLE tmp1;
EXISTS TABLE tmp1;
SELECT currentDatabase() = currentDatabase();
