SELECT splitByChar('|', 'a|b||c|'), splitByString('::', 'a::b::'), arrayStringConcat(splitByChar(',', '1,2,3'), '+');
SELECT splitByChar(',', s) FROM (SELECT arrayJoin(['', ',', 'x', 'x,y']) AS s);
SELECT arrayStringConcat(['a', NULL, 'b'], '-');
