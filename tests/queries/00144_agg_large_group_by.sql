SELECT count(), sum(c), max(c), min(c) FROM (SELECT number % 1000 AS k, count() AS c FROM numbers(100000) GROUP BY k);
SELECT uniqExact(number % 50000), count() FROM numbers(200000);
SELECT k, count() FROM (SELECT toString(number % 5) AS k FROM numbers(100000)) GROUP BY k ORDER BY k;
