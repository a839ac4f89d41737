-- grouping(keys): a bit per argument, set when that key is rolled up in the row's grouping set
SELECT number % 2 AS a, number % 3 AS b, grouping(a) AS ga, grouping(a, b) AS gab, count() FROM numbers(6) GROUP BY ROLLUP(a, b) ORDER BY a, b, ga, gab;
SELECT number % 2 AS a, grouping(a), count() FROM numbers(4) GROUP BY GROUPING SETS ((a), ()) ORDER BY a, 2;
SELECT number % 2 AS a, grouping(a) FROM numbers(4) GROUP BY a ORDER BY a;
