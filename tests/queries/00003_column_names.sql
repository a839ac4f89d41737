SELECT number * 2, 1 + 1, 'a', 1.5, NULL, [1, 2], (1, 'a'), -1, 1.0, x IN (1, 2), number AND 1, not 1 FROM (SELECT number, number AS x FROM numbers(1)) FORMAT TSVWithNames;
SELECT 2 + 3 * 4 AS a, 1 OR 0 OR 1, 1 AND 0 AND 1, 'a' || 'b' || 'c', NOT 1 = 2, 1 BETWEEN 0 AND 2 FORMAT TSVWithNames;
SELECT CASE WHEN 1 THEN 'a' ELSE 'b' END, CASE 1 WHEN 1 THEN 'x' END, if(1, 2, 3), 1 ? 2 : 3 FORMAT TSVWithNames;
SELECT 1 IS NULL, NULL IS NOT NULL, 1 < 2, 1 <> 2, 'a' LIKE 'a', 'a' NOT LIKE 'b', 7 DIV 2, 7 MOD 2, -(1), - 1 FORMAT TSVWithNames;
SELECT 1::String, [1,2]::Array(UInt8), CAST(1 AS String), CAST(1, 'String') FORMAT TSVWithNames;
