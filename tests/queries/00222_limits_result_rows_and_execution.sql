SELECT number FROM numbers(100) SETTINGS max_result_rows = 10, result_overflow_mode = 'break' FORMAT Null;
SELECT count() FROM numbers(100) SETTINGS max_rows_to_read = 10; -- { serverError TOO_MANY_ROWS }
SELECT 1;
