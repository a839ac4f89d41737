SELECT JSONExtractString('{"a":{"b":{"c":"deep"}}}', 'a', 'b', 'c'), JSONExtractInt('{"a":[{"b":1},{"b":2}]}', 'a', 2, 'b'), JSONHas('{"a":[1]}', 'a', 1), JSONLength('{"a":{"x":1,"y":2}}', 'a');
SELECT JSONExtractRaw('{"a":{"b":[true,null,"s",1.5]}}', 'a'), JSONType('{"a":{"b":1}}', 'a', 'b'), JSONExtractKeys('{"a":{"b":1,"c":2}}', 'a');
SELECT JSONExtractFloat('{"x":1.25}', 'x') + 1, JSONExtractBool('{"t":true,"f":false}', 'f'), JSONExtractUInt('{"n":"42"}', 'n');
