CREATE TABLE src (a UInt32, b String) ENGINE = Memory;
CREATE TABLE dst (a UInt64, b String, c Float64 DEFAULT a * 1.5) ENGINE = Memory;
INSERT INTO src VALUES (1, 'x'), (2, 'y'), (3, 'z');
INSERT INTO dst (a, b) SELECT a, b FROM src WHERE a > 1;
INSERT INTO dst SELECT a + 10, upper(b), 0 FROM src;
INSERT INTO dst (b, a) SELECT 'swapped', 99;
SELECT * FROM dst ORDER BY a;
INSERT INTO dst SELECT * FROM src; -- { serverError NUMBER_OF_COLUMNS_DOESNT_MATCH }
INSERT INTO dst (a, b) SELECT 'not a number', 'x'; -- { serverError CANNOT_PARSE_TEXT }
SELECT count() FROM dst;
