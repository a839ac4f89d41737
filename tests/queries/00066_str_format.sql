SELECT format('{} + {} = {}', 1, 2, 3), format('{0} {1} {0}', 'a', 'b'), format('{{}} {}', 'x');
SELECT format('{}-{}', toDate('2024-01-01'), 1.5);
