CREATE DATABASE db_use;
USE db_use;
SELECT currentDatabase();
CREATE TABLE t (a UInt8) ENGINE = Memory;
SELECT name FROM system.tables WHERE database = 'db_use';
USE default;
USE no_such_db; -- { serverError UNKNOWN_DATABASE }
DROP DATABASE db_use;
