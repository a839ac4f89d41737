SELECT number % 3 AS a, number % 2 AS b, count(), sum(number) FROM numbers(12) GROUP BY a, b ORDER BY a, b;
SELECT toString(number % 3) AS s, count() FROM numbers(9) GROUP BY s ORDER BY s;
SELECT number % 3, count() FROM numbers(9) GROUP BY number % 3 ORDER BY number % 3;
SELECT number % 3 + 1 AS x, count() FROM numbers(9) GROUP BY 1 ORDER BY 1;
SELECT count(), sum(number) FROM numbers(10) GROUP BY number > 4 ORDER BY count();
SELECT x, count() FROM (SELECT arrayJoin([NULL, 1, NULL, 2]) AS x) GROUP BY x ORDER BY x;
