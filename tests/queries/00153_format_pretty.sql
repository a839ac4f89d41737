SELECT number AS n, toString(number) AS s FROM numbers(3) FORMAT Pretty;
SELECT number AS n, -number AS neg FROM numbers(3) FORMAT PrettySpace;
SELECT 'é✓' AS u, 'x' AS v FORMAT Pretty;
SELECT number AS n FROM numbers(2) FORMAT PrettyNoEscapes;
