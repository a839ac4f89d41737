CREATE TABLE t (a UInt32, s String, arr Array(String), n Nullable(String)) ENGINE = Memory;
INSERT INTO t FORMAT TSV 1	tab\there	['x','y']	\N
INSERT INTO t FORMAT TabSeparated 2	back\\slash	[]	null
INSERT INTO t FORMAT TSV 3	nl\nline	['a\'b']	\\N
SELECT * FROM t ORDER BY a;
SELECT a, s, length(s) FROM t ORDER BY a FORMAT TSVRaw;
