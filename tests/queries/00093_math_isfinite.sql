SELECT isFinite(1.), isFinite(inf), isInfinite(-inf), isInfinite(1.), isNaN(nan), isNaN(1.), ifNotFinite(1 / 0, 42), ifNotFinite(2., 42);
SELECT x, isNaN(x), isFinite(x) FROM (SELECT arrayJoin([1., 0 / 0, 1 / 0, -1 / 0]) AS x);
