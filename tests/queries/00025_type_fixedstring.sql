CREATE TABLE t (s FixedString(4)) ENGINE = Memory;
INSERT INTO t VALUES ('ab'), ('abcd'), ('');
SELECT hex(s), length(s), toTypeName(s), s = 'ab' FROM t;
SELECT s FROM t WHERE s = 'abcd' FORMAT CSV;
SELECT s FROM t WHERE s = 'abcd' FORMAT JSONEachRow;
SELECT toString(s) = 'ab', trimRight(toString(s), '\0') FROM t;
SELECT toFixedString('xy', 3) = 'xy\0', hex(toFixedString('xy', 3));
INSERT INTO t VALUES ('abcde'); -- { clientError TOO_LARGE_STRING_SIZE }
