SELECT 'a' < 'b', 'abc' < 'abd', 'a' < 'aa', '' < 'a', 'B' < 'a', 'é' > 'z';
SELECT toDate('2024-01-01') < toDate('2024-01-02'), toDate('2024-01-01') = '2024-01-01', toDateTime('2024-01-01 00:00:00') = toDate('2024-01-01');
SELECT toDateTime('2024-01-01 10:00:00') > '2024-01-01 09:00:00', '2024-01-01' < toDate('2024-02-01');
SELECT [1, 2] < [1, 3], [1, 2] = [1, 2], [] < [1], (1, 'a') < (1, 'b'), (2, 'a') > (1, 'z');
SELECT 1 = '1', '2' > 1, toUInt8(5) = '5';
SELECT 1 = 'a'; -- { serverError TYPE_MISMATCH }
