SELECT (1, 2) = (1, 2), (1, 2) < (1, 3), (2, 1) > (1, 9), (1, 'a') < (1, 'b');
SELECT t FROM (SELECT arrayJoin([(2, 'b'), (1, 'z'), (1, 'a'), (3, '')]) AS t) ORDER BY t;
SELECT t.1 AS a, count() FROM (SELECT arrayJoin([(1, 'x'), (1, 'y'), (2, 'z')]) AS t) GROUP BY a ORDER BY a;
