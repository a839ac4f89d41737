SELECT s, lengthUTF8(s) FROM (SELECT arrayJoin(['', 'a', 'Hello World', 'héllo wörld', '  padded  ', 'MiXeD CaSe 123', 'tab\there', '日本語テキスト', 'a,b,,c', 'ClickHouse']) AS s);
SELECT toTypeName(lengthUTF8('x')), lengthUTF8(toNullable('ab')), lengthUTF8(NULL);

