SELECT format('{} {}', 'a', 'b'), format('{1} {0}', 'a', 'b'), format('{}', NULL), format('{} is {}', 'x', 1.5);
