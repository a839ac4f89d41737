SELECT replaceAll('hello world', 'o', '0'), replaceOne('hello world', 'o', '0'), replace('aaa', 'a', 'bb'), replaceAll('abc', '', 'x'), replaceAll('', 'a', 'b');
SELECT replaceRegexpAll('hello world', '[aeiou]', '_'), replaceRegexpOne('hello world', 'o', 'O'), replaceRegexpAll('abc', '(b)', '[\\1]'), replaceRegexpOne('2024-01-15', '(\\d+)-(\\d+)-(\\d+)', '\\3/\\2/\\1');
SELECT replaceRegexpAll('aaa', 'a*', 'X'), replaceRegexpAll('abc', '', '-'), replaceRegexpAll('Hello', '^', '> '), REGEXP_REPLACE('abc', 'b', 'B');
SELECT replaceRegexpOne('https://www.example.com/page', '^https?://(?:www\\.)?([^/]+)/.*$', '\\1');
