SELECT CAST((1, 'x') AS Tuple(id UInt8, name String)) AS t, t.id, t.name, t.1, tupleElement(t, 'name'), toTypeName(t);
SELECT tuple(1, 'a') = (1, 'a'), (1, 2, 3).3, ((1, 2), 3).1.2;
SELECT t.1 + t.2 FROM (SELECT arrayJoin([(1, 2), (3, 4)]) AS t);
