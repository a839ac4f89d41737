SELECT d, toDayOfYear(d) FROM (SELECT toDate(arrayJoin(['1970-01-01', '1999-12-31', '2000-02-29', '2020-06-15', '2023-01-01', '2024-02-29', '2024-12-31', '2100-03-01', '2149-06-06'])) AS d) ORDER BY d;
SELECT toDayOfYear(toDate32('1950-06-15')), toTypeName(toDayOfYear(toDate('2024-01-01')));

