WITH 5 AS k SELECT number + k FROM numbers(3);
WITH x AS (SELECT number AS n FROM numbers(5)) SELECT sum(n) FROM x;
WITH x AS (SELECT number AS n FROM numbers(5)), y AS (SELECT n * 2 AS m FROM x) SELECT m FROM y ORDER BY m DESC LIMIT 2;
WITH (SELECT max(number) FROM numbers(10)) AS mx SELECT mx, mx * 2;
WITH 'hello' AS s, length(s) AS l SELECT s, l;
WITH x AS (SELECT 1 AS a) SELECT * FROM x AS x1, x AS x2;
