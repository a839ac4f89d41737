SELECT if(1, 'a', 'b'), if(0, 'a', 'b'), if(NULL, 'a', 'b'), toTypeName(if(1, 1, 2.5)), toTypeName(if(1, 1, NULL));
SELECT number, if(number % 2 = 0, 'even', 'odd'), multiIf(number < 3, 'low', number < 6, 'mid', 'high') FROM numbers(8);
SELECT if(number > 1, toInt64(number), -1) AS x, toTypeName(x) FROM numbers(3);
SELECT number > 0 ? 1 / number : 0 FROM numbers(3);

