SELECT 1;
SELECT 1, 2, 3;
SELECT 'a' AS x, x || 'b';
SELECT * FROM (SELECT 1);
SELECT count();
SELECT sum(1), min(2), max(3);
