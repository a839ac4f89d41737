-- window functions: ranking, running and moving aggregates, lag/lead in and out of the frame, first/last/nth_value, ntile, percent_rank, cume_dist, QUALIFY, windows over GROUP BY
CREATE TABLE t (g String, x Int32, y Nullable(Float64)) ENGINE = Memory;
INSERT INTO t VALUES ('a', 1, 1.5), ('a', 2, NULL), ('a', 2, 3), ('a', 5, 4), ('b', 3, 10), ('b', 1, 20), ('c', 7, NULL);
SELECT g, x, row_number() OVER (PARTITION BY g ORDER BY x) AS rn, rank() OVER (PARTITION BY g ORDER BY x) AS r, dense_rank() OVER (PARTITION BY g ORDER BY x) AS dr FROM t ORDER BY g, x, rn;
SELECT g, x, sum(x) OVER (PARTITION BY g ORDER BY x) AS running, sum(x) OVER (PARTITION BY g) AS total, count() OVER () AS n FROM t ORDER BY g, x;
SELECT g, x, sum(x) OVER (PARTITION BY g ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rs, avg(x) OVER (PARTITION BY g ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS mov FROM t ORDER BY g, x, rs;
SELECT g, x, lagInFrame(x) OVER (PARTITION BY g ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l, leadInFrame(x, 1, -1) OVER (PARTITION BY g ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS ld FROM t ORDER BY g, x, l;
SELECT g, x, first_value(x) OVER w AS f, last_value(x) OVER w AS lv, nth_value(x, 2) OVER w AS nv FROM t WINDOW w AS (PARTITION BY g ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) ORDER BY g, x, f;
SELECT x, ntile(3) OVER (ORDER BY x, g) AS nt, percent_rank() OVER (ORDER BY x) AS pr, cume_dist() OVER (ORDER BY x) AS cd FROM t ORDER BY x, nt;
SELECT g, sum(x) AS s, rank() OVER (ORDER BY sum(x) DESC) AS r, sum(sum(x)) OVER () AS grand FROM t GROUP BY g ORDER BY g;
SELECT g, x FROM t QUALIFY row_number() OVER (PARTITION BY g ORDER BY x DESC) = 1 ORDER BY g;
SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS r FROM t ORDER BY x, r;
SELECT x, max(y) OVER (ORDER BY x ROWS 1 PRECEDING) AS m, count(y) OVER (ORDER BY x) AS c FROM t ORDER BY x, m;
SELECT number, lag(number) OVER (ORDER BY number) AS lg, lead(number, 2) OVER (ORDER BY number) AS ld FROM numbers(5);
SELECT g, groupArray(x) OVER (PARTITION BY g ORDER BY x ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS ga FROM t ORDER BY g, ga;
