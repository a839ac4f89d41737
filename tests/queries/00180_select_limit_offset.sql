SELECT number FROM numbers(10) LIMIT 3;
SELECT number FROM numbers(10) LIMIT 3 OFFSET 5;
SELECT number FROM numbers(10) LIMIT 5, 2;
SELECT number FROM numbers(10) ORDER BY number DESC LIMIT 2;
SELECT number FROM numbers(10) LIMIT 0;
SELECT number FROM numbers(10) LIMIT 100 OFFSET 8;
SELECT number FROM numbers(10) OFFSET 7;
SELECT number FROM numbers(10) ORDER BY number LIMIT 2 OFFSET 3 SETTINGS limit = 1;
SELECT number % 3 AS k FROM numbers(10) ORDER BY k LIMIT 2 WITH TIES;
SELECT number FROM numbers(10) LIMIT 1 WITH TIES; -- { serverError WITH_TIES_WITHOUT_ORDER_BY }
