-- Aggregates with more than 16 arguments (the states of GROUP BY, of a
-- single group and of combinators). basalt takes up to 64 arguments per
-- aggregate call; ClickHouse has no limit.
SELECT number % 2 AS k, uniqExact(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40, number) FROM numbers(10) GROUP BY k ORDER BY k;
SELECT uniqExact(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40, number) FROM numbers(10);
SELECT number % 2 AS k, uniqExactIf(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40, number, number > 2) FROM numbers(10) GROUP BY k ORDER BY k;
SELECT number % 3 AS k, count(), uniqExact(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40, number % 4) FROM numbers(100) GROUP BY k ORDER BY k SETTINGS max_block_size = 7;
