SELECT number AS a, a + 1 AS b, b * 2 AS c FROM numbers(3);
SELECT a + 1 AS b, number AS a FROM numbers(2);
SELECT number AS n FROM numbers(5) WHERE n > 2 ORDER BY n DESC;
SELECT (number AS x) + x FROM numbers(3);
SELECT number AS number FROM numbers(2);
SELECT 1 AS x, 2 AS x; -- { serverError MULTIPLE_EXPRESSIONS_FOR_ALIAS }
