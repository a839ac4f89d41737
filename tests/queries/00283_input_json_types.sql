CREATE TABLE t (a UInt32, f Float64, b Bool, s String, arr Array(String), m Map(String, UInt8), tup Tuple(UInt8, String), dt DateTime) ENGINE = Memory;
INSERT INTO t FORMAT JSONEachRow {"a": 1, "f": 1.5, "b": true, "s": "x", "arr": ["p", "q"], "m": {"k": 2}, "tup": [3, "t"], "dt": "2024-01-01 10:00:00"}
INSERT INTO t FORMAT JSONEachRow {"a": 2, "f": -0.5e2, "b": false, "s": "", "arr": [], "m": {}, "tup": [0, ""], "dt": 1704103200}
SELECT * FROM t ORDER BY a;
SELECT * FROM t ORDER BY a FORMAT JSONEachRow;
