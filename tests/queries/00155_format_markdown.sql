SELECT number AS n, toString(number) AS s FROM numbers(3) FORMAT Markdown;
SELECT 'a|b' AS x FORMAT Markdown;
