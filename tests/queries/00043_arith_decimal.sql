SELECT toDecimal32(1.5, 1) + toDecimal32(2.25, 2), toTypeName(toDecimal32(1.5, 1) + toDecimal32(2.25, 2));
SELECT toDecimal64(10, 2) / toDecimal64(3, 2), toTypeName(toDecimal64(10, 2) / toDecimal64(3, 2));
SELECT toDecimal32(2, 2) * toDecimal32(3, 3), toTypeName(toDecimal32(2, 2) * toDecimal32(3, 3));
SELECT toDecimal32(1.5, 2) + 1, toTypeName(toDecimal32(1.5, 2) + 1), toDecimal32(1.5, 2) * 2.0, toTypeName(toDecimal32(1.5, 2) + 1.5);
SELECT -toDecimal64(3.14, 2), abs(toDecimal64(-3.14, 2)), toDecimal128(1, 10) - toDecimal128(0.0000000001, 10);
