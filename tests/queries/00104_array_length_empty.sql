SELECT length([1, 2, 3]), length([]), empty([]), notEmpty([]), empty([1]), notEmpty([[]]), arr, length(arr) FROM (SELECT arrayJoin([[1], [], [1, 2, 3]]) AS arr);
SELECT size0 FROM (SELECT [1,2] AS a, length(a) AS size0);
