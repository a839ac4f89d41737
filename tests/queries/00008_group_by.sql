SELECT number % 3 AS k, count(), sum(number), min(number), max(number), avg(number) FROM numbers(10) GROUP BY k ORDER BY k;
SELECT number % 2, number % 3, count() FROM numbers(12) GROUP BY number % 2, number % 3 ORDER BY 1, 2;
SELECT count(), sum(number) FROM numbers(0);
SELECT k, count() FROM (SELECT number % 2 AS k FROM numbers(5)) GROUP BY k HAVING count() > 2;
SELECT k + 1, count() c FROM (SELECT number % 4 AS k FROM numbers(20)) GROUP BY k ORDER BY c DESC, k LIMIT 2;
SELECT number FROM numbers(3) GROUP BY number ORDER BY number;
SELECT number, count() FROM numbers(3) GROUP BY 1 ORDER BY 1;
SELECT number, count() FROM numbers(3); -- { serverError NOT_AN_AGGREGATE }
