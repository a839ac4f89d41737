CREATE TABLE t (a UInt32, b String) ENGINE = Memory;
INSERT INTO t SELECT number, toString(number) FROM numbers(20);
SELECT a FROM t WHERE a % 5 = 0 ORDER BY a;
SELECT a FROM t PREWHERE a < 3 ORDER BY a; -- { serverError ILLEGAL_PREWHERE }
SELECT number FROM numbers(10) PREWHERE number > 7; -- { serverError ILLEGAL_PREWHERE }
SELECT count() FROM t WHERE 1;
SELECT count() FROM t WHERE NULL;
SELECT count() FROM t WHERE b = '7' OR a = 8;
SELECT a FROM t WHERE a = 'x'; -- { serverError TYPE_MISMATCH }
