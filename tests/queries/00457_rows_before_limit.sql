-- rows_before_limit_at_least: rows that reached a LIMIT (all of them through a top-n sort; numbers() makes only what the LIMIT takes)
SET output_format_write_statistics = 0;
SELECT number FROM system.numbers LIMIT 3 FORMAT JSONCompact;
SELECT number FROM numbers(100) LIMIT 3 FORMAT JSONCompact;
SELECT number FROM numbers(100) WHERE number % 2 = 0 LIMIT 2 OFFSET 1 FORMAT JSONCompact;
SELECT number FROM numbers(100) ORDER BY number DESC LIMIT 2 FORMAT JSONCompact;
SELECT count() FROM (SELECT number FROM numbers(100) LIMIT 5) FORMAT JSONCompact;
SELECT number FROM (SELECT number FROM numbers(100) LIMIT 50) LIMIT 3 FORMAT JSONCompact;
SELECT number FROM numbers(10) FORMAT JSONCompact;
