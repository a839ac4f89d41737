SELECT argMin(s, v), argMax(s, v) FROM (SELECT arrayJoin([('a', 3), ('b', 1), ('c', 5), ('d', 1)]) AS t, t.1 AS s, t.2 AS v);
SELECT argMax(number, number % 3), argMin(number, -number) FROM numbers(10);
SELECT argMin((s, v), v) FROM (SELECT arrayJoin([('a', 3), ('b', 1)]) AS t, t.1 AS s, t.2 AS v);
SELECT argMax(x, y) FROM (SELECT 1 AS x, 2 AS y WHERE 0);
