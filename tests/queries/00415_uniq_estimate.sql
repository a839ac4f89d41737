-- uniq is ClickHouse's approximate BJKST counter: exact up to 65536 distinct
-- hashes, an estimate above. The estimate depends on how each type is hashed,
-- so every key family is checked on a set large enough to be thinned.
SELECT uniq(number), uniqExact(number) FROM numbers(65536);
SELECT uniq(number) FROM numbers(100000);
SELECT uniq(number) FROM numbers(3000000);
SELECT uniq(toInt32(number) - 50000), uniq(toInt8(number)), uniq(toDate(number)) FROM numbers(100000);
SELECT uniq(toFloat64(number)), uniq(toFloat32(number)) FROM numbers(100000);
SELECT uniq(toDecimal64(number, 2)), uniq(toDateTime64(number, 3)) FROM numbers(100000);
SELECT uniq(toInt128(number)), uniq(toIPv6(toIPv4(number))) FROM numbers(100000);
SELECT uniq(toUUID(concat('00000000-0000-0000-0000-', leftPad(toString(number), 12, '0')))) FROM numbers(100000);
SELECT uniq(toFixedString(toString(number), 8)), uniq(toLowCardinality(toString(number))) FROM numbers(100000);
-- several arguments and tuples are hashed together
SELECT uniq(number, number + 1), uniq((number, toString(number))) FROM numbers(100000);
SELECT uniq([number]), uniq([toString(number)]), uniq((number, [number])) FROM numbers(100000);
SELECT uniq(toNullable(number), number), uniq((toNullable(number), number)), uniq(map(number, 1)) FROM numbers(100000);
-- NULLs are skipped; -0 and 0 hash apart (ClickHouse counts them as two)
SELECT uniq(number % 3 = 0 ? NULL : number) FROM numbers(300000);
SELECT uniq(x) FROM (SELECT arrayJoin([0., -0., 1.]) AS x);
-- injective functions inside uniq are dropped before hashing
SELECT uniq(toString(number)), uniq(-toInt64(number)), uniq(tuple(number)), uniq(hex(hex(toString(number)))) FROM numbers(100000);
SELECT uniq(toString(number)) FROM numbers(100000) SETTINGS optimize_injective_functions_inside_uniq = 0;
SELECT uniq(toString(number)) FROM numbers(1000000) SETTINGS optimize_injective_functions_inside_uniq = 0;
SELECT uniqExact(toString(number)), uniq(toString(number)) FROM numbers(10) FORMAT TSVWithNames;
-- per group, and through combinators
SELECT number % 7 AS k, uniq(number) FROM numbers(1000000) GROUP BY k ORDER BY k;
SELECT uniqIf(number, number % 2 = 0), uniqArray([number, number + 1]) FROM numbers(200000);
SELECT uniqExact(x), count(DISTINCT x), uniqCombined(x) FROM (SELECT arrayJoin([0., -0., 1.]) AS x);
