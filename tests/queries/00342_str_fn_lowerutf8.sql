SELECT s, lowerUTF8(s) FROM (SELECT arrayJoin(['', 'a', 'Hello World', 'héllo wörld', '  padded  ', 'MiXeD CaSe 123', 'tab\there', '日本語テキスト', 'a,b,,c', 'ClickHouse']) AS s);
SELECT toTypeName(lowerUTF8('x')), lowerUTF8(toNullable('ab')), lowerUTF8(NULL);

