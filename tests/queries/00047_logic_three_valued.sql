SELECT x, y, x AND y, x OR y, xor(x, y), NOT x FROM (SELECT arrayJoin([0, 1, NULL]) AS x) AS a CROSS JOIN (SELECT arrayJoin([0, 1, NULL]) AS y) AS b ORDER BY x, y;
