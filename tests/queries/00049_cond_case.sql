SELECT number, CASE WHEN number = 0 THEN 'zero' WHEN number = 1 THEN 'one' ELSE 'many' END FROM numbers(3);
SELECT number, CASE number WHEN 0 THEN 'zero' WHEN 1 THEN 'one' END FROM numbers(3);
SELECT CASE WHEN NULL THEN 1 ELSE 2 END, CASE 1 WHEN 2 THEN 'x' ELSE 'y' END, CASE WHEN 1 THEN NULL END;
SELECT toTypeName(CASE WHEN number = 0 THEN 1 ELSE 2.5 END) FROM numbers(1);
