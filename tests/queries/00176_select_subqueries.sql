SELECT * FROM (SELECT number AS n FROM numbers(5)) WHERE n > 2;
SELECT n FROM (SELECT number AS n, number * 2 AS m FROM numbers(3)) ORDER BY m DESC;
SELECT (SELECT 1), (SELECT 'x'), (SELECT max(number) FROM numbers(4));
SELECT number, (SELECT count() FROM numbers(3)) FROM numbers(2);
SELECT (SELECT number FROM numbers(0));
SELECT (SELECT number FROM numbers(2)); -- { serverError INCORRECT_RESULT_OF_SCALAR_SUBQUERY }
SELECT * FROM (SELECT 1 AS a, 2 AS b) AS sub;
SELECT sub.a FROM (SELECT 1 AS a) AS sub;
