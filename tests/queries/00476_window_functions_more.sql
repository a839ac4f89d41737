-- window functions: column names, GROUP BY + HAVING underneath, named windows extending others, RANGE offsets, NULL order, parametric aggregates, block sizes and threads, errors
SELECT number, row_number() OVER (ORDER BY number DESC) FROM numbers(3) FORMAT TSVWithNames;
SELECT number, sum(number) OVER (PARTITION BY number % 2 ORDER BY number ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM numbers(4) ORDER BY number FORMAT TSVWithNames;
SELECT number % 3 AS k, count() AS c, sum(count()) OVER (ORDER BY k) AS running FROM numbers(10) GROUP BY k HAVING c > 2 ORDER BY k;
SELECT number, avg(number) OVER w2 AS a FROM numbers(6) WINDOW w1 AS (PARTITION BY number % 2), w2 AS (w1 ORDER BY number ROWS UNBOUNDED PRECEDING) ORDER BY number;
SELECT number FROM numbers(5) WHERE row_number() OVER () > 1; -- { serverError ILLEGAL_AGGREGATION }
SELECT number, sum(number) OVER nosuch FROM numbers(3); -- { serverError BAD_ARGUMENTS }
SELECT number, max(number) OVER (ORDER BY number DESC RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) AS m FROM numbers(6) ORDER BY number;
SELECT number, min(number) OVER (ORDER BY number RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING) AS m FROM numbers(6) ORDER BY number;
SELECT toDate('2024-01-01') + number AS d, sum(number) OVER (ORDER BY d RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) AS s3 FROM numbers(5) ORDER BY d;
SELECT k, v, rank() OVER (PARTITION BY k ORDER BY v DESC NULLS LAST) AS r FROM (SELECT number % 2 AS k, if(number = 3, NULL, number) AS v FROM numbers(6)) ORDER BY k, r;
SELECT number, quantileExact(0.5)(number) OVER (ORDER BY number ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS med, uniqExact(number % 3) OVER () AS u FROM numbers(6) ORDER BY number;
SELECT number, lagInFrame(toString(number), 2, 'none') OVER (ORDER BY number ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS l FROM numbers(4) ORDER BY number;
SELECT count() FROM (SELECT number, row_number() OVER (PARTITION BY number % 7 ORDER BY number) AS rn FROM numbers(10000)) WHERE rn = 1;
SELECT number % 5 AS g, max(rn) FROM (SELECT number, row_number() OVER (PARTITION BY number % 5 ORDER BY number) AS rn FROM numbers(1000) SETTINGS max_block_size = 7, max_threads = 3) GROUP BY g ORDER BY g;
EXPLAIN SYNTAX SELECT number, sum(number) OVER w FROM numbers(3) WINDOW w AS (ORDER BY number) QUALIFY number > 1;
SELECT count() OVER (ORDER BY number DESC NULLS FIRST ROWS UNBOUNDED PRECEDING), sum(number) OVER (PARTITION BY number, number + 1 RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), max(number) OVER (ORDER BY number RANGE BETWEEN 2 PRECEDING AND 1 FOLLOWING), any(number) OVER () FROM numbers(1) FORMAT TSVWithNames;
EXPLAIN SYNTAX SELECT count() OVER (ORDER BY number DESC NULLS FIRST ROWS UNBOUNDED PRECEDING), sum(number) OVER (PARTITION BY number, number + 1 RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM numbers(1);
