SELECT groupArray(toString(number)), groupArray(toDate('2024-01-01') + number), groupArray((number, 'x')) FROM numbers(3);
SELECT groupArray(2)(x) FROM (SELECT arrayJoin(['a', 'b', 'c']) AS x);
SELECT groupArray([number]) FROM numbers(3);
SELECT length(groupArray(number)) FROM numbers(10000);
