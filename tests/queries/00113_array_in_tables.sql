CREATE TABLE t (id UInt32, tags Array(String), vals Array(Int64)) ENGINE = Memory;
INSERT INTO t VALUES (1, ['a', 'b'], [1, 2]), (2, [], []), (3, ['b'], [5]);
SELECT id, tags, length(tags), has(tags, 'b'), arraySum(vals) FROM t ORDER BY id;
SELECT id FROM t WHERE has(tags, 'a') OR empty(vals) ORDER BY id;
SELECT tag, count() FROM t ARRAY JOIN tags AS tag GROUP BY tag ORDER BY tag;
SELECT id, tag, v FROM t ARRAY JOIN tags AS tag, vals AS v ORDER BY id, tag;
SELECT id, tags FROM t LEFT ARRAY JOIN tags ORDER BY id;
