-- a one-element tuple is named (x) as a result column, and written tuple(x) as SQL (EXPLAIN SYNTAX), since (x) would read back as x
SELECT tuple(number), tuple(number, 1), tuple(tuple(number)), (2,) FROM numbers(1) FORMAT TSVWithNames;
EXPLAIN SYNTAX SELECT (2,) AS a, tuple(2) AS b, ((3,),) AS c;
-- identifiers that read as syntax are backquoted when written as SQL, and stay bare as column names
SELECT `from` + 1, `select`, `table` FROM (SELECT 1 AS `from`, 2 AS `select`, 3 AS `table`) FORMAT TSVWithNames;
EXPLAIN SYNTAX SELECT `select` - 1, `from` AS `table`, `distinct`, `null`, `all`, `values`, key, date FROM t;
