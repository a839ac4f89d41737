CREATE TABLE l (id UInt32, a String) ENGINE = Memory;
CREATE TABLE r (id UInt32, b String) ENGINE = Memory;
INSERT INTO l VALUES (1, 'l1'), (2, 'l2'), (3, 'l3');
INSERT INTO r VALUES (2, 'r2'), (3, 'r3'), (4, 'r4');
SELECT l.id, r.id, a, b FROM l LEFT JOIN r ON l.id = r.id ORDER BY l.id;
SELECT l.id, r.id, a, b FROM l RIGHT JOIN r ON l.id = r.id ORDER BY r.id;
SELECT l.id, r.id, a, b FROM l FULL OUTER JOIN r ON l.id = r.id ORDER BY l.id, r.id;
SELECT l.id, r.id, a, b FROM l LEFT JOIN r ON l.id = r.id ORDER BY l.id SETTINGS join_use_nulls = 1;
SELECT l.id, r.id, a, b FROM l FULL JOIN r ON l.id = r.id ORDER BY l.id, r.id SETTINGS join_use_nulls = 1;
