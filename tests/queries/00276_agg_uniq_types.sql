SELECT uniqExact(toString(number % 5)), uniqExact(toDate('2024-01-01') + number % 3), uniqExact((number % 2, number % 3)), uniqExact([number % 2]) FROM numbers(30);
SELECT uniq(x), uniqExact(x) FROM (SELECT arrayJoin([1.5, 1.5, nan, nan, -0., 0.]) AS x);
SELECT uniqExact(number, toString(number % 3)) FROM numbers(10);
