SELECT * FROM system.one;
SELECT dummy FROM system.one;
SELECT number FROM system.numbers LIMIT 3;
SELECT number FROM system.numbers WHERE number > 10 LIMIT 2;
SELECT * FROM numbers(2, 3);
SELECT * FROM numbers_mt(3);
SELECT count() FROM zeros(10);
SELECT zero FROM zeros(2);
SELECT * FROM numbers(3) AS n WHERE n.number > 0;
