SELECT toUInt32('abc'); -- { serverError CANNOT_PARSE_TEXT }
SELECT toDate('2024-99'); -- { serverError CANNOT_PARSE_DATE }
SELECT toFloat64('1.2.3'); -- { serverError CANNOT_PARSE_TEXT }
SELECT CAST('x' AS UUID); -- { serverError CANNOT_PARSE_UUID }
SELECT toDecimal32('abc', 2); -- { serverError CANNOT_PARSE_TEXT }
SELECT CAST('[1,2' AS Array(UInt8)); -- { serverError CANNOT_PARSE_INPUT_ASSERTION_FAILED }
SELECT 1;
