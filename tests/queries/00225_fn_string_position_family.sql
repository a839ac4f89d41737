SELECT position('abcabc', 'c', 4), positionCaseInsensitive('ABC', 'b'), positionUTF8('привет', 'в'), countSubstrings('aaaa', 'aa'), countSubstrings('abc', '');
SELECT startsWith('', 'a'), endsWith('abc', 'abc'), startsWith(toFixedString('ab', 3), 'ab');
SELECT match('abc', 'B'), match('ABC', '(?i)b'), multiSearchAny('hello', ['x', 'll']), multiSearchFirstIndex('hello', ['x', 'll', 'h']);
