-- The functions ClickBench uses, on edge inputs: empty strings, NULLs,
-- extreme integers, an invalid regular expression (a clean error), OFFSET
-- past the end, aggregates of nothing.
SELECT DATE_TRUNC('minute', toDateTime('2013-07-15 10:59:59')), DATE_TRUNC('hour', toDateTime('2013-07-15 10:59:59')), DATE_TRUNC('day', toDateTime('1970-01-01 00:00:00'));
SELECT extract(minute FROM toDateTime('2013-07-15 10:07:59')), extract(MINUTE FROM toDateTime('2013-07-15 00:00:00')), toStartOfMinute(toDateTime('2013-07-15 10:59:59'));
SELECT REGEXP_REPLACE('', '^https?://(?:www\\.)?([^/]+)/.*$', '\\1'), REGEXP_REPLACE('http://www.x.ru/a', '^https?://(?:www\\.)?([^/]+)/.*$', '\\1'), REGEXP_REPLACE('no match', '^https?://(?:www\\.)?([^/]+)/.*$', '\\1');
SELECT replaceRegexpAll(materialize('aaa'), 'a*', 'b'), replaceRegexpAll(materialize(''), '', 'x'), replaceRegexpOne('abc', 'b', '');
SELECT REGEXP_REPLACE('x', '(', 'y'); -- { serverError BAD_ARGUMENTS }
SELECT replaceRegexpAll(materialize('x'), '[', 'y'); -- { serverError BAD_ARGUMENTS }
SELECT match(materialize('x'), '('); -- { serverError CANNOT_COMPILE_REGEXP }
SELECT extract('x', 'a**'); -- { serverError CANNOT_COMPILE_REGEXP }
SELECT '' LIKE '%google%', 'google' LIKE '%google%', NULL LIKE '%google%', 'x.google.y' NOT LIKE '%.google.%', '' LIKE '%%', '' LIKE '';
SELECT length(''), length(materialize('')), length(NULL), length('дом'), empty(''), notEmpty('');
SELECT count(DISTINCT x), uniqExact(x), count(x), count() FROM (SELECT arrayJoin([NULL, 'a', '', 'a', NULL]) AS x);
SELECT count(DISTINCT x) FROM (SELECT toUInt64(number % 3) AS x FROM numbers(10) WHERE number > 100);
SELECT min(x), max(x), sum(x), avg(x) FROM (SELECT arrayJoin([-128, 127, 0]) :: Int8 AS x);
SELECT min(x), max(x), sum(x), avg(x) FROM (SELECT arrayJoin([toInt64(-9223372036854775808), toInt64(9223372036854775807), toInt64(-1)]) AS x);
SELECT min(x), max(x), sum(x), avg(x) FROM (SELECT arrayJoin([0, 18446744073709551615]) :: UInt64 AS x);
SELECT min(x), max(x), sum(x), avg(x) FROM (SELECT arrayJoin([1, 65535]) :: UInt16 AS x);
SELECT min(x), max(x), sum(x), avg(x), count() FROM (SELECT toInt32(number) AS x FROM numbers(10) WHERE number > 100);
SELECT min(s), max(s), min(d), max(d) FROM (SELECT arrayJoin(['', 'b', 'a']) AS s, toDate('2013-07-01') + length(s) AS d);
SELECT number FROM numbers(5) ORDER BY number LIMIT 10 OFFSET 3;
SELECT number FROM numbers(5) ORDER BY number LIMIT 10 OFFSET 30;
SELECT sum(number + 1), sum(number + 2), sum(toUInt8(number) + 3) FROM numbers(100);
