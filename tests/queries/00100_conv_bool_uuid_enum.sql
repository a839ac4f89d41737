SELECT toBool('true'), toBool('FALSE'), toBool(2), toBool(0.), CAST('yes' AS Bool), CAST('0' AS Bool), toBool('t');
SELECT toUUID('00000000-0000-0000-0000-000000000001') < toUUID('00000000-0000-0000-0000-000000000002'), toString(toUUID('6f27b8b2-9d0c-4e7c-9b26-3f1a2c5d8e90'));
SELECT CAST(CAST('b' AS Enum8('a' = 1, 'b' = 2)) AS String), CAST(CAST('b' AS Enum8('a' = 1, 'b' = 2)) AS Int8), CAST(2 AS Enum('a' = 1, 'b' = 2)), toTypeName(CAST(1 AS Enum('a' = 1)));
SELECT toBool('maybe'); -- { serverError CANNOT_PARSE_BOOL }
