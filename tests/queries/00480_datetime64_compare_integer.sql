-- DateTime64 compared with an integer: the integer is seconds
SELECT toDateTime64('1970-01-01 00:00:01', 3) > 0, toDateTime64('1970-01-01 00:00:01', 3) = 1, toDateTime64('1970-01-01 00:00:01.5', 3) > 1, toDateTime('2020-01-01 00:00:00') > 0, toDateTime64('2020-01-01 00:00:00', 3) < toDateTime('2020-01-01 00:00:01');
SELECT toDateTime64('1970-01-01 00:00:02', 3) < 1000;
SELECT toDateTime64('1970-01-01 00:00:02', 3) IN (2);
