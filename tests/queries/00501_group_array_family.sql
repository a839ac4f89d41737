-- The groupArray family (issue 8): groupArrayLast(N) in ClickHouse's ring order, groupArrayMovingSum / groupArrayMovingAvg with and without a window (result types by argument), groupArrayInsertAt with and without a default, NULLs skipped; states round-trip through -State / finalizeAggregation.
SELECT groupArrayLast(3)(number) FROM numbers(10);
SELECT groupArrayLast(3)(number) FROM numbers(2);
SELECT toTypeName(groupArrayLast(3)(number)) FROM numbers(2);
SELECT groupArrayMovingSum(number), groupArrayMovingSum(2)(number), groupArrayMovingAvg(number), groupArrayMovingAvg(2)(number) FROM numbers(5);
SELECT toTypeName(groupArrayMovingSum(number)), toTypeName(groupArrayMovingAvg(number)), toTypeName(groupArrayMovingSum(toInt8(number))), toTypeName(groupArrayMovingSum(toFloat32(number))), toTypeName(groupArrayMovingAvg(toFloat32(number))) FROM numbers(5);
SELECT groupArrayMovingSum(x), groupArrayMovingAvg(x) FROM (SELECT toDecimal32(number, 2) AS x FROM numbers(4));
SELECT toTypeName(groupArrayMovingSum(x)), toTypeName(groupArrayMovingAvg(x)) FROM (SELECT toDecimal32(number, 2) AS x FROM numbers(4));
SELECT groupArrayMovingAvg(toInt32(number) - 3), groupArrayMovingSum(toInt32(number) - 3) FROM numbers(5);
SELECT groupArrayInsertAt(toString(number), number * 2) FROM numbers(3);
SELECT groupArrayInsertAt('-', 5)(toString(number), number * 2) FROM numbers(3);
SELECT groupArrayMovingSum(x) FROM (SELECT toNullable(number) AS x FROM numbers(3) UNION ALL SELECT NULL);
SELECT k, groupArrayLast(2)(number), groupArrayMovingSum(number), groupArrayInsertAt(number, number % 4) FROM numbers(12) GROUP BY number % 3 AS k ORDER BY k SETTINGS max_threads = 1;
SELECT finalizeAggregation(groupArrayMovingSumState(number)), finalizeAggregation(groupArrayLastState(2)(number)) FROM numbers(4);
SELECT groupArrayLast(0)(number) FROM numbers(3); -- { serverError BAD_ARGUMENTS }
SELECT groupArrayLast(4)(number) FROM numbers(100000);
SELECT groupArrayLast(5)(number) FROM numbers(3);
SELECT groupArrayInsertAt(0, 100000000)(number, number) FROM numbers(3); -- { serverError TOO_LARGE_ARRAY_SIZE }
