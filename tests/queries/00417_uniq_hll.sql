-- uniqHLL12 and uniqCombined are ClickHouse's HyperLogLog counters: exact for small
-- sets, then an estimate that depends on the exact hashing of every type.
-- basalt deliberately differs in one place: uniqCombined with K = 17 between a
-- linear-counting estimate of 177700 and a raw estimate of 5 * 2^17, where
-- ClickHouse applies measured HyperLogLog++ bias tables that we do not carry
-- (we use linear counting there); no query below lands in that window.
SELECT uniqHLL12(number) FROM numbers(1000);
SELECT uniqCombined(number) FROM numbers(10000);
SELECT uniqCombined(20)(number), uniqCombined64(number), uniqCombined64(toString(number)), uniqCombined(toString(number)) FROM numbers(100000);
SELECT uniqHLL12(number), uniqHLL12(toString(number)), uniqHLL12(toFloat64(number)), uniqHLL12(number, number) FROM numbers(100000);
SELECT uniqHLL12(toFloat32(number)), uniqHLL12(-toInt32(number)), uniqHLL12(toInt128(number)), uniqHLL12(toUUID(concat('00000000-0000-0000-0000-', leftPad(toString(number),12,'0')))) FROM numbers(100000);
SELECT uniqCombined(toFloat64(number)), uniqCombined(toFloat32(number)), uniqCombined(toInt128(number)), uniqCombined(toUInt128(number)) FROM numbers(100000);
SELECT uniqCombined(toUUID(concat('00000000-0000-0000-0000-', leftPad(toString(number),12,'0')))), uniqCombined(toIPv6(toIPv4(number))), uniqCombined(toIPv4(number)), uniqCombined(toDate32(number)) FROM numbers(100000);
SELECT uniqCombined(number, number+1), uniqCombined([number]), uniqCombined((number, 'a')), uniqCombined64([toString(number)]) FROM numbers(100000);
SELECT uniqCombined(12)(number), uniqCombined(13)(number), uniqCombined(16)(number), uniqCombined(18)(number), uniqCombined(19)(number) FROM numbers(100000);
SELECT uniqCombined64(12)(number), uniqCombined64(20)(number), uniqCombined64(toFloat64(number)), uniqCombined64(number, 1) FROM numbers(150000);
SELECT uniqCombined(number) FROM numbers(1000000);
SELECT uniqCombined(number) FROM numbers(3000000);
SELECT uniqCombined(number), uniqHLL12(number), uniqCombined(toString(number)) FROM numbers(17) SETTINGS optimize_injective_functions_inside_uniq = 0;
SELECT uniqCombined(number % 9000), uniqCombined(toString(number % 5000)), uniqCombined(toString(number)) FROM numbers(150000) SETTINGS optimize_injective_functions_inside_uniq = 0;
SELECT number % 3 AS k, uniqCombined(number), uniqHLL12(number) FROM numbers(300000) GROUP BY k ORDER BY k;
SELECT uniqCombined(x), uniqHLL12(x) FROM (SELECT arrayJoin([0., -0., 1.]) AS x);
SELECT uniqCombined(CAST(number % 2 AS Enum8('a' = 0, 'b' = 1))), uniqHLL12(number % 3 = 0 ? NULL : number) FROM numbers(3000);
SELECT uniqCombinedIf(number, number % 2 = 0), uniqHLL12Array([number, number + 1]) FROM numbers(100000);
SELECT uniqCombined(21)(number) FROM numbers(10); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT uniqCombined(11)(number) FROM numbers(10); -- { serverError ARGUMENT_OUT_OF_BOUND }
