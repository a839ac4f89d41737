SELECT toDateTime('2024-01-15 12:00:00', 'America/Los_Angeles') AS t, toUnixTimestamp(t), toString(t, 'UTC'), toTypeName(t);
SELECT toTimeZone(toDateTime('2024-07-01 00:00:00', 'UTC'), 'Australia/Sydney'), toHour(toDateTime('2024-07-01 00:00:00', 'UTC'), 'Asia/Kathmandu');
SELECT toStartOfDay(toDateTime('2024-03-10 12:00:00', 'America/New_York')), toStartOfHour(toDateTime('2024-03-10 03:30:00', 'America/New_York'));
SELECT toDate(toDateTime('2024-01-01 23:30:00', 'UTC'), 'Asia/Tokyo'), toYYYYMMDD(toDateTime('2024-01-01 23:30:00', 'UTC'), 'Asia/Tokyo');
