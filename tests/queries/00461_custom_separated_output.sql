-- CustomSeparated output under each escaping rule and the format_custom_* delimiters
-- (the input side is checked over HTTP in tests/http/http.sh: its rows span lines)
SELECT number AS id, concat('n\t', toString(number)) AS name, [number, 2] AS sku, if(number = 1, NULL, number) AS n FROM numbers(2) FORMAT CustomSeparated;
SET format_custom_escaping_rule = 'CSV', format_custom_field_delimiter = '^';
SELECT number AS id, concat('n"', toString(number)) AS name, [number, 2] AS sku FROM numbers(2) FORMAT CustomSeparated;
SELECT number AS id, toString(number) AS name FROM numbers(2) FORMAT CustomSeparatedWithNamesAndTypes;
SET format_custom_escaping_rule = 'Quoted', format_custom_field_delimiter = ', ', format_custom_row_before_delimiter = '(', format_custom_row_after_delimiter = ')\n', format_custom_result_before_delimiter = 'BEGIN\n', format_custom_result_after_delimiter = 'END\n';
SELECT number AS id, toString(number) AS name, [number] AS sku FROM numbers(2) FORMAT CustomSeparated;
SET format_custom_escaping_rule = 'JSON', format_custom_row_between_delimiter = ';\n';
SELECT number AS id, toString(number) AS name, [number] AS sku FROM numbers(3) FORMAT CustomSeparatedWithNames;
SELECT 1 WHERE 0 FORMAT CustomSeparated;
