SELECT toDateTime64('2024-01-01 00:00:00.123', 3) + 1, toDateTime64('2024-01-01 00:00:00.123', 3) - INTERVAL 1 MILLISECOND, toDateTime64('2024-01-01 00:00:00', 6) + INTERVAL 1500 MICROSECOND;
SELECT toDateTime64('2024-01-01 00:00:00.999', 3) < toDateTime64('2024-01-01 00:00:01', 3), max(toDateTime64('2024-01-01 00:00:00', 3) + number) FROM numbers(3);
SELECT toDateTime64(1.123456789, 9), toDateTime64('1900-01-01 00:00:00', 0), toDateTime64('2262-04-11 23:47:16', 9) AS x, toTypeName(x);
SELECT toDateTime64(toDateTime('2024-01-01 12:00:00'), 3, 'Asia/Tokyo'), toStartOfDay(toDateTime64('2024-01-01 12:34:56.789', 3));
