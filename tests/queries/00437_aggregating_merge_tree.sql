-- AggregatingMergeTree: AggregateFunction columns filled with -State, read
-- with -Merge / finalizeAggregation, their states merged by merges and FINAL.
CREATE TABLE agg (k UInt32, d Date, hits AggregateFunction(count), total AggregateFunction(sum, UInt64), users AggregateFunction(uniq, UInt64), lat AggregateFunction(quantiles(0.5, 0.9), Float64), mx AggregateFunction(max, String), note String)
ENGINE = AggregatingMergeTree ORDER BY (k, d); -- { serverError BAD_ARGUMENTS }
CREATE TABLE agg (k UInt32, d Date, hits AggregateFunction(count), total AggregateFunction(sum, UInt64), users AggregateFunction(uniq, UInt64), lat AggregateFunction(quantiles(0.5, 0.9), Float64), mx AggregateFunction(max, String), note String)
ENGINE = AggregatingMergeTree ORDER BY (k, d) SETTINGS allow_dimensions_outside_sorting_key = 1;
SHOW CREATE TABLE agg;
INSERT INTO agg SELECT number % 3, toDate('2024-01-01') + number % 2, countState(), sumState(number), uniqState(toUInt64(number % 10)), quantilesState(0.5, 0.9)(toFloat64(number)), maxState(toString(number)), 'first' FROM numbers(100) GROUP BY number % 3, number % 2;
INSERT INTO agg SELECT number % 3, toDate('2024-01-01') + number % 2, countState(), sumState(number), uniqState(toUInt64(number % 10)), quantilesState(0.5, 0.9)(toFloat64(number)), maxState(toString(number)), 'second' FROM numbers(100, 100) GROUP BY number % 3, number % 2;
SELECT k, d, countMerge(hits), sumMerge(total), uniqMerge(users), quantilesMerge(0.5, 0.9)(lat), maxMerge(mx) FROM agg GROUP BY k, d ORDER BY k, d;
SELECT count() FROM agg;
OPTIMIZE TABLE agg FINAL;
SELECT count() FROM agg;
SELECT k, d, countMerge(hits), sumMerge(total), uniqMerge(users), quantilesMerge(0.5, 0.9)(lat), maxMerge(mx) FROM agg GROUP BY k, d ORDER BY k, d;
SELECT k, d, finalizeAggregation(hits), finalizeAggregation(total), note FROM agg ORDER BY k, d;
INSERT INTO agg SELECT 0, toDate('2024-01-01'), countState(), sumState(toUInt64(1000)), uniqState(toUInt64(77)), quantilesState(0.5, 0.9)(1.5), maxState('zzz'), 'third' FROM numbers(5);
SELECT k, d, finalizeAggregation(hits), finalizeAggregation(total), finalizeAggregation(mx) FROM agg FINAL ORDER BY k, d;
SELECT sumMerge(total) FROM agg WHERE k = 0;
SELECT toTypeName(hits), toTypeName(lat) FROM agg LIMIT 1;
CREATE TABLE sm (k UInt8, v UInt64, s AggregateFunction(uniqExact, UInt64)) ENGINE = SummingMergeTree ORDER BY k;
INSERT INTO sm SELECT 1, 10, uniqExactState(number) FROM numbers(5);
INSERT INTO sm SELECT 1, 20, uniqExactState(number) FROM numbers(3, 5);
OPTIMIZE TABLE sm FINAL;
SELECT k, v, finalizeAggregation(s) FROM sm;
-- a row inserted without the state columns holds the empty states
CREATE TABLE dflt (k UInt8, s AggregateFunction(sum, UInt64), u AggregateFunction(uniqExact, String)) ENGINE = AggregatingMergeTree ORDER BY k;
INSERT INTO dflt (k) VALUES (1);
INSERT INTO dflt SELECT 1, sumState(toUInt64(5)), uniqExactState('x');
SELECT k, finalizeAggregation(s), finalizeAggregation(u) FROM dflt ORDER BY k, finalizeAggregation(s);
SELECT k, sumMerge(s), uniqExactMerge(u) FROM dflt GROUP BY k;
OPTIMIZE TABLE dflt FINAL;
SELECT k, finalizeAggregation(s), finalizeAggregation(u) FROM dflt;
