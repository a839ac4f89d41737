SELECT position('Hello World', 'o'), position('Hello World', 'z'), position('Hello', ''), position('', 'a'), locate('o', 'Hello World'), position('Hello World', 'o', 6);
SELECT positionCaseInsensitive('Hello', 'L'), positionUTF8('héllo', 'l'), POSITION('o' IN 'foo'), instr('abcabc', 'c');
SELECT s, position(s, 'a') FROM (SELECT arrayJoin(['abc', 'bca', 'xyz', '']) AS s);
