-- CSV: an array field may come without its brackets
CREATE TABLE t (id UInt64, name String, sku Array(UInt8)) ENGINE = Memory;
INSERT INTO t FORMAT CSV 1,foo,"0,1"
INSERT INTO t FORMAT CSV 2,bar,"[3,4]"
SELECT * FROM t ORDER BY id;
SELECT name, value FROM system.settings WHERE name LIKE '%csv%array%';
