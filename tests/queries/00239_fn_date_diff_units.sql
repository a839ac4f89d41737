SELECT dateDiff('ns', toDateTime64('2024-01-01 00:00:00', 9), toDateTime64('2024-01-01 00:00:01', 9)), dateDiff('us', toDateTime64('2024-01-01 00:00:00', 6), toDateTime64('2024-01-01 00:00:00.5', 6));
SELECT dateDiff('minute', toDateTime('2024-01-01 00:00:59'), toDateTime('2024-01-01 00:01:00')), dateDiff('hour', toDateTime('2024-01-01 00:59:00'), toDateTime('2024-01-01 01:00:00'));
SELECT dateDiff('week', toDate('2024-01-07'), toDate('2024-01-08')), dateDiff('quarter', toDate('2024-03-31'), toDate('2024-04-01')), dateDiff('year', toDate('2024-12-31'), toDate('2025-01-01'));
