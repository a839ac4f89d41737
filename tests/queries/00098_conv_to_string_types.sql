SELECT toString(toInt8(-5)), toString(toUInt64(18446744073709551615)), toString(1.0), toString(100.), toString(0.000001), toString(123456789012345680000.), toString(toFloat32(3.4028235e38));
SELECT toFixedString('abc', 5) = 'abc', length(toFixedString('abc', 5)), toStringCutToZero('ab\0cd'), toString(toFixedString('x', 2)) = 'x';
SELECT toFixedString('abcdef', 3); -- { serverError TOO_LARGE_STRING_SIZE }
