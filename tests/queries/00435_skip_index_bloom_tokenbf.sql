-- Data-skipping indexes over hashes: bloom_filter (values, array elements)
-- and tokenbf_v1 (tokens of strings, hasToken / LIKE / =). Bloom filters hash
-- as ClickHouse's do, so the same granules pass; rows are the same with the
-- indexes off.
CREATE TABLE t (k UInt64, v UInt64, s String, tags Array(String), lc LowCardinality(String),
    INDEX iv v TYPE bloom_filter GRANULARITY 1,
    INDEX ib s TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX itags tags TYPE bloom_filter GRANULARITY 1,
    INDEX ilc lc TYPE bloom_filter(0.05) GRANULARITY 2,
    INDEX itok s TYPE tokenbf_v1(256, 2, 0) GRANULARITY 1)
ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 100;
INSERT INTO t SELECT number, number * 3, concat('tok', toString(intDiv(number, 1000)), ' word', toString(number % 3)),
    [concat('t', toString(intDiv(number, 700))), 'common'], toString(intDiv(number, 2500)) FROM numbers(10000);
SELECT count() FROM t WHERE v = 6000;
SELECT count() FROM t WHERE v IN (3, 9000, 29997);
SELECT count() FROM t WHERE s = 'tok5 word1';
SELECT count() FROM t WHERE s != 'tok5 word1';
SELECT count() FROM t WHERE has(tags, 't4');
SELECT count() FROM t WHERE hasAny(tags, ['t4', 't9']);
SELECT count() FROM t WHERE lc = '3';
SELECT count() FROM t WHERE hasToken(s, 'tok7');
SELECT count() FROM t WHERE hasToken(s, 'tok7') SETTINGS use_skip_indexes = 0;
SELECT count() FROM t WHERE s LIKE '%tok8 %';
SELECT count() FROM t WHERE hasTokenCaseInsensitive(s, 'TOK2');
EXPLAIN indexes = 1 SELECT count() FROM t WHERE v = 6000;
EXPLAIN indexes = 1 SELECT count() FROM t WHERE v IN (3, 9000, 29997);
EXPLAIN indexes = 1 SELECT count() FROM t WHERE s = 'tok5 word1';
EXPLAIN indexes = 1 SELECT count() FROM t WHERE s != 'tok5 word1';
EXPLAIN indexes = 1 SELECT count() FROM t WHERE has(tags, 't4');
EXPLAIN indexes = 1 SELECT count() FROM t WHERE hasAny(tags, ['t4', 't9']);
EXPLAIN indexes = 1 SELECT count() FROM t WHERE lc = '3';
EXPLAIN indexes = 1 SELECT count() FROM t WHERE hasToken(s, 'tok7');
EXPLAIN indexes = 1 SELECT count() FROM t WHERE s LIKE '%tok8 %';
EXPLAIN indexes = 1 SELECT count() FROM t WHERE v = 6000 OR hasToken(s, 'tok2');
SELECT hasToken('hello world', 'world'), hasToken('helloworld', 'world'), hasToken('a,b;world!', 'world'), hasToken('World', 'world');
SELECT hasTokenCaseInsensitive('World x', 'WORLD'), hasToken('привет мир', 'мир'), hasToken('xмир', 'мир'), hasToken('abc', '');
SELECT hasToken(materialize('abc'), 'a b'); -- { serverError BAD_ARGUMENTS }
SELECT hasToken('abc', materialize('abc')); -- { serverError ILLEGAL_COLUMN }
