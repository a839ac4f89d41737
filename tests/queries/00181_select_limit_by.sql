SELECT number % 3 AS k, number FROM numbers(12) ORDER BY k, number LIMIT 2 BY k;
SELECT number % 3 AS k, number FROM numbers(12) ORDER BY k, number LIMIT 1, 2 BY k;
SELECT number % 2 AS a, number % 3 AS b, number FROM numbers(12) ORDER BY a, b, number LIMIT 1 BY a, b;
SELECT number % 3 AS k FROM numbers(12) ORDER BY k LIMIT 1 BY k LIMIT 2;
