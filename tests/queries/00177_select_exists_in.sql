SELECT EXISTS (SELECT 1), EXISTS (SELECT 1 WHERE 0), NOT EXISTS (SELECT number FROM numbers(0));
SELECT number FROM numbers(5) WHERE number IN (SELECT number * 2 FROM numbers(3)) ORDER BY number;
SELECT number FROM numbers(5) WHERE (number, number % 2) IN (SELECT number, 0 FROM numbers(5)) ORDER BY number;
SELECT count() FROM numbers(100) WHERE number % 10 IN (1, 3, 5);
SELECT 'a' IN (SELECT 'a' UNION ALL SELECT 'b');
SELECT NULL IN (SELECT NULL), 1 IN (SELECT NULL);
