CREATE TABLE t (x UInt8) ENGINE = Memory;
SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = currentDatabase();
SELECT column_name, data_type FROM INFORMATION_SCHEMA.COLUMNS WHERE table_schema = currentDatabase() AND table_name = 't';
SELECT schema_name FROM information_schema.schemata WHERE schema_name = 'system';
