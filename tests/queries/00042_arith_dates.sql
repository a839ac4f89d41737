SELECT toDate('2024-01-31') + 1, toDate('2024-01-31') - 31, toTypeName(toDate('2024-01-31') + 1);
SELECT toDateTime('2024-01-01 00:00:00') + 3600, toDateTime('2024-01-01 00:00:00') - 1, toTypeName(toDateTime('2024-01-01 00:00:00') + 1);
SELECT toDate('2024-03-01') - toDate('2024-02-01'), toTypeName(toDate('2024-03-01') - toDate('2024-02-01'));
SELECT toDateTime('2024-01-02 00:00:00') - toDateTime('2024-01-01 00:00:00');
SELECT toDate('2024-01-01') + INTERVAL 1 MONTH, toDate('2024-01-31') + INTERVAL 1 MONTH, toDateTime('2024-01-01 00:00:00') + INTERVAL 90 MINUTE;
SELECT toDate('2024-01-01') - INTERVAL 1 YEAR, toDate('2024-01-01') + INTERVAL 2 WEEK, toDateTime('2024-01-01 00:00:00') - INTERVAL 1 DAY;
