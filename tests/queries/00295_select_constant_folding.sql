SELECT 1 + 2 * 3, (1 + 2) * 3, 10 / 4, 10 DIV 4, 10 MOD 4, -(-1), 2 * -3;
SELECT 'abc' = 'abc' AND 1 < 2 OR 0, NOT (1 = 2), 1 = 1 = 1;
SELECT toTypeName(1 + 2 * 3), toTypeName(10 / 4), toTypeName(-1), toTypeName(1 - 2);
