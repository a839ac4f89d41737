SELECT s, substring(s, 2, 3) FROM (SELECT arrayJoin(['', 'a', 'Hello World', '  padded  ', 'MiXeD CaSe 123', 'tab\there', 'a,b,,c', 'ClickHouse']) AS s);

