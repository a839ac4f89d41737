CREATE TABLE t (e Enum8('low' = 1, 'mid' = 5, 'high' = 10)) ENGINE = Memory;
INSERT INTO t VALUES ('mid'), ('low'), ('high'), ('low');
SELECT e, toInt8(e), toString(e) FROM t ORDER BY e;
SELECT e, count() FROM t GROUP BY e ORDER BY e DESC;
SELECT e FROM t WHERE e > 'low' ORDER BY e;
SELECT e FROM t WHERE e IN ('high', 'mid') ORDER BY e;
SELECT max(e), min(e), toTypeName(max(e)) FROM t;
