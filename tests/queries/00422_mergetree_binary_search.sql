-- binary search over the primary key: suffix columns that change too rarely are not used (primary_key_ratio_of_unique_prefix_values_to_skip_suffix_columns)
CREATE TABLE hits (CounterID UInt32, EventDate Date, UserID UInt64, URL String) ENGINE = MergeTree PARTITION BY toYYYYMM(EventDate) ORDER BY (CounterID, EventDate) SETTINGS index_granularity = 100;
INSERT INTO hits SELECT number % 1000, toDate('2024-01-01') + number % 60, number, toString(number) FROM numbers(100000);
EXPLAIN indexes = 1 SELECT URL FROM hits WHERE CounterID = 62 AND EventDate = '2024-01-05' SETTINGS optimize_move_to_prewhere = 0;
EXPLAIN indexes = 1 SELECT URL FROM hits WHERE CounterID = 62 AND EventDate = '2024-01-24';
EXPLAIN indexes = 1 SELECT URL FROM hits WHERE CounterID = 62 AND EventDate = '2024-01-02';
EXPLAIN indexes = 1 SELECT URL FROM hits WHERE CounterID = 62 AND EventDate >= '2024-01-02' AND EventDate < '2024-01-10';
EXPLAIN indexes = 1 SELECT URL FROM hits WHERE CounterID = 62 AND EventDate = toDate('2024-01-05');
EXPLAIN indexes = 1 SELECT URL FROM hits WHERE CounterID = 62 AND EventDate < '2024-01-06';
EXPLAIN indexes = 1 SELECT URL FROM hits WHERE CounterID = 62 AND EventDate > '2024-01-26';
EXPLAIN indexes = 1 SELECT URL FROM hits WHERE CounterID IN (62) AND EventDate = '2024-01-05';
EXPLAIN indexes = 1 SELECT URL FROM hits WHERE CounterID = 62 AND EventDate = '2024-01-05' AND UserID = 3;
