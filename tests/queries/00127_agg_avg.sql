SELECT avg(number), avg(toInt32(number) - 5), avg(number * 0.5), avg(toDecimal32(number, 2)) FROM numbers(10);
SELECT avg(number) FROM numbers(0);
SELECT toTypeName(avg(1)), toTypeName(avg(toDecimal64(1, 3))), avgWeighted(x, w) FROM (SELECT arrayJoin([(1, 2), (3, 1)]) AS t, t.1 AS x, t.2 AS w);
