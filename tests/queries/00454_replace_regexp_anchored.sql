-- replaceRegexpAll with a pattern that can only match at the start (^, \A):
-- one attempt per string; empty matches, no match, and multi-line text.
SELECT replaceRegexpAll('aaa', '^a', 'b'), replaceRegexpAll('abc', '^', 'X'), replaceRegexpAll('a.b', '\\A.', '_');
SELECT replaceRegexpAll('xyz', '^$', 'E'), replaceRegexpAll('', '^', 'E'), replaceRegexpAll('', '^$', 'E');
SELECT replaceRegexpAll('line1\nline2', '^l', 'L'), replaceRegexpAll('line1\nline2', '(?m)^l', 'L');
SELECT replaceRegexpAll(s, '^https?://(?:www\\.)?([^/]+)/.*$', '\\1') FROM (SELECT arrayJoin(['https://www.example.com/a/b', 'http://x.org/', 'ftp://no/', 'http://y.net', '']) AS s);
SELECT replaceRegexpOne('aaa', '^a', 'b'), replaceRegexpAll('ab^ab', 'b|^a', '-');
