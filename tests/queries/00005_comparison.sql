SELECT 1 = 1, 1 != 2, 1 < 2, 2 <= 2, 3 > 2, 3 >= 4;
SELECT toUInt64(18446744073709551615) > toInt64(-1), toInt8(-1) < toUInt8(1), -1 < 18446744073709551615;
SELECT 'a' < 'b', 'abc' = 'abc', 'a' < 'ab', '' < 'a';
SELECT 1.5 > 1, nan = nan, nan != nan, inf > 1e308;
SELECT toDate('2020-01-01') < toDate('2020-01-02'), toDate('2020-01-01') = '2020-01-01', toDateTime('2020-01-01 00:00:00') = toDate('2020-01-01');
SELECT [1, 2] < [1, 3], (1, 'a') = (1, 'a'), (1, 2) < (1, 3);
SELECT NULL = 1, 1 = NULL, toTypeName(NULL = 1);
