SELECT toYYYYMM(toDate('2024-05-17')), toYYYYMMDD(toDate('2024-05-17')), toYYYYMMDDhhmmss(toDateTime('2024-05-17 13:47:29')), toTypeName(toYYYYMM(toDate('2024-05-17'))), toTypeName(toYYYYMMDDhhmmss(now()));
SELECT toYYYYMM(d), count() FROM (SELECT toDate('2024-01-25') + number * 3 AS d FROM numbers(10)) GROUP BY toYYYYMM(d) ORDER BY 1;
SELECT toRelativeDayNum(toDate('2024-01-01')), toRelativeMonthNum(toDate('2024-01-01')), toRelativeYearNum(toDate('2024-01-01')), toRelativeHourNum(toDateTime('1970-01-02 00:00:00'));
