SELECT splitByChar(',', 'a,b,,c'), splitByChar(',', ''), splitByChar(',', 'abc'), splitByString(', ', 'a, b, c'), splitByString('', 'abc');
SELECT splitByWhitespace('  a b\tc  '), splitByNonAlpha('a1b2c'), splitByRegexp('\\d+', 'a1b22c'), splitByChar(',', 'a,b,c', 2);
SELECT arrayStringConcat(['a', 'b', 'c']), arrayStringConcat(['a', 'b'], '-'), arrayStringConcat([1, 2, 3], ','), arrayStringConcat([]);
SELECT splitByChar(',', s) AS parts, length(parts) FROM (SELECT arrayJoin(['x,y', 'z']) AS s);
