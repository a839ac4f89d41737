SELECT a.number, b.number FROM numbers(2) AS a CROSS JOIN numbers(3) AS b ORDER BY a.number, b.number;
SELECT count() FROM numbers(4) AS a, numbers(5) AS b;
SELECT x.number + y.number AS s FROM numbers(2) AS x, numbers(2) AS y ORDER BY s;
SELECT * FROM (SELECT 1 AS a) AS t1, (SELECT 2 AS b) AS t2;
