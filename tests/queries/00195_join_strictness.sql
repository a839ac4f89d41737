CREATE TABLE l (id UInt32, a String) ENGINE = Memory;
CREATE TABLE r (id UInt32, b String) ENGINE = Memory;
INSERT INTO l VALUES (1, 'l1'), (2, 'l2'), (3, 'l3');
INSERT INTO r VALUES (2, 'r2a'), (2, 'r2b'), (3, 'r3');
SELECT l.id, a, b FROM l ANY LEFT JOIN r ON l.id = r.id ORDER BY l.id;
SELECT l.id, a, b FROM l ALL LEFT JOIN r ON l.id = r.id ORDER BY l.id, b;
SELECT l.id, a FROM l SEMI LEFT JOIN r ON l.id = r.id ORDER BY l.id;
SELECT l.id, a FROM l ANTI LEFT JOIN r ON l.id = r.id ORDER BY l.id;
SELECT l.id, a, b FROM l ANY INNER JOIN r ON l.id = r.id ORDER BY l.id;
