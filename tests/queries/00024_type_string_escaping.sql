CREATE TABLE t (s String) ENGINE = Memory;
INSERT INTO t VALUES ('plain'), ('tab\there'), ('new\nline'), ('back\\slash'), ('quote\'s'), ('dq"x'), (''), ('utf8 é ✓'), ('\x01\x7f');
SELECT s FROM t;
SELECT s FROM t FORMAT TSVRaw;
SELECT s FROM t FORMAT CSV;
SELECT s FROM t FORMAT JSONEachRow;
SELECT s FROM t FORMAT Values;
SELECT length(s), toTypeName(s) FROM t;
