-- key conditions: NOT pushed into atoms, key functions applied to constants, monotonic wrappers, LIKE prefixes, sets; PREWHERE order
CREATE TABLE hits (CounterID UInt32, EventDate Date, EventTime DateTime, UserID UInt64, URL String) ENGINE = MergeTree PARTITION BY toYYYYMM(EventDate) ORDER BY (CounterID, EventDate, intHash32(UserID)) SETTINGS index_granularity = 100;
INSERT INTO hits SELECT number % 1000, toDate('2024-01-01') + number % 60, toDateTime('2024-01-01 00:00:00') + number * 60, number, toString(number) FROM numbers(100000);
EXPLAIN indexes = 1 SELECT count() FROM hits WHERE CounterID = 62 AND UserID = 5;
EXPLAIN indexes = 1 SELECT count() FROM hits WHERE CounterID = 62 OR UserID = 5;
EXPLAIN indexes = 1 SELECT count() FROM hits WHERE NOT (UserID = 5);
EXPLAIN indexes = 1 SELECT count() FROM hits WHERE toDate(EventDate) = '2024-01-03' AND CounterID < 10;
EXPLAIN indexes = 1 SELECT count() FROM hits WHERE URL LIKE '12%' AND CounterID IN (5);
EXPLAIN indexes = 1 SELECT count() FROM hits WHERE EventDate >= '2024-02-10' AND CounterID BETWEEN 5 AND 7;
EXPLAIN indexes = 1 SELECT count() FROM hits WHERE intHash32(UserID) = 5 AND CounterID = 1;
