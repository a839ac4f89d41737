-- GROUP BY ROLLUP / CUBE / GROUPING SETS (and WITH ROLLUP / WITH CUBE): a key outside a set is its type's default
SELECT number, count() FROM numbers(4) GROUP BY number WITH ROLLUP ORDER BY number, count();
SELECT number % 2 AS a, number % 3 AS b, count() AS c, sum(number) AS s FROM numbers(12) GROUP BY ROLLUP(a, b) ORDER BY a, b, c;
SELECT number % 2 AS a, number % 3 AS b, count() AS c FROM numbers(12) GROUP BY CUBE(a, b) ORDER BY a, b, c;
SELECT number % 2 AS a, number % 3 AS b, count() AS c FROM numbers(12) GROUP BY a, b WITH CUBE ORDER BY a, b, c;
SELECT number % 2 AS a, number % 3 AS b, count() AS c FROM numbers(12) GROUP BY GROUPING SETS ((a), (b), (a, b), ()) ORDER BY a, b, c;
SELECT toString(number % 2) AS a, count() AS c FROM numbers(5) GROUP BY ROLLUP(a) ORDER BY a, c;
SELECT number % 3 AS k, avg(number) AS av FROM numbers(9) GROUP BY k WITH ROLLUP HAVING av > 3 ORDER BY k, av;
