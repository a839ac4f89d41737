SELECT 1 IN (1, 2), 3 IN (1, 2), 1 NOT IN (1, 2), 'a' IN ('a', 'b'), NULL IN (1, 2), 1 IN (NULL, 1), (1, 'a') IN ((1, 'a'), (2, 'b'));
SELECT number FROM numbers(10) WHERE number IN (2, 4, 6) ORDER BY number;
SELECT number FROM numbers(10) WHERE number NOT IN (SELECT number FROM numbers(8)) ORDER BY number;
SELECT number IN (SELECT 1 UNION ALL SELECT 2) FROM numbers(3);
SELECT 1 IN [1, 2], 5 IN [1, 2], toDate('2024-01-01') IN ('2024-01-01', '2024-01-02'), 1.0 IN (1, 2);
SELECT in(1, (1, 2)), notIn(1, (1, 2)), globalIn(1, (1)), 1 GLOBAL IN (1);
