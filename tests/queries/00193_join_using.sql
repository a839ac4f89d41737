CREATE TABLE l (id UInt32, k String, a String) ENGINE = Memory;
CREATE TABLE r (id UInt32, k String, b String) ENGINE = Memory;
INSERT INTO l VALUES (1, 'x', 'l1'), (2, 'y', 'l2');
INSERT INTO r VALUES (1, 'x', 'r1'), (2, 'z', 'r2');
SELECT * FROM l JOIN r USING (id) ORDER BY id;
SELECT * FROM l JOIN r USING (id, k) ORDER BY id;
SELECT id, a, b FROM l LEFT JOIN r USING (k) ORDER BY id;
SELECT * FROM l FULL JOIN r USING (k) ORDER BY k;
