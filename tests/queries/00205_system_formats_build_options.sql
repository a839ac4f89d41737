SELECT name, is_input, is_output FROM system.formats WHERE name IN ('TSV', 'CSV', 'JSONEachRow', 'Pretty', 'Values', 'Null', 'JSONCompactEachRow') ORDER BY name;
SELECT count() > 0 FROM system.build_options;
SELECT name FROM system.build_options WHERE name = 'VERSION_FULL';
