SELECT s, reverseUTF8(s) FROM (SELECT arrayJoin(['', 'a', 'Hello World', 'héllo wörld', '  padded  ', 'MiXeD CaSe 123', 'tab\there', '日本語テキスト', 'a,b,,c', 'ClickHouse']) AS s);
SELECT toTypeName(reverseUTF8('x')), reverseUTF8(toNullable('ab')), reverseUTF8(NULL);

