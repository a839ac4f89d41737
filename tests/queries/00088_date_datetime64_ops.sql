SELECT toDateTime64('2024-05-17 01:02:03.456789', 6) AS t, toStartOfMinute(t), toStartOfDay(t), toSecond(t), toUnixTimestamp(t), toDate(t), toDateTime(t);
SELECT toDateTime64('2024-05-17 01:02:03.456', 3) < toDateTime64('2024-05-17 01:02:03.457', 3), toDateTime64('2024-05-17 01:02:03', 0) = toDateTime('2024-05-17 01:02:03');
SELECT dateDiff('millisecond', toDateTime64('2024-05-17 01:02:03.000', 3), toDateTime64('2024-05-17 01:02:04.250', 3)), toTypeName(now64(3) - now64(3));
