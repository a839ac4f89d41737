CREATE TABLE t (a UInt32, s String, arr Array(UInt8), n Nullable(String), d Date) ENGINE = Memory;
INSERT INTO t FORMAT JSONEachRow {"a": 1, "s": "x", "arr": [1, 2], "n": null, "d": "2024-01-01"}
INSERT INTO t FORMAT JSONEachRow {"s": "only s", "a": 2} {"a": 3, "s": "esc\"ape\u00e9", "arr": [], "n": "v", "d": "2024-01-02"}
INSERT INTO t FORMAT JSONEachRow [{"a": 4, "s": "in array"}]
INSERT INTO t FORMAT JSONEachRow {"a": "5", "s": 6, "arr": [7], "d": 19725}
SELECT * FROM t ORDER BY a;
INSERT INTO t FORMAT JSONEachRow {"a": 1, "zzz": 2} -- { clientError INCORRECT_DATA }
