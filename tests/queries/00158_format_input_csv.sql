CREATE TABLE t (a UInt32, s String, f Float64, n Nullable(UInt8)) ENGINE = Memory;
INSERT INTO t FORMAT CSV 1,"hello, world",1.5,\N
INSERT INTO t FORMAT CSV 2,plain,2,7
INSERT INTO t FORMAT CSV 3,"with ""quotes""",-0.5,
INSERT INTO t FORMAT CSV 4,'single',1e3,1
SELECT * FROM t ORDER BY a;
