SELECT toUnixTimestamp(toDateTime('2024-01-01 00:00:00')), toUnixTimestamp('2024-01-01 00:00:00'), toUnixTimestamp(toDate('2024-01-01')), toUnixTimestamp('2024-01-01 00:00:00', 'Asia/Tokyo');
SELECT fromUnixTimestamp(1704067200), FROM_UNIXTIME(1704067200, '%Y/%m/%d'), toDateTime(1704067200), toTypeName(fromUnixTimestamp(1704067200));
SELECT fromUnixTimestamp64Milli(1704067200123), toUnixTimestamp64Milli(toDateTime64('2024-01-01 00:00:00.123', 3)), toUnixTimestamp64Micro(toDateTime64('2024-01-01 00:00:00.123', 3)), toUnixTimestamp64Second(toDateTime64('2024-01-01 00:00:01.999', 3));
