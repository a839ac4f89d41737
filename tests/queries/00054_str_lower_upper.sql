SELECT lower('ABC déF'), upper('abc déf'), lowerUTF8('ÀÉÎ ABC'), upperUTF8('àéî abc'), lcase('X'), ucase('x');
SELECT upper(s), lower(s) FROM (SELECT arrayJoin(['Hello', '', '123-ABC', 'MiXeD']) AS s);
