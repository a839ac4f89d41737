CREATE TABLE t (u UUID) ENGINE = Memory;
INSERT INTO t VALUES ('61f0c404-5cb3-11e7-907b-a6006ad3dba0'), ('00000000-0000-0000-0000-000000000000'), ('ffffffff-ffff-ffff-ffff-ffffffffffff');
SELECT u, toTypeName(u) FROM t ORDER BY u;
SELECT u FROM t ORDER BY u FORMAT CSV;
SELECT u FROM t ORDER BY u FORMAT JSONEachRow;
SELECT toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0') = '61f0c404-5cb3-11e7-907b-a6006ad3dba0', toUUIDOrNull('nope'), toUUIDOrZero('nope');
SELECT length(toString(generateUUIDv4())), toTypeName(generateUUIDv4());
