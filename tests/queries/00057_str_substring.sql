SELECT substring('Hello World', 1, 5), substring('Hello World', 7), substring('Hello', 0), substring('Hello', -3), substring('Hello', -3, 2), substring('Hello', 10);
SELECT substr('abcdef', 2, 3), mid('abcdef', 2, 3), SUBSTRING('abcdef' FROM 2 FOR 3), SUBSTRING('abcdef' FROM 3), substring('abc', 2, 0), substring('abc', 2, -1);
SELECT substringUTF8('héllo', 2, 3), left('abcdef', 3), right('abcdef', 2), leftUTF8('héllo', 2), rightUTF8('héllo', 2), left('abc', -1), right('abc', -1);
