SELECT toYear(d), toMonth(d), toDayOfMonth(d), toDayOfWeek(d), toDayOfYear(d), toQuarter(d) FROM (SELECT toDate('2024-02-29') AS d);
SELECT toHour(t), toMinute(t), toSecond(t), toYear(t), toMonth(t), toDayOfMonth(t) FROM (SELECT toDateTime('2024-12-31 23:59:58') AS t);
SELECT d, toDayOfWeek(d), toDayOfWeek(d, 1), toDayOfWeek(d, 2), toDayOfWeek(d, 3) FROM (SELECT toDate('2024-01-01') + number AS d FROM numbers(7));
SELECT YEAR(toDate('2020-05-06')), MONTH(toDate('2020-05-06')), DAY(toDate('2020-05-06')), DAYOFMONTH(toDate('2020-05-06')), DAYOFWEEK(toDate('2020-05-06')), DAYOFYEAR(toDate('2020-05-06')), QUARTER(toDate('2020-05-06'));
SELECT HOUR(toDateTime('2020-05-06 07:08:09')), MINUTE(toDateTime('2020-05-06 07:08:09')), SECOND(toDateTime('2020-05-06 07:08:09'));
SELECT toTypeName(toYear(toDate('2020-01-01'))), toTypeName(toMonth(toDate('2020-01-01'))), toTypeName(toHour(now())), toTypeName(toDayOfYear(toDate('2020-01-01')));
