SELECT count(), count(x), sum(x), avg(x), min(x), max(x), any(x), groupArray(x), uniqExact(x) FROM (SELECT arrayJoin([NULL, 2, NULL, 5, 2]) AS x);
SELECT count(), sum(x), avg(x), min(x), groupArray(x) FROM (SELECT arrayJoin([NULL, NULL]) AS x);
SELECT toTypeName(sum(x)), toTypeName(avg(x)), toTypeName(count(x)) FROM (SELECT toNullable(1) AS x);
