SELECT quantile(0.5)(toFloat32(number)), quantileExact(0.5)(toInt32(number) - 5), quantile(0.5)(toDecimal32(number, 2)) FROM numbers(10);
SELECT quantile(toDate('2024-01-01') + number), quantileExact(toDateTime('2024-01-01 00:00:00') + number) FROM numbers(5);
SELECT quantiles(0, 0.25, 0.5, 0.75, 1)(number) FROM numbers(9);
SELECT median(x) FROM (SELECT arrayJoin([nan, 1., 2.]) AS x);
