SELECT toTypeName(1), toTypeName(255), toTypeName(256), toTypeName(65536), toTypeName(4294967296);
SELECT toTypeName(-1), toTypeName(-129), toTypeName(-32769), toTypeName(-2147483649);
SELECT toTypeName(1.5), toTypeName('a'), toTypeName(NULL), toTypeName(true);
SELECT toTypeName([1, 2]), toTypeName([1, -1]), toTypeName([1, 2.5]), toTypeName([NULL, 1]), toTypeName([]);
SELECT toTypeName((1, 'a')), toTypeName((1, -1, 'a', NULL));
SELECT 18446744073709551615, toTypeName(18446744073709551615), -9223372036854775808, toTypeName(-9223372036854775808);
SELECT 0x10, 0b101, 1e3, 1E-2, .5, 1_000_000;
