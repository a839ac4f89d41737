SELECT leftPad('abc', 6, '*'), rightPad('abc', 6, '*'), leftPad('abc', 2), rightPad('abc', 5), leftPad('abc', 7, 'xy'), lpad('5', 3, '0'), rpad('5', 3, '0');
SELECT leftPadUTF8('é', 3, 'ü'), rightPadUTF8('é', 3, 'ü'), leftPad('', 3, 'ab'), leftPad('abc', 5, '');
SELECT number, leftPad(toString(number), 4, '0') FROM numbers(3);
