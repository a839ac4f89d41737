SET max_threads = 2;
SELECT getSetting('max_threads');
SET max_block_size = 100, join_use_nulls = 1;
SELECT getSetting('max_block_size'), getSetting('join_use_nulls');
SET no_such_setting = 1; -- { serverError UNKNOWN_SETTING }
SET max_block_size = 'abc'; -- { serverError CANNOT_PARSE_INPUT_ASSERTION_FAILED }
SELECT getSetting('max_block_size');
SET output_format_pretty_row_numbers = 0;
SELECT 1 AS x FORMAT PrettyCompact;
