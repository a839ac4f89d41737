SELECT number FROM numbers(100) WHERE number % 10 = 0 SETTINGS max_block_size = 7;
SELECT getSetting('max_threads') SETTINGS max_threads = 3;
SELECT 1 SETTINGS no_such_setting = 1; -- { serverError UNKNOWN_SETTING }
