SELECT intDiv(1, 0); -- { serverError ILLEGAL_DIVISION }
SELECT 1 % 0; -- { serverError ILLEGAL_DIVISION }
SELECT intDivOrZero(1, 0), moduloOrZero(1, 0), 1 / 0;
SELECT toDecimal32(1, 20); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT repeat('x', -1);
SELECT range(1000000000); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toFixedString('abc', 0); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT 1;
