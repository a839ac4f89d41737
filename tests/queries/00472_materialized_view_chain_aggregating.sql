-- materialized views: a chain through a Null staging table, an AggregatingMergeTree
-- fed by -State functions, block sizes and threads, ALTER ... MODIFY QUERY
CREATE TABLE staging (ts DateTime, user String, amount Decimal(10, 2), tags Map(String, UInt32)) ENGINE = Null;
CREATE TABLE events (ts DateTime, user String, amount Decimal(10, 2), n UInt32) ENGINE = MergeTree ORDER BY (user, ts);
CREATE MATERIALIZED VIEW staging_to_events TO events AS SELECT ts, user, amount, tags['n'] AS n FROM staging;
CREATE TABLE daily (day Date, user String, total AggregateFunction(sum, Decimal(10, 2)), users AggregateFunction(uniq, String), maxn SimpleAggregateFunction(max, UInt32)) ENGINE = AggregatingMergeTree ORDER BY (day, user);
CREATE MATERIALIZED VIEW events_to_daily TO daily AS SELECT toDate(ts) AS day, user, sumState(amount) AS total, uniqState(user) AS users, max(n) AS maxn FROM events GROUP BY day, user;
INSERT INTO staging VALUES ('2024-01-01 10:00:00', 'a', 1.50, {'n': 3}), ('2024-01-01 11:00:00', 'b', 2.25, {'n': 7}), ('2024-01-02 09:00:00', 'a', 10, {});
INSERT INTO staging SETTINGS max_block_size = 1 VALUES ('2024-01-01 12:00:00', 'a', 0.25, {'n': 9});
INSERT INTO staging SELECT toDateTime('2024-01-03 00:00:00') + number * 3600, 'u' || toString(number % 3), number / 4, map('n', toUInt32(number)) FROM numbers(50) SETTINGS max_block_size = 7, max_threads = 4;
SELECT count() FROM staging;
SELECT count(), sum(amount), sum(n) FROM events;
SELECT day, user, sumMerge(total), uniqMerge(users), max(maxn) FROM daily GROUP BY day, user ORDER BY day, user;
OPTIMIZE TABLE daily FINAL;
SELECT count() FROM daily;
SELECT day, user, finalizeAggregation(total), finalizeAggregation(users), maxn FROM daily ORDER BY day, user LIMIT 5;
ALTER TABLE staging_to_events MODIFY QUERY SELECT ts, upper(user) AS user, amount * 2 AS amount, 0 AS n FROM staging;
INSERT INTO staging VALUES ('2024-02-01 00:00:00', 'z', 1, {});
SELECT user, amount, n FROM events WHERE ts >= '2024-02-01' ORDER BY user;
SHOW CREATE TABLE staging_to_events;
DROP TABLE events_to_daily;
INSERT INTO staging VALUES ('2024-02-02 00:00:00', 'y', 1, {});
SELECT count() FROM daily;
SELECT count() FROM events;
