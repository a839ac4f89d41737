-- LIKE '%needle%' over whole String columns (one scan of the column's bytes):
-- a needle spread over two adjacent rows is no match; empty strings, NOT LIKE,
-- several hits in one row, the needle at the very start and end.
CREATE TABLE t (id UInt32, s String) ENGINE = Memory;
INSERT INTO t VALUES (1, 'goo'), (2, 'gle'), (3, ''), (4, 'google'), (5, 'xgooglegoogle'), (6, 'googl'), (7, 'e'), (8, 'abgoogle'), (9, 'googleab'), (10, 'g');
SELECT id FROM t WHERE s LIKE '%google%' ORDER BY id;
SELECT id FROM t WHERE s NOT LIKE '%google%' ORDER BY id;
SELECT id, s LIKE '%oo%', s LIKE '%%', s LIKE '%e%' FROM t ORDER BY id;
SELECT count() FROM (SELECT concat('a', toString(number)) AS s FROM numbers(100000)) WHERE s LIKE '%999%';
SELECT countIf(s LIKE '%99%'), countIf(s NOT LIKE '%99%') FROM (SELECT toString(number) AS s FROM numbers(1000)) SETTINGS max_block_size = 7;
