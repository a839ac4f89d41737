SELECT t1.k, t1.v, t2.w FROM (SELECT number % 3 AS k, number AS v FROM numbers(6)) AS t1 INNER JOIN (SELECT number AS k, number * 100 AS w FROM numbers(2)) AS t2 ON t1.k = t2.k ORDER BY t1.v;
SELECT count() FROM numbers(10) AS a JOIN numbers(10) AS b ON a.number = b.number + 5;
SELECT a.number, b.number FROM numbers(5) AS a JOIN numbers(5) AS b ON a.number = b.number AND a.number > 2 ORDER BY a.number;
SELECT a.number FROM numbers(5) AS a LEFT JOIN (SELECT number FROM numbers(2)) AS b ON a.number = b.number WHERE b.number = 0 ORDER BY a.number;
