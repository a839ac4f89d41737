-- mutation predicates: DELETE takes any number (isZeroOrNull), UPDATE and DELETE FROM need UInt8
CREATE TABLE t (k UInt32, f Float64, v String, b Nullable(UInt8)) ENGINE = MergeTree ORDER BY k;
INSERT INTO t SELECT number, number / 2, toString(number), if(number = 2, NULL, number % 2) FROM numbers(5);
ALTER TABLE t UPDATE v = 'x' WHERE k; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
ALTER TABLE t UPDATE v = 'x' WHERE b;
SELECT * FROM t ORDER BY k;
ALTER TABLE t DELETE WHERE f - 0.5;
SELECT * FROM t ORDER BY k;
ALTER TABLE t UPDATE v = 'y' WHERE 'abc'; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
DELETE FROM t WHERE 'abc'; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
DELETE FROM t WHERE k - 1; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT * FROM t ORDER BY k;
