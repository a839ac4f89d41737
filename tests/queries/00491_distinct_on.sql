-- DISTINCT ON (k): the first row of each k after ORDER BY, as ClickHouse rewrites it to LIMIT 1 BY k (issue 8)
DROP TABLE IF EXISTS don;
CREATE TABLE don (a UInt8, b String, c UInt32) ENGINE = Memory;
INSERT INTO don VALUES (1, 'x', 5), (1, 'y', 3), (2, 'x', 7), (2, 'x', 1), (3, 'z', 0);
SELECT DISTINCT ON (a) a, b, c FROM don ORDER BY a, c;
SELECT DISTINCT ON (a, b) a, b, c FROM don ORDER BY a, b, c DESC;
SELECT DISTINCT ON (a) a, c FROM don ORDER BY a, c LIMIT 2;
SELECT DISTINCT ON (a + 1) a FROM don ORDER BY a;
SELECT DISTINCT ON (b) b, a FROM don ORDER BY b, a DESC SETTINGS max_threads = 1, max_block_size = 1;
EXPLAIN SYNTAX SELECT DISTINCT ON (a, b) a, b FROM don ORDER BY a;
SELECT DISTINCT ON (a) * FROM don ORDER BY a, c LIMIT 1 BY b; -- { clientError SYNTAX_ERROR }
DROP TABLE don;
