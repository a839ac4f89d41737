-- Decimal with an integer keeps the Decimal's type; past its storage type: DECIMAL_OVERFLOW
SELECT toTypeName(CAST(1.5 AS Decimal(5,2)) * toUInt64(2)), toTypeName(CAST(1.5 AS Decimal(5,2)) * toUInt8(2)), toTypeName(CAST(1.5 AS Decimal(5,2)) + toUInt8(2)), toTypeName(CAST(1.5 AS Decimal(5,2)) + toInt32(2)), toTypeName(CAST(1.5 AS Decimal(12,2)) - toInt16(2)), toTypeName(CAST(1.5 AS Decimal(5,2)) / toInt32(2)), toTypeName(toUInt8(2) * CAST(1.5 AS Decimal(5,2))), toTypeName(CAST(1.5 AS Decimal(5,2)) * CAST(1.5 AS Decimal(7,3))), toTypeName(CAST(1.5 AS Decimal(5,2)) + CAST(1.5 AS Decimal(7,3))), toTypeName(CAST(1.5 AS Decimal(30,2)) * 2);
SELECT toTypeName(CAST(1.5 AS Decimal(10,2)) * 2), CAST(1.5 AS Decimal(10,2)) * 2;
CREATE TABLE d (a Decimal(10,2)) ENGINE=Memory;
INSERT INTO d VALUES (1);
SELECT toTypeName(a * 2), a * 2, CAST(a * 2 AS Decimal(10,2)) FROM d;
SELECT CAST(999.99 AS Decimal(5,2)) * 100, CAST(1 AS Decimal(5,2)) / 3;
SELECT toDecimal32(2.5, 1) * 2147483647; -- { serverError DECIMAL_OVERFLOW }
SELECT toDecimal64(2.5, 1) * 2147483647;
