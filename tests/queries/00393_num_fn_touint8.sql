SELECT x, toUInt8(x) FROM (SELECT arrayJoin([0, 1, -1, 2.5, -2.5, 0.1, 100, 1e10, -1e-5, 3.14159]) AS x);

