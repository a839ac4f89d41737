SELECT hex('abc'), hex(255), hex(0), hex(toUInt64(1)), unhex('616263'), hex(''), lower(hex('ÿ')), hex(-1), hex(1.5);
SELECT base64Encode('hello'), base64Decode('aGVsbG8='), base64Encode(''), tryBase64Decode('!!!'), base64Encode('a'), base64Encode('ab');
SELECT bin(5), unbin('101'), hex(toFixedString('ab', 2));
