SELECT 1 + 2 = 3, 1 < 2 = 1, NOT 1 = 2, - 2 * 3, 2 * 3 + 1, 1 OR 0 AND 0, (1 OR 0) AND 0, NOT NULL IS NULL;
SELECT 5 - 3 - 1, 2 * 3 % 4, 100 / 10 / 2, 'a' || 'b' = 'ab', 1 IN (1) = 1;
SELECT 1 BETWEEN 0 AND 2 AND 1, -1 + 2, -(1 + 2), 2 - -1;
