-- primary-key pruning on a 10-million-row table: a point lookup reads a few granules
CREATE TABLE hits (CounterID UInt32, EventDate Date, UserID UInt64, URL String) ENGINE = MergeTree PARTITION BY toYYYYMM(EventDate) ORDER BY (CounterID, EventDate);
SYSTEM STOP MERGES hits;
INSERT INTO hits SELECT number % 10000, toDate('2024-01-01') + intDiv(number, 100000) % 90, intHash64(number), concat('https://example.com/', toString(number % 1000)) FROM numbers(10000000);
SELECT count() FROM hits WHERE CounterID = 62;
EXPLAIN indexes = 1 SELECT count() FROM hits WHERE CounterID = 62;
SELECT count(), uniqExact(UserID) FROM hits WHERE CounterID = 62 AND EventDate = '2024-02-03';
EXPLAIN indexes = 1 SELECT count() FROM hits WHERE CounterID = 62 AND EventDate = '2024-02-03';
SELECT partition, name, rows, marks, part_type FROM system.parts WHERE database = currentDatabase() AND table = 'hits' AND active ORDER BY name;
