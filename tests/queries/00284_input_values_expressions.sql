CREATE TABLE t (a Int32, b String, c Array(UInt8), d DateTime) ENGINE = Memory;
INSERT INTO t VALUES (1 + 2, lower('ABC'), range(3), toDateTime('2024-01-01 00:00:00') + 60);
INSERT INTO t VALUES (-(5), 'x' || 'y', [1, 1 + 1], '2024-01-02 00:00:00');
INSERT INTO t VALUES (toInt32('7'), toString(1 > 0), [], toDateTime('2024-01-03 00:00:00'));
SELECT * FROM t ORDER BY a;
