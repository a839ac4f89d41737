SELECT dateDiff('day', toDate('2024-01-01'), toDate('2024-03-01')), dateDiff('month', toDate('2024-01-31'), toDate('2024-02-01')), dateDiff('year', toDate('2020-12-31'), toDate('2021-01-01')), dateDiff('week', toDate('2024-01-01'), toDate('2024-01-15'));
SELECT dateDiff('hour', toDateTime('2024-01-01 00:00:00'), toDateTime('2024-01-02 01:30:00')), dateDiff('minute', toDateTime('2024-01-01 00:00:00'), toDateTime('2024-01-01 00:59:59')), dateDiff('second', toDateTime('2024-01-01 00:00:00'), toDateTime('2024-01-01 00:01:00'));
SELECT date_diff('day', toDate('2024-03-01'), toDate('2024-01-01')), DATEDIFF('quarter', toDate('2024-01-01'), toDate('2024-12-31')), timestampDiff('day', toDate('2024-01-01'), toDate('2024-01-02')), age('month', toDate('2024-01-31'), toDate('2024-02-29'));
SELECT toTypeName(dateDiff('day', toDate('2024-01-01'), toDate('2024-03-01')));
SELECT dateDiff('fortnight', toDate('2024-01-01'), toDate('2024-03-01')); -- { serverError BAD_ARGUMENTS }
