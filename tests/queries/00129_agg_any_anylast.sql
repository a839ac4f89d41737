SELECT any(number), anyLast(number), any(toString(number)) FROM numbers(5);
SELECT any(x), anyLast(x), anyHeavy(x) FROM (SELECT arrayJoin([NULL, 2, 3, NULL]) AS x);
SELECT k, any(v) FROM (SELECT number % 2 AS k, number AS v FROM numbers(6)) GROUP BY k ORDER BY k;
SELECT any(number) FROM numbers(0);
