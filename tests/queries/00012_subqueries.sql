SELECT (SELECT 1), (SELECT 1 WHERE 0), toTypeName((SELECT 1));
SELECT (SELECT 1, 'a');
SELECT number FROM numbers(10) WHERE number IN (SELECT number * 2 FROM numbers(3));
SELECT number FROM numbers(5) WHERE number NOT IN (1, 3);
SELECT EXISTS(SELECT 1), EXISTS(SELECT 1 WHERE 0);
SELECT x, y FROM (SELECT number AS x, number * 10 AS y FROM numbers(3)) WHERE y > 5;
SELECT sum(x) FROM (SELECT number AS x FROM numbers(10));
WITH t AS (SELECT number AS n FROM numbers(4)) SELECT n * 2 FROM t WHERE n > 1;
WITH 5 AS five SELECT five + number FROM numbers(2);
SELECT (SELECT number FROM numbers(2)); -- { serverError INCORRECT_RESULT_OF_SCALAR_SUBQUERY }
