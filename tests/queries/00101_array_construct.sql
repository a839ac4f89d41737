SELECT array(1, 2, 3), [1, 2, 3], array(), [[1], [2, 3], []], toTypeName([1, -1]), toTypeName([1, 2.5]), toTypeName([toUInt8(1), toUInt64(2)]);
SELECT ['a', NULL], [NULL], toTypeName([NULL]), toTypeName([]), [(1, 'a'), (2, 'b')], [[NULL]];
SELECT range(5), range(2, 5), range(0, 10, 3), range(5, 0, -2), toTypeName(range(3)), range(0);
SELECT arrayWithConstant(3, 'x'), emptyArrayInt32(), arrayResize([1, 2], 4), arrayResize([1, 2, 3], 1), arrayResize([1], 3, 9);
SELECT [1, 'a']; -- { serverError NO_COMMON_TYPE }
