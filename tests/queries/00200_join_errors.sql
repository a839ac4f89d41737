SELECT * FROM numbers(2) AS a JOIN numbers(2) AS b ON a.number = c.number; -- { serverError UNKNOWN_IDENTIFIER }
SELECT number FROM numbers(2) AS a JOIN numbers(2) AS b ON a.number = b.number ORDER BY number;
SELECT 1;
