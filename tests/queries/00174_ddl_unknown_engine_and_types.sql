CREATE TABLE t (a UInt8) ENGINE = NoSuchEngine; -- { serverError UNKNOWN_STORAGE }
CREATE TABLE t (a NoSuchType) ENGINE = Memory; -- { serverError UNKNOWN_TYPE }
CREATE TABLE t (a UInt8, a String) ENGINE = Memory; -- { serverError ILLEGAL_COLUMN }
CREATE TABLE t () ENGINE = Memory; -- { clientError SYNTAX_ERROR }
SELECT 1;
