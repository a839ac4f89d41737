SELECT CAST(1 AS String), CAST('1' AS UInt8), 1::String, '2'::Int32 + 1, CAST(1.5, 'Int32'), CAST([1, 2] AS Array(String)), CAST((1, '2') AS Tuple(String, UInt8));
SELECT CAST(NULL AS Nullable(Int32)), CAST(1 AS Nullable(UInt8)), toTypeName(CAST(1 AS Nullable(UInt8))), CAST('a' AS LowCardinality(String)), toTypeName(CAST('a' AS LowCardinality(String)));
SELECT CAST('[1,2,3]' AS Array(UInt8)), CAST('(1,\'x\')' AS Tuple(UInt8, String)), CAST(map('a', 1) AS Map(String, String));
SELECT accurateCast(1., 'UInt8'), accurateCastOrNull(300, 'UInt8'), accurateCastOrNull(-1, 'UInt8'), accurateCastOrDefault(300, 'UInt8', toUInt8(7)), accurateCastOrNull(1.5, 'Int32'), accurateCast(-1, 'Int8');
SELECT CAST(NULL AS Int32); -- { serverError CANNOT_CONVERT_TYPE }
SELECT CAST(300 AS UInt8), CAST(-1 AS UInt64), CAST(1.9 AS Int8);
SELECT accurateCast(300, 'UInt8'); -- { serverError CANNOT_CONVERT_TYPE }
SELECT accurateCast(1.5, 'UInt8'); -- { serverError CANNOT_CONVERT_TYPE }
