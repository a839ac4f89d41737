SELECT CAST([1, 2, 3] AS Array(Nullable(Float32))), CAST(['1', '2'] AS Array(UInt8)), CAST((1, 2) AS Tuple(String, String)), CAST(map(1, 2) AS Map(String, String));
SELECT CAST([[1], [2, 3]] AS Array(Array(String)));
SELECT CAST('[(1,\'a\'),(2,\'b\')]' AS Array(Tuple(UInt8, String))), CAST('{\'k\':[1,2]}' AS String);
