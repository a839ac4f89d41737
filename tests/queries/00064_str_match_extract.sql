SELECT match('hello', '^h'), match('hello', 'z'), match('Hello', '(?i)hello'), 'abc' REGEXP 'b', match('', ''), match('a\nb', 'a.b');
SELECT extract('abc123def', '\\d+'), extract('abc', '\\d+'), extract('key=value', 'key=(\\w+)'), extractAll('a1b22c333', '\\d+'), extractAll('abc', '\\d');
SELECT s, match(s, '^[a-z]+$'), extract(s, '[0-9]+') FROM (SELECT arrayJoin(['abc', 'ab1', '12', '']) AS s);
SELECT extractAllGroupsVertical('a=1, b=2', '(\\w)=(\\d)'), extractGroups('k1=v1', '(\\w+)=(\\w+)');
