-- ALTER TABLE ... MODIFY TTL / REMOVE TTL (issue 8): the rule is kept (SHOW CREATE), rows it has
-- already expired are deleted at once (materialize_ttl_after_modify), or at the next merge without it.
DROP TABLE IF EXISTS ttl_t;
DROP TABLE IF EXISTS ttl_d;
DROP TABLE IF EXISTS ttl_m;
CREATE TABLE ttl_t (d DateTime, x UInt32) ENGINE = MergeTree ORDER BY x;
INSERT INTO ttl_t VALUES ('2000-01-01 00:00:00', 1), ('2100-01-01 00:00:00', 2), ('2001-01-01 00:00:00', 7);
ALTER TABLE ttl_t MODIFY TTL d + INTERVAL 1 DAY WHERE x < 5 SETTINGS mutations_sync = 2;
SELECT * FROM ttl_t ORDER BY x;
SHOW CREATE TABLE ttl_t;
ALTER TABLE ttl_t MODIFY TTL d + toIntervalDay(1) DELETE SETTINGS mutations_sync = 2;
SELECT * FROM ttl_t ORDER BY x;
SHOW CREATE TABLE ttl_t;
ALTER TABLE ttl_t REMOVE TTL;
SHOW CREATE TABLE ttl_t;
INSERT INTO ttl_t VALUES ('2000-01-01 00:00:00', 3);
OPTIMIZE TABLE ttl_t FINAL;
SELECT * FROM ttl_t ORDER BY x;
ALTER TABLE ttl_t MODIFY TTL x; -- { serverError BAD_TTL_EXPRESSION }
SHOW CREATE TABLE ttl_t;
CREATE TABLE ttl_m (d Date) ENGINE = Memory;
ALTER TABLE ttl_m MODIFY TTL d; -- { serverError BAD_ARGUMENTS }
CREATE TABLE ttl_d (d Date, x UInt32) ENGINE = MergeTree ORDER BY x;
INSERT INTO ttl_d VALUES ('2000-01-01', 1), ('2100-01-01', 2);
ALTER TABLE ttl_d MODIFY TTL d SETTINGS mutations_sync = 2, materialize_ttl_after_modify = 0;
SELECT * FROM ttl_d ORDER BY x;
OPTIMIZE TABLE ttl_d FINAL;
SELECT * FROM ttl_d ORDER BY x;
DROP TABLE ttl_t;
DROP TABLE ttl_d;
DROP TABLE ttl_m;
