-- partition ids (decimal, dates as YYYYMMDD, hashes) and the partition column of system.parts
CREATE TABLE p (s String, d Date, x Int32, f Float64) ENGINE = MergeTree PARTITION BY s ORDER BY x;
INSERT INTO p VALUES ('abc', '2024-01-01', -5, 1.5), ('x''y', '2024-01-01', 3, 2.5);
SELECT partition, partition_id, name, rows FROM system.parts WHERE database = currentDatabase() AND table = 'p' ORDER BY name;
CREATE TABLE p2 (s String, d Date, x Int32, f Float64) ENGINE = MergeTree PARTITION BY (x, d) ORDER BY x;
INSERT INTO p2 VALUES ('abc', '2024-01-01', -5, 1.5), ('x''y', '2024-01-01', 3, 2.5);
SELECT partition, partition_id, name, rows FROM system.parts WHERE database = currentDatabase() AND table = 'p2' ORDER BY name;
CREATE TABLE p4 (s String, d Date, x Int32, f Float64) ENGINE = MergeTree PARTITION BY d ORDER BY x;
INSERT INTO p4 VALUES ('abc', '2024-01-01', -5, 1.5);
SELECT partition, partition_id, name, rows, marks, level, data_version, min_date, max_date, active FROM system.parts WHERE database = currentDatabase() AND table = 'p4' ORDER BY name;
CREATE TABLE p5 (s String, t DateTime) ENGINE = MergeTree PARTITION BY toStartOfHour(t) ORDER BY s;
INSERT INTO p5 VALUES ('abc', '2024-01-01 10:20:30');
SELECT partition, partition_id, name, min_time, max_time, min_date FROM system.parts WHERE database = currentDatabase() AND table = 'p5' ORDER BY name;
CREATE TABLE p6 (s String, t DateTime, b Bool) ENGINE = MergeTree PARTITION BY b ORDER BY s;
INSERT INTO p6 VALUES ('abc', '2024-01-01 10:20:30', true);
SELECT partition, partition_id, name FROM system.parts WHERE database = currentDatabase() AND table = 'p6' ORDER BY name;
