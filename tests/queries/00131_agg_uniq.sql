SELECT uniq(number % 7), uniqExact(number % 7), uniqCombined(number % 7), uniqHLL12(number % 7), uniqCombined64(number % 7) FROM numbers(1000);
SELECT uniqExact(s), uniq(s) FROM (SELECT toString(number % 13) AS s FROM numbers(100));
SELECT uniqExact(a, b) FROM (SELECT number % 3 AS a, number % 2 AS b FROM numbers(20));
SELECT uniq(x), uniqExact(x) FROM (SELECT arrayJoin([1, NULL, 1, 2, NULL]) AS x);
SELECT uniq(number) FROM numbers(0);
