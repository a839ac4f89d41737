SELECT toDate(toDateTime('2024-05-17 23:59:59')), toDateTime(toDate('2024-05-17')), toDate32(toDate('2024-05-17')), toDateTime64(toDateTime('2024-05-17 01:02:03'), 3), toDate(19860), toDateTime(0);
SELECT CAST('2024-05-17' AS Date), CAST('2024-05-17 01:02:03' AS DateTime), CAST(toDate('2024-05-17') AS String), CAST(toDateTime('2024-05-17 01:02:03') AS UInt32), CAST(1715900000 AS DateTime);
SELECT toDate('20240517'), toDateTime('2024-05-17T01:02:03'), toDateTime('2024-05-17 01:02'), toDate('2024/05/17');
SELECT toDate('not a date'); -- { serverError CANNOT_PARSE_DATE }
SELECT toDateTime('2024-05-17 xx'); -- { serverError CANNOT_PARSE_DATETIME }
