SELECT DISTINCT number % 3 FROM numbers(10) ORDER BY 1;
SELECT DISTINCT number % 2 AS a, number % 3 AS b FROM numbers(10) ORDER BY a, b;
SELECT number % 3 AS k, number FROM numbers(10) ORDER BY k, number LIMIT 2 BY k;
SELECT number % 3 AS k, number FROM numbers(10) ORDER BY k, number LIMIT 1, 1 BY k;
SELECT count(DISTINCT number % 4), uniqExact(number % 5) FROM numbers(100);
