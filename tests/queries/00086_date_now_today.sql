SELECT now() > toDateTime('2020-01-01 00:00:00'), today() > toDate('2020-01-01'), yesterday() = today() - 1, toTypeName(now()), toTypeName(today()), toTypeName(now64()), toTypeName(now64(6));
SELECT dateDiff('second', now(), now()) <= 1, now() = now(), toDate(now()) = today();
