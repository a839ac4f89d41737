SELECT s, murmurHash3_32(s) FROM (SELECT arrayJoin(['', 'a', 'Hello World', 'héllo wörld', '  padded  ', 'MiXeD CaSe 123', 'tab\there', '日本語テキスト', 'a,b,,c', 'ClickHouse']) AS s);
SELECT toTypeName(murmurHash3_32('x')), murmurHash3_32(toNullable('ab')), murmurHash3_32(NULL);

