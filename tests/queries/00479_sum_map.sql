-- sumMap / minMap / maxMap / sumMapWithOverflow over Maps and key/value arrays; SimpleAggregateFunction(sumMap, Map) merged by AggregatingMergeTree
SELECT sumMap([1, 2, 1], [10, 20, 30]);
SELECT sumMap(k, v), minMap(k, v), maxMap(k, v) FROM (SELECT [number % 3, 7] AS k, [toInt32(number) - 2, 1] AS v FROM numbers(6));
SELECT sumMap(m) FROM (SELECT map('in', number, 'out', number * 2) AS m FROM numbers(4));
SELECT g, sumMap(m) AS s FROM (SELECT number % 2 AS g, map('a', toUInt32(1), 'b', toUInt32(number)) AS m FROM numbers(5)) GROUP BY g ORDER BY g;
SELECT sumMap(m)['b'] FROM (SELECT map('a', 1.5, 'b', 2.25) AS m FROM numbers(3));
SELECT sumMapWithOverflow([1], [toUInt8(200)]) FROM numbers(2);
SELECT toTypeName(sumMap([1], [toUInt8(1)])), toTypeName(sumMap(map('x', toDecimal32(1, 2)))), toTypeName(maxMap(map('x', toInt8(1))));
SELECT sumMap(map('k', number)) FROM numbers(0);
SELECT sumMap(m) FROM (SELECT map('x', number) AS m FROM numbers(100000)) SETTINGS max_threads = 4, max_block_size = 1000;
CREATE TABLE u (id UInt8, usage SimpleAggregateFunction(sumMap, Map(String, UInt64)), last SimpleAggregateFunction(anyLast, String), mx SimpleAggregateFunction(max, Int32)) ENGINE = AggregatingMergeTree ORDER BY id;
INSERT INTO u VALUES (1, map('in', 1, 'out', 2), 'a', 5);
INSERT INTO u VALUES (1, map('in', 10), 'b', 3), (2, map('x', 7), 'c', -1);
SELECT id, sumMap(usage), max(mx) FROM u GROUP BY id ORDER BY id;
SELECT id, usage, last, mx FROM u FINAL ORDER BY id;
OPTIMIZE TABLE u FINAL;
SELECT id, usage, last, mx FROM u ORDER BY id;
