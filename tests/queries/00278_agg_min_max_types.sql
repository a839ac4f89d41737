SELECT min(toDateTime('2024-01-01 00:00:00') + number), max(toDecimal64(number, 3)), min([number]), max((number, toString(number))) FROM numbers(5);
SELECT min(s), max(s), argMin(s, length(s)), argMax(s, length(s)) FROM (SELECT arrayJoin(['ccc', 'a', 'bb', 'dddd']) AS s);
SELECT min(toFixedString(toString(number), 2)) FROM numbers(3) FORMAT Null;
SELECT minIf(number, number > 2), maxIf(number, number < 2) FROM numbers(5);
