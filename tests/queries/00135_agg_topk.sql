SELECT topK(3)(x) FROM (SELECT arrayJoin([1, 1, 1, 2, 2, 3, 4, 4, 4, 4]) AS x);
SELECT topK(x) FROM (SELECT arrayJoin(['a', 'b', 'a']) AS x);
SELECT topK(2)(number % 5) FROM numbers(0);
