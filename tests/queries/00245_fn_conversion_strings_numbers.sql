SELECT toString(123), toString(-1.5e-10), toString(1e100), toString(toFloat32(1.0e-3)), toString(0.1 + 0.7), toString(100000000000000000000.5);
SELECT toUInt64('0'), toInt64('-0'), toFloat32('nan'), toFloat64('-inf'), toFloat64('1e-400'), toFloat64('1e400');
SELECT toInt32(' 5'), toInt32('5 '); -- { serverError CANNOT_PARSE_TEXT }
SELECT toInt32OrZero(' 5'), toFloat64OrNull('1,5'), toUInt16OrNull('65536'), toInt8OrNull('-128');
