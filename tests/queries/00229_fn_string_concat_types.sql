SELECT concat(1, 2), concat(1.5, 'x'), concat(NULL, NULL), concat('a', NULL, 'b'), concat(toDate('2024-01-01'), ' ', toDateTime('2024-01-01 10:00:00'));
SELECT concat([1, 2], 'x'), concat((1, 'a'), '!'), concat(true, 'x'), concat(toDecimal32(1.5, 2), '');
