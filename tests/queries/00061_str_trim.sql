SELECT trim('  a b  '), ltrim('  a '), rtrim(' a  '), trimLeft('xxaxx', 'x'), trimRight('xxaxx', 'x'), trimBoth('xxaxx', 'x');
SELECT trim(BOTH 'x' FROM 'xxhixx'), trim(LEADING 'x' FROM 'xxhixx'), trim(TRAILING 'x' FROM 'xxhixx'), trim(BOTH 'ab' FROM 'abcba');
SELECT concat('[', trim(s), ']') FROM (SELECT arrayJoin(['', ' ', '\t x \n', 'y']) AS s);
