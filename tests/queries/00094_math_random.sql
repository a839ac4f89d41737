SELECT toTypeName(rand()), toTypeName(rand64()), toTypeName(randCanonical()), count(DISTINCT rand()) > 90 FROM numbers(100);
SELECT randCanonical() BETWEEN 0 AND 1, rand(1) >= 0;
SELECT count() FROM (SELECT rand() AS r FROM numbers(1000)) WHERE r > 0;
