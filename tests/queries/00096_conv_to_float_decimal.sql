SELECT toFloat64('1.5'), toFloat32(1) / 3, toFloat64(toDecimal32(1.25, 2)), toFloat64(toDate('2024-01-01')), toFloat64OrZero('x'), toFloat32OrNull('1e40');
SELECT toDecimal32('1.239', 2), toDecimal32(1.239, 2), toDecimal64('-0.001', 2), toDecimal128('123456789012345678901234567890', 0), toDecimal32OrNull('abc', 2), toDecimal32OrZero('1.5', 1);
SELECT toDecimal32(1e10, 2); -- { serverError DECIMAL_OVERFLOW }
SELECT CAST(1.5 AS Decimal(3, 1)), CAST('12.345' AS Decimal(10, 2)), CAST(-0.5 AS Decimal(5, 0));
