SELECT number AS n, toString(number) AS s, [number] AS a FROM numbers(3) FORMAT TSV;
SELECT 'a\tb' AS x, 'c\\d' AS y, 'e\nf' AS z FORMAT TabSeparated;
SELECT 'a\tb' AS x, 'c\\d' AS y FORMAT TSVRaw;
SELECT number AS n, 'x' AS s FROM numbers(2) FORMAT TSVWithNames;
SELECT number AS n, 'x' AS s, NULL AS z FROM numbers(2) FORMAT TSVWithNamesAndTypes;
SELECT 1 AS `weird name`, 2 AS `tab	col` FORMAT TabSeparatedWithNames;
