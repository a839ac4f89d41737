SELECT arrayJoin([1, 2, 3]) AS x, x * 10;
SELECT number, arrayJoin(range(number)) FROM numbers(4);
SELECT arrayJoin([1, 2]) AS a, arrayJoin(['x', 'y']) AS b ORDER BY a, b;
SELECT sum(arrayJoin([1, 2, 3])), count() FROM numbers(2);
