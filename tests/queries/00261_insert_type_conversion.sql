CREATE TABLE t (u8 UInt8, i16 Int16, f32 Float32, d Date, dt DateTime, s String, n Nullable(UInt8)) ENGINE = Memory;
INSERT INTO t VALUES (300, -1, 1.1, '2024-01-01', '2024-01-01 10:00:00', 42, NULL);
INSERT INTO t SELECT 255, 32767, 3.5, toDateTime('2024-06-01 23:59:59'), toDate('2024-06-02'), 3.25, 5;
SELECT * FROM t ORDER BY u8;
