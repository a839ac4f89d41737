SELECT count(), count(*), count(1), count(NULL), COUNT(number) FROM numbers(10);
SELECT count() FROM numbers(0);
SELECT count(DISTINCT number % 3), countDistinct(number % 4), count(DISTINCT number % 3, number % 2) FROM numbers(10);
SELECT number % 3 AS k, count() FROM numbers(10) GROUP BY k ORDER BY k;
SELECT toTypeName(count()), toTypeName(count(DISTINCT 1));
