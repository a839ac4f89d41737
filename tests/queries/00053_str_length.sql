SELECT length(''), length('abc'), length('é'), lengthUTF8('é✓a'), char_length('héllo'), length([1, 2]), length(toFixedString('a', 5));
SELECT s, length(s), lengthUTF8(s), empty(s), notEmpty(s) FROM (SELECT arrayJoin(['', 'a', 'héllo wörld', '日本語']) AS s);
SELECT length(NULL), length(toNullable('ab')), toTypeName(length('a'));
