SELECT 1;
SELECT 1, 2, 3;
SELECT 'hello', 'it''s', 'tab\there', 'nl\nx', 'back\\slash';
SELECT number FROM numbers(5);
SELECT number, number * 2 AS x FROM numbers(5) WHERE x > 2;
SELECT number FROM numbers(10) WHERE number % 3 = 0 ORDER BY number DESC;
SELECT number FROM numbers(3, 4);
