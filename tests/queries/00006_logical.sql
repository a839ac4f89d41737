SELECT 1 AND 1, 1 AND 0, 0 OR 1, 0 OR 0, NOT 0, NOT 5, 2 AND 3, xor(1, 0), xor(1, 1);
SELECT NULL AND 0, NULL AND 1, NULL OR 1, NULL OR 0, NOT NULL;
SELECT toTypeName(NULL AND 1), toTypeName(1 AND 1), toTypeName(toNullable(1) AND 1);
SELECT number, number > 2 AND number < 5, number < 2 OR number > 7 FROM numbers(10);
