SELECT * FROM no_such_table; -- { serverError UNKNOWN_TABLE }
SELECT * FROM no_such_db.t; -- { serverError UNKNOWN_DATABASE }
SELECT no_such_column FROM numbers(1); -- { serverError UNKNOWN_IDENTIFIER }
SELECT no_such_function(1); -- { serverError UNKNOWN_FUNCTION }
SELECT sumz(1); -- { serverError UNKNOWN_FUNCTION }
SELECT * FROM no_such_table_function(1); -- { serverError UNKNOWN_FUNCTION }
SELECT 1 FORMAT NoSuchFormat; -- { clientError UNKNOWN_FORMAT }
SELECT CAST(1 AS NoSuchType); -- { serverError UNKNOWN_TYPE }
SELECT 1;
