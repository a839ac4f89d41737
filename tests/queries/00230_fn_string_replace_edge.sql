SELECT replaceAll('aaa', 'aa', 'b'), replaceOne('aaa', 'a', ''), replaceAll('abc', 'abc', ''), replaceAll('x', 'x', 'xx'), replace('hello', 'l', 'L');
SELECT replaceRegexpAll('a.b.c', '\\.', '-'), replaceRegexpAll('abc', '(a)(b)(c)', '\\3\\2\\1'), replaceRegexpOne('aaa', 'a', 'b'), replaceRegexpAll('a1b2', '[0-9]', '');
