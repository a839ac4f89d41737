CREATE TABLE l (id UInt32, a String) ENGINE = Memory;
CREATE TABLE r (id UInt32, b String) ENGINE = Memory;
INSERT INTO l VALUES (1, 'l1'), (2, 'l2'), (3, 'l3'), (3, 'l3b');
INSERT INTO r VALUES (2, 'r2'), (3, 'r3'), (4, 'r4'), (3, 'r3b');
SELECT l.id, a, b FROM l INNER JOIN r ON l.id = r.id ORDER BY l.id, a, b;
SELECT l.id, a, b FROM l JOIN r ON l.id = r.id AND b != 'r3b' ORDER BY l.id, a, b;
SELECT count() FROM l JOIN r ON l.id = r.id;
