-- an aggregate's * stands for the columns it selects (count(*) still counts rows)
SELECT toInt32(sum(*)) AS sum FROM numbers(0, 4);
SELECT sum(*) FROM numbers(5);
SELECT max(*), count(*) FROM (SELECT number AS a FROM numbers(5));
SELECT argMax(*) FROM (SELECT number AS a, 10 - number AS b FROM numbers(5));
