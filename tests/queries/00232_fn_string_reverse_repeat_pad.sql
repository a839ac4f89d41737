SELECT reverse(''), reverse('a'), reverseUTF8('héllo'), repeat('ab', 1), repeat(toString(number), 2) FROM numbers(3);
SELECT leftPad('x', 0), rightPad('x', 1), leftPad('abc', 3), leftPad('ab', 5, '123'), rightPad('ab', 5, '123');
