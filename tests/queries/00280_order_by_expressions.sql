SELECT number FROM numbers(10) ORDER BY number % 3, number DESC;
SELECT number, -number AS neg FROM numbers(5) ORDER BY neg;
SELECT toString(number) AS s FROM numbers(11) ORDER BY length(s) DESC, s;
SELECT number FROM numbers(6) ORDER BY (number % 2, number);
SELECT number FROM numbers(5) ORDER BY rand() * 0;
SELECT x FROM (SELECT arrayJoin([[3], [1, 2], [], [1]]) AS x) ORDER BY length(x), x;
