SELECT dt, toDate(dt) FROM (SELECT toDateTime(arrayJoin(['1970-01-01 00:00:00', '1999-12-31 23:59:59', '2000-02-29 12:30:45', '2020-06-15 06:07:08', '2024-02-29 00:00:01', '2024-12-31 23:00:00', '2038-01-19 03:14:07', '2106-02-07 06:28:15'])) AS dt) ORDER BY dt;
SELECT toDate(toDateTime('2024-05-05 05:05:05', 'Asia/Kolkata')), toTypeName(toDate(toDateTime('2024-01-01 00:00:00')));

