SELECT tuple(1, 'a'), (1, 'a').1, (1, 'a').2, tupleElement((1, 'a'), 1), tupleElement(CAST((1, 'x') AS Tuple(n UInt8, s String)), 's'), toTypeName(tuple());
SELECT tuple(1, NULL), toTypeName(tuple(1, NULL)), (1, (2, 3)).2.1, tuple(1).1;
SELECT tupleElement((1, 2), 3); -- { serverError ARGUMENT_OUT_OF_BOUND }
