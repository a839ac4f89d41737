SELECT cityHash64(number), sipHash64(toString(number)), xxHash64(number, 'salt'), murmurHash3_64(number * 2) FROM numbers(3);
SELECT cityHash64('hello', 1, [2], (3, 'x')), sipHash64(toDate('2024-01-01'), toDateTime('2024-01-01 00:00:00'));
SELECT intHash64(number), intHash32(number) FROM numbers(3);
