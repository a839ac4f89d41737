SELECT toDate('2024-02-29') + INTERVAL 1 YEAR, toDate('2024-03-31') - INTERVAL 1 MONTH, toDate('2024-01-31') + INTERVAL 1 QUARTER;
SELECT addMonths(toDateTime('2024-01-31 12:00:00'), 1), subtractMonths(toDate('2024-05-31'), 3), addYears(toDate('2024-02-29'), 4);
SELECT toDate('1970-01-01') - 1, toDate('2149-06-06') + 1, toDateTime('1970-01-01 00:00:00') - 1;
