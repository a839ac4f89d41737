-- JSON (one document: the rows of "data") and JSONObjectEachRow as input formats
CREATE TABLE t (id UInt64, name String, sku Array(UInt8)) ENGINE = Memory;
INSERT INTO t FORMAT JSON {"meta":[{"name":"id","type":"UInt64"},{"name":"name","type":"String"},{"name":"sku","type":"Array(UInt8)"}],"data":[{"id":"42","name":"hello","sku":[0,1]},{"id":43,"name":"world","sku":[2,3]}],"rows":2}
INSERT INTO t FORMAT JSONObjectEachRow {"a": {"id": "44", "name": "foo", "sku": [3, 4]}, "b": {"id": 45, "name": "bar", "sku": []}}
SELECT * FROM t ORDER BY id;
