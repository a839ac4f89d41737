SELECT toStartOfYear(d), toStartOfQuarter(d), toStartOfMonth(d), toMonday(d), toStartOfWeek(d), toStartOfWeek(d, 1) FROM (SELECT toDate('2024-05-17') AS d);
SELECT toStartOfDay(t), toStartOfHour(t), toStartOfMinute(t), toStartOfFiveMinutes(t), toStartOfTenMinutes(t), toStartOfFifteenMinutes(t) FROM (SELECT toDateTime('2024-05-17 13:47:29') AS t);
SELECT toStartOfMonth(t), toStartOfYear(t), toTypeName(toStartOfMonth(t)), toTypeName(toStartOfDay(t)), toTypeName(toStartOfDay(toDate('2024-01-01'))) FROM (SELECT toDateTime('2024-05-17 13:47:29') AS t);
SELECT toStartOfSecond(toDateTime64('2024-05-17 13:47:29.789', 3)), toStartOfMillisecond(toDateTime64('2024-05-17 13:47:29.789123', 6));
SELECT toLastDayOfMonth(toDate('2024-02-10')), toLastDayOfMonth(toDate('2023-02-10')), toLastDayOfWeek(toDate('2024-05-17'));
