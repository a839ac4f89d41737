SELECT reverse('abc'), reverse(''), reverseUTF8('абв'), repeat('ab', 3), repeat('x', 0), repeat('', 5);
SELECT number, repeat('*', number) FROM numbers(4);
SELECT reverse([1, 2, 3]);
