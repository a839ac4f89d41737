SELECT sumDistinct(number % 3), avgDistinct(number % 4), arraySort(groupArrayDistinct(number % 2)) FROM numbers(10);
SELECT sum(DISTINCT number % 3), avg(DISTINCT number % 4) FROM numbers(10);
SELECT sumArray(a), countArray(a), maxArray(a), groupArrayArray(a), uniqArray(a) FROM (SELECT arrayJoin([[1, 2], [3], []]) AS a);
SELECT sumIfArray(a, c) FROM (SELECT [1, 2, 3] AS a, [1, 0, 1] AS c) FORMAT Null;
