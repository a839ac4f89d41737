SELECT map('a', 1)['b'], map(1, 'x')[2], mapKeys(map()), length(map('a', 1, 'b', 2)), toTypeName(map('a', [1]));
SELECT m['x'] FROM (SELECT map('x', number) AS m FROM numbers(3));
SELECT mapContains(map('a', NULL), 'a'), map('a', NULL)['a'], toTypeName(map('a', NULL));
