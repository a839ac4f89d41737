SELECT * FROM system.one;
SELECT toTypeName(dummy) FROM system.one;
SELECT number FROM system.numbers LIMIT 2;
SELECT sum(number) FROM (SELECT number FROM system.numbers LIMIT 10);
SELECT number FROM system.numbers_mt LIMIT 1;
SELECT * FROM system.no_such_table; -- { serverError UNKNOWN_TABLE }
