SELECT d FROM (SELECT arrayJoin([toDate('2024-03-01'), toDate('2023-01-01'), toDate('2024-01-15')]) AS d) ORDER BY d;
SELECT t FROM (SELECT arrayJoin([(2, 'a'), (1, 'b'), (1, 'a')]) AS t) ORDER BY t DESC;
SELECT a FROM (SELECT arrayJoin([[2], [1, 5], [1], []]) AS a) ORDER BY a;
SELECT s FROM (SELECT arrayJoin(['b', 'B', 'a', 'A']) AS s) ORDER BY lower(s), s;
