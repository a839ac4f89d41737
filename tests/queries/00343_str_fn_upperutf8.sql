SELECT s, upperUTF8(s) FROM (SELECT arrayJoin(['', 'a', 'Hello World', 'héllo wörld', '  padded  ', 'MiXeD CaSe 123', 'tab\there', '日本語テキスト', 'a,b,,c', 'ClickHouse']) AS s);
SELECT toTypeName(upperUTF8('x')), upperUTF8(toNullable('ab')), upperUTF8(NULL);

