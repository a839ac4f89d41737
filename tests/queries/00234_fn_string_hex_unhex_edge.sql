SELECT hex(''), unhex(''), unhex('4'), unhex('41424'), hex(unhex('deadBEEF')), hex(toUInt8(0)), hex(toUInt16(256)), hex(toInt8(-1)), hex(toDate('1970-01-02'));
SELECT lower(hex('hello')), base64Encode('any carnal pleas'), base64Decode('YW55IGNhcm5hbCBwbGVhcw=='), base64Encode(''), tryBase64Decode('YQ');
