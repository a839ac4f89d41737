SELECT s, toValidUTF8(s) FROM (SELECT arrayJoin(['', 'a', 'Hello World', 'héllo wörld', '  padded  ', 'MiXeD CaSe 123', 'tab\there', '日本語テキスト', 'a,b,,c', 'ClickHouse']) AS s);
SELECT toTypeName(toValidUTF8('x')), toValidUTF8(toNullable('ab')), toValidUTF8(NULL);

