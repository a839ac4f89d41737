-- JSONEachRowWithProgress and its variants: the meta line (a query reading rows adds a progress line with its elapsed time, checked over HTTP)
SELECT 1 AS x, 'a' AS s WHERE 0 FORMAT JSONEachRowWithProgress;
SELECT name FROM system.formats WHERE name LIKE 'JSON%WithProgress' ORDER BY name;
