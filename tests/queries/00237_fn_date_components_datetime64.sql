SELECT toYear(t), toMonth(t), toDayOfMonth(t), toHour(t), toMinute(t), toSecond(t), toMillisecond(t) FROM (SELECT toDateTime64('2024-07-08 09:10:11.123', 3) AS t);
SELECT toYear(d), toMonth(d), toQuarter(d), toDayOfYear(d) FROM (SELECT toDate32('1950-12-31') AS d);
SELECT toStartOfMonth(toDate32('1950-03-15')), toStartOfYear(toDate32('2250-06-01')), toMonday(toDate32('1900-01-03'));
