SELECT sumIf(number, number % 2 = 0), countIf(number > 5), avgIf(number, number < 3), minIf(number, number > 3), maxIf(number, number < 3) FROM numbers(10);
SELECT uniqIf(number % 3, number > 4), groupArrayIf(number, number % 4 = 0), anyIf(number, number > 7), argMaxIf(number, number, number < 5) FROM numbers(10);
SELECT countIf(number > 100), sumIf(number, 0), avgIf(number, 0) FROM numbers(10);
SELECT k, sumIf(v, v > 2) FROM (SELECT number % 2 AS k, number AS v FROM numbers(8)) GROUP BY k ORDER BY k;
