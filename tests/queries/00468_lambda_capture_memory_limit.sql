-- A lambda that captures a large array copies it once per element: with a
-- memory limit the query fails with MEMORY_LIMIT_EXCEEDED before the copy,
-- instead of exhausting the machine (100000 x 100000 x 8 bytes = 80 GB).
SELECT arrayAll(i -> a[i] <= a[i + 1], range(1, length(a))) FROM (SELECT groupArray(number) AS a FROM numbers(100000)) SETTINGS max_memory_usage = 1000000000; -- { serverError MEMORY_LIMIT_EXCEEDED }
SELECT arrayAll(i -> a[i] <= a[i + 1], range(1, length(a))) FROM (SELECT groupArray(number) AS a FROM numbers(100)) SETTINGS max_memory_usage = 1000000000;
SELECT arrayAll((x, y) -> x <= y, arrayPopBack(a), arrayPopFront(a)) FROM (SELECT groupArray(number) AS a FROM numbers(100000));
