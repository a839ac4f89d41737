SELECT 'abc' = 'abc', 'abc' < 'abd', 'b' > 'abc';
SELECT min(s), max(s) FROM (SELECT arrayJoin(['pear', 'apple', 'Zebra', 'zoo']) AS s);
SELECT s FROM (SELECT arrayJoin(['b', 'A', 'a', 'B', '', '10', '9']) AS s) ORDER BY s;
