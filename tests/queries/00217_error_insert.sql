CREATE TABLE t (a UInt8, b String) ENGINE = Memory;
INSERT INTO t VALUES (1); -- { clientError SYNTAX_ERROR }
INSERT INTO t VALUES ('x', 'y'); -- { clientError CANNOT_PARSE_TEXT, TYPE_MISMATCH }
INSERT INTO t (a, nope) VALUES (1, 2); -- { serverError NO_SUCH_COLUMN_IN_TABLE }
INSERT INTO t (a, a) VALUES (1, 2); -- { serverError DUPLICATE_COLUMN }
INSERT INTO nope VALUES (1); -- { serverError UNKNOWN_TABLE }
INSERT INTO t SELECT 1; -- { serverError NUMBER_OF_COLUMNS_DOESNT_MATCH }
INSERT INTO t FORMAT CSV 1,x,extra -- { clientError INCORRECT_DATA }
SELECT count() FROM t;
