SELECT bitAnd(12, 10), bitOr(12, 10), bitXor(12, 10), bitNot(toUInt8(0)), bitShiftLeft(1, 10), bitShiftRight(1024, 3), toTypeName(bitAnd(toUInt8(1), toUInt16(2)));
SELECT bitCount(255), bitCount(toInt8(-1)), bitTest(5, 0), bitTest(5, 1), bitTestAll(7, 0, 1, 2), bitTestAny(4, 0, 1), toTypeName(bitCount(1));
SELECT bitNot(toInt32(5)), bitShiftLeft(toUInt8(255), 1), bitAnd(-1, 255), bitRotateLeft(toUInt8(129), 1), bitRotateRight(toUInt8(1), 1);
