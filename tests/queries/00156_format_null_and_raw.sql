SELECT number FROM numbers(10) FORMAT Null;

SELECT 'a\tb' AS s, 1 AS n FORMAT TSVRaw;
SELECT 'one' AS s FORMAT RawBLOB;
