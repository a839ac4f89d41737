-- -State / -Merge / -MergeState combinators and finalizeAggregation: states
-- as values of type AggregateFunction(f, types), merged across groups.
SELECT toTypeName(sumState(number)), toTypeName(avgState(toFloat32(number))), toTypeName(quantilesState(0.5, 0.9)(number)) FROM numbers(10);
SELECT sumMerge(s), avgMerge(a), uniqMerge(u), minMerge(mi), maxMerge(ma) FROM (SELECT number % 3 AS k, sumState(number) AS s, avgState(number) AS a, uniqState(number) AS u, minState(toString(number)) AS mi, maxState(number) AS ma FROM numbers(100) GROUP BY k);
SELECT k, sumMerge(s), countMerge(c), groupArrayMerge(g) FROM (SELECT number % 2 AS k, sumState(number) AS s, countState() AS c, groupArrayState(number) AS g FROM numbers(6) GROUP BY k) GROUP BY k ORDER BY k;
SELECT finalizeAggregation(sumState(number)), finalizeAggregation(uniqExactState(number % 7)) FROM numbers(100);
SELECT quantilesMerge(0.5, 0.9)(q) FROM (SELECT quantilesState(0.5, 0.9)(number) AS q FROM numbers(1001));
SELECT sumMerge(ss) FROM (SELECT sumMergeState(s) AS ss FROM (SELECT number % 3 AS k, sumState(number) AS s FROM numbers(10) GROUP BY k));
SELECT toTypeName(sumMergeState(s)) FROM (SELECT number % 3 AS k, sumState(number) AS s FROM numbers(10) GROUP BY k);
SELECT sumIfMerge(s) FROM (SELECT sumIfState(number, number % 2 = 0) AS s FROM numbers(10));
SELECT argMaxMerge(s) FROM (SELECT argMaxState(toString(number), number) AS s FROM numbers(10));
SELECT sumMerge(s) FROM (SELECT sumState(toNullable(number)) AS s FROM numbers(10));
SELECT toTypeName(sumState(toNullable(number))) FROM numbers(10);
SELECT avgMerge(x) FROM (SELECT sumState(number) AS x FROM numbers(3)); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT sumMerge(number) FROM numbers(3); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT k, uniqExactMerge(u), anyLastMerge(a), argMinMerge(am), arraySort(groupUniqArrayMerge(g)), avgIfMerge(ai) FROM (SELECT number % 2 AS k, uniqExactState(number % 5) AS u, anyLastState(number) AS a, argMinState(toString(number), number) AS am, groupUniqArrayState(number % 3) AS g, avgIfState(number, number > 2) AS ai FROM numbers(10) GROUP BY k) GROUP BY k ORDER BY k;
SELECT toTypeName(avgIfState(number, number > 2)), toTypeName(argMinState(toString(number), number)), toTypeName(countState()) FROM numbers(1);
SELECT finalizeAggregation(s) FROM (SELECT number % 3 AS k, sumState(number) AS s FROM numbers(10) GROUP BY k ORDER BY k);
SELECT uniqCombinedMerge(s), uniqHLL12Merge(h) FROM (SELECT number % 3 AS k, uniqCombinedState(number % 50) AS s, uniqHLL12State(number % 50) AS h FROM numbers(1000) GROUP BY k);
SELECT uniqCombinedMerge(17)(s) FROM (SELECT uniqCombinedState(17)(number) AS s FROM numbers(70000));
SELECT minMerge(s), maxMerge(s) FROM (SELECT minState(number) AS s FROM numbers(5)); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT finalizeAggregation(number) FROM numbers(1); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
