SELECT exp(0), log(1), log10(0.001), log2(0.5), sqrt(0), cbrt(-8), pow(2, -1), pow(-2, 3), exp2(0.5), exp10(-1);
SELECT round(123.456, 1), round(123.456, -1), round(-0.5), round(0.5), round(1.5), round(2.5), roundBankers(0.125, 2), floor(-0.0), ceil(-0.5);
SELECT intDiv(-7, 2), intDiv(7, -2), -7 % 2, 7 % -2, modulo(-7.5, 2), intDiv(toUInt8(255), toInt8(-1));
SELECT abs(-0.0), abs(toInt64(-9223372036854775807)), sign(nan), sign(-inf), degrees(0), radians(0);
