-- column codecs: declarations normalised as ClickHouse prints them, data read back intact, bad declarations refused
CREATE TABLE t (
    a UInt32 CODEC(Delta, ZSTD),
    b UInt64 CODEC(DoubleDelta),
    c Float64 CODEC(Gorilla, LZ4),
    d Int16 CODEC(Delta(2), T64, LZ4HC(9)),
    e String CODEC(ZSTD(3)),
    f Nullable(UInt32) CODEC(T64, ZSTD),
    g Array(UInt8) CODEC(NONE),
    h DateTime CODEC(DoubleDelta, LZ4),
    i Decimal(9, 2) CODEC(T64),
    j Float32 CODEC(Gorilla)
) ENGINE = MergeTree ORDER BY a SETTINGS index_granularity = 1000;
SHOW CREATE TABLE t;
INSERT INTO t SELECT number * 3, number * number, number / 7, toInt16(number % 1000 - 500), repeat('x', number % 13), if(number % 5 = 0, NULL, number), range(number % 4), toDateTime('2024-01-01 00:00:00') + number * 15, number / 100, number / 3 FROM numbers(20000);
SELECT count(), sum(a), sum(b), round(sum(c), 3), sum(d), sum(length(e)), sum(f), countIf(f IS NULL), sum(length(g)), max(h), sum(i), round(sum(j), 1) FROM t;
SELECT * FROM t WHERE a IN (0, 3, 29997, 59997) ORDER BY a;
CREATE TABLE bad1 (x UInt32 CODEC(lz4)) ENGINE = MergeTree ORDER BY x; -- { serverError UNKNOWN_CODEC }
CREATE TABLE bad2 (x UInt32 CODEC(ZSTD(23))) ENGINE = MergeTree ORDER BY x; -- { serverError ILLEGAL_CODEC_PARAMETER }
CREATE TABLE bad3 (x UInt32 CODEC(Delta)) ENGINE = MergeTree ORDER BY x; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad4 (x UInt32 CODEC(ZSTD, Delta)) ENGINE = MergeTree ORDER BY x; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad5 (x String CODEC(T64, LZ4)) ENGINE = MergeTree ORDER BY x; -- { serverError ILLEGAL_SYNTAX_FOR_CODEC_TYPE }
CREATE TABLE bad6 (x UInt32 CODEC(LZ4(1))) ENGINE = MergeTree ORDER BY x; -- { serverError DATA_TYPE_CANNOT_HAVE_ARGUMENTS }
CREATE TABLE bad7 (x UInt32 CODEC(NONE, LZ4)) ENGINE = MergeTree ORDER BY x; -- { serverError BAD_ARGUMENTS }
CREATE TABLE ok1 (x UInt32 CODEC(Delta)) ENGINE = MergeTree ORDER BY x SETTINGS index_granularity = 8192 SETTINGS allow_suspicious_codecs = 1;
SHOW CREATE TABLE ok1;
