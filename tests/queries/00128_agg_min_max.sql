SELECT min(number), max(number), min(toString(number)), max(toString(number)), min(toDate('2024-01-01') + number), max(-number) FROM numbers(12);
SELECT min(x), max(x) FROM (SELECT arrayJoin([nan, 1., -1.]) AS x);
SELECT min(x), max(x), toTypeName(min(x)) FROM (SELECT arrayJoin([[1, 2], [1], [3]]) AS x);
SELECT min(number), max(number) FROM numbers(0);
SELECT min(t), max(t) FROM (SELECT arrayJoin([(1, 'b'), (1, 'a'), (0, 'z')]) AS t);
