SELECT sqrt(16), sqrt(2), sqrt(-1), cbrt(27), exp(1), exp2(10), exp10(3), log(e()), ln(1), log2(1024), log10(1000), log1p(0);
SELECT pow(2, 10), power(2, 0.5), pow(-8, 1/3), pow(0, 0), sin(0), cos(0), tan(0), asin(1), acos(1), atan(1), atan2(1, 1), hypot(3, 4);
SELECT sinh(0), cosh(0), tanh(0), asinh(0), acosh(1), atanh(0), erf(0), erfc(0), lgamma(1), tgamma(5), degrees(pi()), radians(180);
SELECT pi(), e(), toTypeName(sqrt(4)), toTypeName(pow(2, 2)), sqrt(toDecimal32(4, 2)), log(0), log(-1);
