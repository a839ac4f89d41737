SELECT substringUTF8('héllo wörld', 2, 4), substringUTF8('日本語テキスト', 3), leftUTF8('日本語', 2), rightUTF8('日本語', 2), lengthUTF8('日本語');
SELECT substring('abc', 1, 100), substring('abc', -100, 2), substring('', 1, 1), substring('abcdef', 3, 2);
