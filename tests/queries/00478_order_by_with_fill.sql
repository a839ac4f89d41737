-- ORDER BY ... WITH FILL: numbers, floats, Date, DateTime, DateTime64, INTERVAL steps (months by the calendar), FROM / TO, runs of the columns before it, DESC, LIMIT after the fill
SELECT number * 3 AS n FROM numbers(4) ORDER BY n WITH FILL LIMIT 5;
SELECT toDate('2024-01-01') + number * 2 AS d, number AS x FROM numbers(3) ORDER BY d WITH FILL STEP INTERVAL 1 DAY;
SELECT number % 2 AS g, number * 3 AS n, 'x' AS s FROM numbers(6) ORDER BY g, n WITH FILL FROM 0 TO 12 STEP 2;
SELECT number * 2.5 AS f FROM numbers(3) ORDER BY f DESC WITH FILL STEP -1;
SELECT number AS n FROM numbers(0) ORDER BY n WITH FILL FROM 1 TO 4;
SELECT toDateTime('2024-01-01 00:00:00') + number * 7200 AS t, count() AS c FROM numbers(3) GROUP BY t ORDER BY t WITH FILL STEP 3600;
SELECT toDate('2024-01-31') + number * 40 AS d FROM numbers(2) ORDER BY d WITH FILL STEP INTERVAL 1 MONTH;
SELECT toStartOfHour(toDateTime('2024-01-01 00:00:00') + number * 7200) AS h, sum(number) AS s FROM numbers(3) GROUP BY h ORDER BY h WITH FILL FROM toDateTime('2023-12-31 22:00:00') TO toDateTime('2024-01-01 06:00:00') STEP toIntervalHour(1);
SELECT number AS n, number * 10 AS m FROM numbers(3) ORDER BY n DESC WITH FILL FROM 5 TO 0;
SELECT number * 1000000000 AS n FROM numbers(3) ORDER BY n WITH FILL FROM 0 TO 3;
SELECT toDateTime64('2024-01-01 00:00:00', 3) + toIntervalMillisecond(number * 500) AS t FROM numbers(3) ORDER BY t WITH FILL STEP toIntervalMillisecond(250);
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL STEP 0; -- { serverError INVALID_WITH_FILL_EXPRESSION }
SELECT 'a' AS s ORDER BY s WITH FILL; -- { serverError INVALID_WITH_FILL_EXPRESSION }
