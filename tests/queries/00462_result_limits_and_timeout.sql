-- max_result_rows / result_overflow_mode and max_execution_time
SELECT count() FROM (SELECT number FROM numbers(100) SETTINGS max_block_size = 7) SETTINGS max_result_rows = 10, result_overflow_mode = 'break';
SELECT number FROM numbers(100) SETTINGS max_result_rows = 10, max_block_size = 7, result_overflow_mode = 'break';
SELECT number FROM numbers(100) SETTINGS max_result_rows = 10, max_block_size = 100; -- { serverError TOO_MANY_ROWS_OR_BYTES }
SELECT number FROM numbers(5) SETTINGS max_result_rows = 10, max_block_size = 100;
SELECT count() FROM numbers(30) WHERE sleepEachRow(0.1) = 0 SETTINGS max_execution_time = 0.5, max_block_size = 1; -- { serverError TIMEOUT_EXCEEDED }
SELECT count() FROM numbers(30) SETTINGS max_execution_time = 5;
