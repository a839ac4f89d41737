-- The query condition cache (use_query_condition_cache, on by default) remembers
-- the granules where a WHERE / PREWHERE condition held for no row, and skips
-- them when the same condition runs again. Each query below runs twice or
-- more, the later runs after the data, the schema or the settings changed
-- under the same condition text: every result must be as without the cache.
DROP TABLE IF EXISTS qcc;
CREATE TABLE qcc (k UInt64, v UInt16, s String) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 10;
INSERT INTO qcc SELECT number, number % 300, toString(number % 7) FROM numbers(3000);

-- the same condition twice: a Filter over all the columns read, then PREWHERE
SELECT count(), sum(k) FROM qcc WHERE v = 44;
SELECT count(), sum(k) FROM qcc WHERE v = 44;
SELECT k FROM qcc WHERE v = 44 ORDER BY k LIMIT 3;
SELECT k FROM qcc WHERE v = 44 ORDER BY k LIMIT 3 SETTINGS max_threads = 1;
SELECT count() FROM qcc PREWHERE v = 44 WHERE s = '2';
SELECT count() FROM qcc PREWHERE v = 44 WHERE s = '2';
SELECT count() FROM qcc WHERE v = 44 SETTINGS use_query_condition_cache = 0;

-- a new part: its granules are read, the old part's misses still skipped
INSERT INTO qcc SELECT 10000 + number, 44, 'n' FROM numbers(25);
SELECT count(), sum(k) FROM qcc WHERE v = 44;

-- a mutation rewrites the parts: rows that now match are found
ALTER TABLE qcc UPDATE v = 44 WHERE k % 1000 = 1 SETTINGS mutations_sync = 2;
SELECT count(), sum(k) FROM qcc WHERE v = 44;
SELECT count(), sum(k) FROM qcc WHERE v = 44;

-- a lightweight delete, then the deleted rows seen again
DELETE FROM qcc WHERE k < 1500 AND v = 44;
SELECT count() FROM qcc WHERE v = 44;
SELECT count() FROM qcc WHERE v = 44 SETTINGS apply_deleted_mask = 0;
SELECT count() FROM qcc WHERE v = 44;

-- settings that change what a condition means are part of its identity
DROP TABLE IF EXISTS qcc_t;
CREATE TABLE qcc_t (k UInt32, t DateTime('UTC')) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 8;
INSERT INTO qcc_t SELECT number, toDateTime('2024-01-01 20:00:00', 'UTC') + number * 600 FROM numbers(200);
SELECT count() FROM qcc_t WHERE toDate(toDateTime(toUInt32(t))) = '2024-01-02';
SELECT count() FROM qcc_t WHERE toDate(toDateTime(toUInt32(t))) = '2024-01-02' SETTINGS session_timezone = 'Asia/Tokyo';
SELECT count() FROM qcc_t WHERE toDate(toDateTime(toUInt32(t))) = '2024-01-02';

-- a table dropped and made again under the same name, with other data
DROP TABLE qcc_t;
CREATE TABLE qcc_t (k UInt32, t DateTime('UTC')) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 8;
INSERT INTO qcc_t SELECT number, toDateTime('2024-01-02 00:00:00', 'UTC') FROM numbers(200);
SELECT count() FROM qcc_t WHERE toDate(toDateTime(toUInt32(t))) = '2024-01-02';

-- IN over a subquery whose result changed
DROP TABLE IF EXISTS qcc_set;
CREATE TABLE qcc_set (v UInt16) ENGINE = Memory;
INSERT INTO qcc_set VALUES (5);
SELECT count() FROM qcc WHERE v IN (SELECT v FROM qcc_set);
INSERT INTO qcc_set VALUES (6);
SELECT count() FROM qcc WHERE v IN (SELECT v FROM qcc_set);

-- ORDER BY ... LIMIT reads past its bound only where it must; the full count after it
SELECT k FROM qcc WHERE v = 45 ORDER BY k DESC LIMIT 2;
SELECT count() FROM qcc WHERE v = 45;
SELECT v FROM qcc WHERE s = '3' ORDER BY v LIMIT 2;
SELECT count() FROM qcc WHERE s = '3';

-- the cache can be dropped
SYSTEM DROP QUERY CONDITION CACHE;
SELECT count() FROM qcc WHERE v = 45;
DROP TABLE qcc;
DROP TABLE qcc_t;
DROP TABLE qcc_set;
