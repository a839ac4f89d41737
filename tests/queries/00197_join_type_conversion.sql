CREATE TABLE l (id UInt8, s String) ENGINE = Memory;
CREATE TABLE r (id Int64, s Nullable(String)) ENGINE = Memory;
INSERT INTO l VALUES (1, 'a'), (2, 'b');
INSERT INTO r VALUES (1, 'x'), (2, NULL), (-1, 'z');
SELECT l.id, l.s, r.s FROM l JOIN r ON l.id = r.id ORDER BY l.id;
SELECT l.id, r.id, toTypeName(r.id) FROM l LEFT JOIN r ON l.s = r.s ORDER BY l.id;
SELECT count() FROM l JOIN r ON l.s = r.s;
