SELECT version() LIKE '%.%', currentDatabase(), toTypeName(1), toTypeName('a'), toTypeName(NULL), toTypeName([1]), ignore(1, 'a'), materialize(5), identity(7), toTypeName(materialize(1));
SELECT getSetting('max_threads') > 0, getSetting('max_block_size'), getSetting('max_memory_usage'), getSetting('union_default_mode');
SELECT isConstant(1), isConstant(number) FROM numbers(1);
SELECT hostName() != '', length(toString(generateUUIDv4())), uptime() >= 0, timezone(), serverTimezone(), currentUser() != '';
SELECT getSetting('no_such_setting'); -- { serverError UNKNOWN_SETTING }
