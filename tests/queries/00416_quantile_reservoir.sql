-- quantile is reservoir sampling (8192 samples, pcg32_fast seeded 123456): exact
-- interpolation up to 8192 values, a deterministic sample above. One input
-- stream per group here; merged partial states depend on the split (as in
-- ClickHouse), so they are not compared.
SELECT quantile(number) FROM numbers(10000);
SELECT quantile(number) FROM numbers(100000);
SELECT quantile(toDecimal32(number,2)), toTypeName(quantile(toDecimal32(number,2))), quantile(toDate(number)), quantiles(0.1,0.9)(number) FROM numbers(100000);
SELECT quantile(number) FROM numbers(100000) WHERE number % 3 = 1;
SELECT k, quantile(number) FROM numbers(200000) GROUP BY number % 2 AS k ORDER BY k;
SELECT quantiles(0.1, 0.33, 0.5, 0.99)(toDecimal64(number, 3) - 5000) FROM numbers(20000);
SELECT quantiles(0.1, 0.33, 0.5, 0.99)(toDecimal64(number, 3) / 7) FROM numbers(1000);
SELECT quantile(0.3)(toDecimal128(number, 10) * 3 / 7) FROM numbers(50);
SELECT median(toDecimal32(number, 1)), quantile(toDecimal32(number,2)) FROM numbers(0);
SELECT quantile(toFloat32(number) / 3), medianIf(number, number % 5 = 0), quantileExact(number) FROM numbers(300000);
SELECT quantile(0.7)(toDateTime(number * 1000)) FROM numbers(50000);
SELECT quantile(-toInt64(number)) FROM numbers(1000000);
SELECT quantiles(0.1, 0.33, 0.5, 0.99)(-toDecimal64(number, 3) / 7) FROM numbers(1000);
