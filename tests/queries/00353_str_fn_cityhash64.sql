SELECT s, cityHash64(s) FROM (SELECT arrayJoin(['', 'a', 'Hello World', 'héllo wörld', '  padded  ', 'MiXeD CaSe 123', 'tab\there', '日本語テキスト', 'a,b,,c', 'ClickHouse']) AS s);
SELECT toTypeName(cityHash64('x')), cityHash64(toNullable('ab')), cityHash64(NULL);

