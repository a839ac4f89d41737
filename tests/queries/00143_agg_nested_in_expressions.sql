SELECT sum(number) / count(), sum(number) + 1, max(number) - min(number), toString(count()), round(avg(number), 2) FROM numbers(10);
SELECT number % 2 AS k, sum(number) * 2 AS s2, count() * 10 FROM numbers(10) GROUP BY k ORDER BY s2 DESC;
SELECT sum(number) AS s, s * 2, s + count() FROM numbers(5);
SELECT sum(sum(number)) FROM numbers(5); -- { serverError ILLEGAL_AGGREGATION }
SELECT number, count() FROM numbers(3); -- { serverError NOT_AN_AGGREGATE }
