SET max_memory_usage = 10000000;
SELECT count() FROM (SELECT groupArray(toString(number)) FROM numbers(5000000)); -- { serverError MEMORY_LIMIT_EXCEEDED }
SELECT uniqExact(number) FROM numbers(2000000); -- { serverError MEMORY_LIMIT_EXCEEDED }
SET max_memory_usage = 0;
SELECT count() FROM numbers(1000);
