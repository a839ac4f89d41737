SELECT toDate('2024-01-01') + number % 2 AS d, count() FROM numbers(10) GROUP BY d ORDER BY d;
SELECT [number % 2] AS a, count() FROM numbers(10) GROUP BY a ORDER BY a;
SELECT (number % 2, toString(number % 3)) AS t, count() FROM numbers(12) GROUP BY t ORDER BY t;
SELECT number % 2 = 0 AS b, toDecimal32(number % 3, 1) AS dec, count() FROM numbers(12) GROUP BY b, dec ORDER BY b, dec;
SELECT toFloat64(number % 3) / 2 AS f, count() FROM numbers(9) GROUP BY f ORDER BY f;
