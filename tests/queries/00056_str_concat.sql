SELECT concat('a', 'b', 'c'), concat('a', 1, 2.5), concat('x', NULL), concat(), 'a' || 'b' || 'c', toTypeName(concat('a', 'b'));
SELECT concatWithSeparator('-', 'a', 'b', 'c'), concat_ws(', ', 'x', 'y'), concatWithSeparator('-', 'a');
SELECT concat(toString(number), '_', 'x') FROM numbers(3);
SELECT concat('a', [1, 2]), concat('d:', toDate('2024-01-01'));
