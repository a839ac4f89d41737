SELECT [10, 20, 30][1], [10, 20, 30][3], [10, 20, 30][4], [10, 20, 30][0], [10, 20, 30][-1], [10, 20, 30][-4], arrayElement([1, 2], 2);
SELECT ['a', 'b'][3], [[1, 2]][1][2], [NULL, 1][1], toTypeName(['a'][1]), [1, 2, 3][toInt8(-2)];
SELECT arr[n] FROM (SELECT [5, 6, 7] AS arr, arrayJoin([1, 2, 3, 4]) AS n);
