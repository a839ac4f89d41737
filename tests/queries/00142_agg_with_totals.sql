SELECT number % 3 AS k, count(), sum(number) FROM numbers(10) GROUP BY k WITH TOTALS ORDER BY k;
SELECT number % 3 AS k, count() FROM numbers(10) GROUP BY k WITH TOTALS ORDER BY k FORMAT JSONCompact SETTINGS output_format_write_statistics = 0;
SELECT number % 2 AS k, avg(number) FROM numbers(10) GROUP BY k WITH TOTALS ORDER BY k FORMAT CSV;
