SELECT s, reverse(s) FROM (SELECT arrayJoin(['', 'a', 'Hello World', '  padded  ', 'MiXeD CaSe 123', 'tab\there', 'a,b,,c', 'ClickHouse']) AS s);
SELECT toTypeName(reverse('x')), reverse(toNullable('ab')), reverse(NULL);

