SELECT sum(number), count(), avg(number), min(number), groupArray(number), uniq(number) FROM numbers(0);
SELECT number % 2 AS k, sum(number) FROM numbers(0) GROUP BY k;
SELECT count() FROM numbers(10) WHERE 0;
SELECT 1 AS x, count() GROUP BY x;
