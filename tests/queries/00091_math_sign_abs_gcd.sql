SELECT sign(-5), sign(0), sign(3.5), sign(-0.), toTypeName(sign(1)), sign(toUInt64(7));
SELECT gcd(12, 18), lcm(4, 6), gcd(-12, 18), toTypeName(gcd(toUInt8(4), toUInt8(6))), toTypeName(lcm(4, 6));
SELECT intExp2(10), intExp10(3), toTypeName(intExp2(1)), intExp2(64), intExp10(-1);
SELECT gcd(1, 0); -- { serverError ILLEGAL_DIVISION }
