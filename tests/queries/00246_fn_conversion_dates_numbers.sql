SELECT toDate(0), toDate(65535), toDate(-1), toDateTime(-1), toDateTime(4294967295), toDate32(100000), toDateTime64(-1.5, 1);
SELECT toUInt32(toDateTime('2024-01-01 00:00:00')), toInt32(toDate('1969-12-31')), toFloat64(toDateTime64('1970-01-01 00:00:01.5', 1));
SELECT CAST(toDate('2024-01-01') AS DateTime), CAST(toDateTime('2024-01-01 13:00:00') AS Date), CAST('2024-01-01' AS DateTime64(2));
