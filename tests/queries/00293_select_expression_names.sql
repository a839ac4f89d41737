SELECT 1 + 1, 'a' || 'b', [1, 2][1], (1, 2).1, -number, NOT 1, number IN (1, 2), number BETWEEN 1 AND 2 FROM numbers(1) FORMAT TSVWithNames;
SELECT CASE WHEN 1 THEN 2 END, CAST(1 AS String), 1::UInt8, x -> x FORMAT TSVWithNames; -- { serverError BAD_ARGUMENTS }
SELECT CASE WHEN 1 THEN 2 END, CAST(1 AS String), 1::UInt8, INTERVAL 1 DAY FORMAT TSVWithNames;
SELECT count(*), count(DISTINCT 1), sum(1), avg(2), 1.0, 1e3, -1, 0.5, 'str', NULL, [], () FORMAT TSVWithNames;
