-- A large ORDER BY is sorted in runs on several threads and merged (issue 4):
-- the order must be the same for any max_threads. A checksum over each
-- row's position checks the whole permutation of 300000 rows.
SELECT sum(rowNumberInAllBlocks() * number) FROM (SELECT number FROM numbers(300000) ORDER BY number % 1000, number DESC) SETTINGS max_threads = 1;
SELECT sum(rowNumberInAllBlocks() * number) FROM (SELECT number FROM numbers(300000) ORDER BY number % 1000, number DESC) SETTINGS max_threads = 2;
SELECT sum(rowNumberInAllBlocks() * number) FROM (SELECT number FROM numbers(300000) ORDER BY number % 1000, number DESC) SETTINGS max_threads = 8, max_block_size = 7;
SELECT sum(rowNumberInAllBlocks() * cityHash64(s)) FROM (SELECT toString(number * 7919 % 300007) AS s FROM numbers(300000) ORDER BY s DESC) SETTINGS max_threads = 4;
SELECT sum(rowNumberInAllBlocks() * x) FROM (SELECT if(number % 5 = 0, NULL, number % 777) AS x, number FROM numbers(250000) ORDER BY x NULLS FIRST, number) SETTINGS max_threads = 4;
SELECT number FROM (SELECT number FROM numbers(300000) ORDER BY number % 1000, number DESC) LIMIT 3 OFFSET 149999 SETTINGS max_threads = 4;
