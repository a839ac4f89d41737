SELECT 2 AND 3, 0 OR 0.5, NOT 0, NOT 5, 1 AND 2 AND 0, toTypeName(2 AND 3);
SELECT and(1, 1, 1), or(0, 0, 1), xor(1, 1, 1), xor(1, 0);
SELECT number, number > 2 AND number < 5, number = 1 OR number = 7 FROM numbers(8);
SELECT 'a' AND 1; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
