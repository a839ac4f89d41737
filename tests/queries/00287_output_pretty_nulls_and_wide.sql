SELECT NULL AS n, 'short' AS s, 'a much longer string value' AS l FORMAT PrettyCompact;
SELECT number AS n, if(number = 1, NULL, number) AS maybe FROM numbers(3) FORMAT Pretty;
SELECT [1, 2, 3] AS arr, (1, 'x') AS tup, map('k', 'v') AS m FORMAT PrettyCompact;
