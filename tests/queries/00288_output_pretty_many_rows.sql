SELECT number AS n, number * number AS sq FROM numbers(12) FORMAT PrettyCompact;
SELECT number FROM numbers(3) FORMAT PrettySpace;
