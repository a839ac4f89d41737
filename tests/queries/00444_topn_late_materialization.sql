-- ORDER BY ... LIMIT n over MergeTree: the running top-n, its bound pushed
-- into the read (rows past the n-th key are not read further), and late
-- materialisation (columns other than the sort keys are read for the final
-- rows only). Several parts, a lightweight DELETE, signed, Date and
-- Nullable keys, DESC, ties resolved by later keys, OFFSET, expressions.
DROP TABLE IF EXISTS t_topn;
CREATE TABLE t_topn (id UInt32, t DateTime, d Date, i Int16, n Nullable(Int32), s String, u String, a Array(UInt8))
ENGINE = MergeTree ORDER BY id SETTINGS index_granularity = 128;
INSERT INTO t_topn SELECT number, toDateTime('2024-03-01 00:00:00') + (number * 7919) % 100000, toDate('2024-01-01') + number % 97,
    toInt16((number * 31) % 2000) - 1000, if(number % 3 = 0, NULL, toInt32(number % 1000) - 500),
    concat('s', toString(number % 13)), repeat('u', number % 5), [number % 7, number % 3] FROM numbers(20000);
INSERT INTO t_topn SELECT number + 20000, toDateTime('2024-02-28 00:00:00') + number * 13, toDate('2023-12-01') + number % 5,
    toInt16(number % 100) - 2000, toInt32(number) - 9000, 'late', '', [] FROM numbers(3000);
DELETE FROM t_topn WHERE id % 1000 = 7;
SET merge_tree_min_rows_for_concurrent_read = 1;
SELECT * FROM t_topn WHERE s LIKE '%1%' ORDER BY t LIMIT 5;
SELECT * FROM t_topn ORDER BY t DESC LIMIT 3;
SELECT id, s, a FROM t_topn WHERE u != '' ORDER BY i, id LIMIT 6;
SELECT id, i FROM t_topn ORDER BY i DESC, id DESC LIMIT 4 OFFSET 2;
SELECT id, n, s FROM t_topn ORDER BY n, id LIMIT 5;
SELECT id, n FROM t_topn ORDER BY n DESC NULLS FIRST, id LIMIT 3;
SELECT d, id, s FROM t_topn WHERE id > 100 ORDER BY d, id LIMIT 4;
SELECT id, t, length(u) + 1 AS l FROM t_topn ORDER BY t, l LIMIT 5;
SELECT id, toStartOfHour(t) AS h, s FROM t_topn ORDER BY h, id LIMIT 3;
SELECT s, u FROM t_topn WHERE s != 'late' ORDER BY s DESC, u DESC, id LIMIT 5;
SELECT count() FROM (SELECT * FROM t_topn ORDER BY t LIMIT 1000);
SELECT * FROM t_topn ORDER BY t LIMIT 3 SETTINGS max_threads = 1;
SELECT * FROM t_topn ORDER BY t LIMIT 3 SETTINGS max_block_size = 7;
DROP TABLE t_topn;
