SELECT toISOWeek(d), toISOYear(d), toWeek(d), toWeek(d, 1), toWeek(d, 3), toYearWeek(d), toYearWeek(d, 1) FROM (SELECT toDate('2021-01-03') AS d);
SELECT d, toISOWeek(d), toWeek(d, 0), toWeek(d, 2), toWeek(d, 7) FROM (SELECT toDate('2024-12-28') + number AS d FROM numbers(8));
