SELECT sumIf(number, number > 5), countIf(number % 2 = 1), uniqIf(number % 4, number < 8) FROM numbers(20);
SELECT sumArrayIf([number, 1], number > 8) FROM numbers(10);
SELECT groupArrayIf(number, number % 3 = 0), maxIf(toString(number), number < 5) FROM numbers(10);
SELECT avgOrNull(number), sumOrNull(number) FROM numbers(10) WHERE number > 100;
SELECT countDistinctIf(number % 3, number > 2) FROM numbers(10) FORMAT Null;
SELECT anyIf(number, number > 3), anyLastIf(number, number < 3) FROM numbers(10);
