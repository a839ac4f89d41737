SELECT quantile(number), quantile(0.9)(number), median(number), quantileExact(number), quantileExact(0.25)(number), medianExact(number) FROM numbers(101);
SELECT quantiles(0.1, 0.5, 0.9)(number), quantilesExact(0.1, 0.5, 0.9)(number) FROM numbers(11);
SELECT quantile(x), quantileExact(x), median(x) FROM (SELECT arrayJoin([1, 2, 3, 4]) AS x);
SELECT quantile(number) FROM numbers(0);
SELECT toTypeName(quantile(toUInt8(1))), toTypeName(quantileExact(toUInt8(1))), toTypeName(quantiles(0.5)(1)), quantileExact(toDate('2024-01-01'));
SELECT quantileExactLow(0.5)(number), quantileExactHigh(0.5)(number) FROM numbers(10);
