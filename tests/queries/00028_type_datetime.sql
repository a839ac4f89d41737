CREATE TABLE t (dt DateTime) ENGINE = Memory;
INSERT INTO t VALUES ('2024-01-02 03:04:05'), ('1970-01-01 00:00:00'), ('2106-02-07 06:28:15'), (1700000000);
SELECT dt, toTypeName(dt), toUnixTimestamp(dt) FROM t ORDER BY dt;
SELECT dt FROM t ORDER BY dt FORMAT CSV;
SELECT dt FROM t ORDER BY dt FORMAT JSONEachRow;
SELECT toDateTime('2024-01-02 03:04:05') + 60, toDateTime('2024-01-02') , toDateTime(0), toDateTime('2024-01-02 03:04:05', 'Asia/Tokyo');
SELECT toDateTime('2024-06-01 12:00:00', 'America/New_York') AS x, toTypeName(x), toUnixTimestamp(x);
