SELECT toDateTime('2024-06-01 12:00:00', 'UTC') AS t, toTimeZone(t, 'America/New_York'), toTimeZone(t, 'Asia/Kolkata'), toTimeZone(t, 'Europe/Berlin');
SELECT toHour(toDateTime('2024-06-01 12:00:00', 'UTC'), 'Asia/Tokyo'), toString(toDateTime('2024-01-01 00:00:00', 'Europe/London')), toTypeName(toDateTime('2024-01-01 00:00:00', 'Europe/London'));
SELECT toDateTime('2024-03-31 02:30:00', 'Europe/Berlin'), toDateTime('2024-10-27 02:30:00', 'Europe/Berlin'), toUnixTimestamp(toDateTime('2024-03-31 03:00:00', 'Europe/Berlin'));
SELECT toStartOfDay(toDateTime('2024-06-01 02:00:00', 'Asia/Tokyo')), toDate(toDateTime('2024-06-01 02:00:00', 'Asia/Tokyo')), timezone() AS tz;
SELECT toDateTime('2024-01-01 00:00:00', 'Mars/Olympus'); -- { serverError BAD_ARGUMENTS }
