CREATE TABLE t (a Float32, b Float64) ENGINE = Memory;
INSERT INTO t VALUES (0.1, 0.1), (1.5, 1.5), (-0., -0.), (inf, -inf), (nan, nan), (1e-7, 1e-7), (1e21, 1e21), (123456789.123, 123456789.123), (3.4028235e38, 1.7976931348623157e308), (1e-45, 5e-324);
SELECT a, b FROM t;
SELECT a, b FROM t FORMAT CSV;
SELECT a, b FROM t FORMAT JSONEachRow;
SELECT toFloat32(1) / 3, 1 / 3, 2 / 3, 0.1 + 0.2, 1e100, 1e-100, 100000000000000000000., 1e20;
SELECT toTypeName(a), toTypeName(b) FROM t LIMIT 1;
SELECT toFloat64('1e3'), toFloat32('0.1'), toFloat64OrNull('abc'), toFloat64('inf'), toFloat64('-nan');
