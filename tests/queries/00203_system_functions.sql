SELECT name, is_aggregate FROM system.functions WHERE name IN ('sum', 'plus', 'cityHash64', 'count', 'uniqExact', 'toDate') ORDER BY name;
SELECT count() > 300 FROM system.functions;
SELECT case_insensitive FROM system.functions WHERE name = 'lower';
SELECT alias_to FROM system.functions WHERE name = 'lcase';
