SELECT isValidUTF8('abc'), isValidUTF8('\xff'), toValidUTF8('a\xffb'), lengthUTF8('\xff'), substringUTF8('日本語', 2, 1);
SELECT left('日本語', 3) = '日';
