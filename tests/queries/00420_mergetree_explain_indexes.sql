-- EXPLAIN indexes = 1: partition, min-max and primary-key pruning as ClickHouse reports it
CREATE TABLE hits (CounterID UInt32, EventDate Date, UserID UInt64, URL String) ENGINE = MergeTree PARTITION BY toYYYYMM(EventDate) ORDER BY (CounterID, EventDate) SETTINGS index_granularity = 100;
INSERT INTO hits SELECT number % 1000, toDate('2024-01-01') + number % 60, number, toString(number) FROM numbers(100000);
EXPLAIN indexes = 1 SELECT count() FROM hits WHERE CounterID = 62;
EXPLAIN indexes = 1 SELECT URL FROM hits WHERE CounterID = 62 AND EventDate = '2024-01-05';
EXPLAIN indexes = 1 SELECT URL FROM hits WHERE UserID = 5;
SELECT partition, name, rows, active, partition_id, level, min_block_number, max_block_number, marks FROM system.parts WHERE database = currentDatabase() AND table = 'hits' ORDER BY name;
