SELECT name, value, changed FROM system.settings WHERE name IN ('max_threads', 'max_block_size', 'max_memory_usage') ORDER BY name FORMAT Null;
SELECT name, value, changed FROM system.settings WHERE name IN ('max_block_size', 'join_use_nulls') ORDER BY name;
SET max_block_size = 1234;
SELECT value, changed FROM system.settings WHERE name = 'max_block_size';
SELECT type FROM system.settings WHERE name = 'max_block_size';
