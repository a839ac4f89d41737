CREATE TABLE a (id UInt8, x String) ENGINE = Memory;
CREATE TABLE b (id UInt8, y String) ENGINE = Memory;
CREATE TABLE c (id UInt8, z String) ENGINE = Memory;
INSERT INTO a VALUES (1, 'a1'), (2, 'a2');
INSERT INTO b VALUES (1, 'b1'), (2, 'b2');
INSERT INTO c VALUES (2, 'c2');
SELECT a.id, x, y, z FROM a JOIN b ON a.id = b.id JOIN c ON b.id = c.id;
SELECT a.id, x, y, z FROM a JOIN b ON a.id = b.id LEFT JOIN c ON b.id = c.id ORDER BY a.id;
