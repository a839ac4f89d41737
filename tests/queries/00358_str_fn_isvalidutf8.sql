SELECT s, isValidUTF8(s) FROM (SELECT arrayJoin(['', 'a', 'Hello World', 'héllo wörld', '  padded  ', 'MiXeD CaSe 123', 'tab\there', '日本語テキスト', 'a,b,,c', 'ClickHouse']) AS s);
SELECT toTypeName(isValidUTF8('x')), isValidUTF8(toNullable('ab')), isValidUTF8(NULL);

