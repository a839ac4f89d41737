CREATE TABLE t (a UInt8, b Nullable(String) DEFAULT 'x' COMMENT 'bee', c Array(Tuple(x UInt8, y String))) ENGINE = Memory;
DESCRIBE t;
DESCRIBE TABLE t FORMAT TSVWithNames;
DESCRIBE (SELECT 1 AS x, 'a' AS y);
DESCRIBE numbers(3);
DESC system.one;
