SELECT extract('2024-01-15', '(\\d+)-(\\d+)'), extract('no digits', '\\d+'), extractAll('a1b22', '[0-9]+'), extractAll('aa', 'a');
SELECT match('foo123', '^[a-z]+\\d+$'), match('', '^$'), match('a\nb', '^b'), match('x', '');
SELECT countMatches('aaa', 'a'), countMatches('abcabc', 'bc'), countMatches('abc', 'x');
