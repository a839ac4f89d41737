SELECT groupArray(number), groupArray(3)(number), arraySort(groupUniqArray(number % 3)) FROM numbers(7);
SELECT groupArray(x) FROM (SELECT arrayJoin([1, NULL, 3]) AS x);
SELECT k, groupArray(v) FROM (SELECT number % 3 AS k, number AS v FROM numbers(9)) GROUP BY k ORDER BY k;
SELECT groupArray(number) FROM numbers(0);
SELECT arraySort(groupUniqArray(s)) FROM (SELECT arrayJoin(['b', 'a', 'b', 'c']) AS s);
