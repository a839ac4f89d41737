SELECT s, s LIKE '%a%', s LIKE 'a_', s ILIKE 'A%', s NOT LIKE '%b' FROM (SELECT arrayJoin(['a', 'ab', 'ba', 'Ab', '']) AS s);
SELECT 'a%b' LIKE 'a\\%b', 'axb' LIKE 'a\\%b', 'a_b' LIKE 'a\\_b', 'a\\b' LIKE 'a\\\\b', '%' LIKE '\\%';
SELECT 'ABC' ILIKE '%b%', 'привет' ILIKE 'ПРИ%', 'x' LIKE '', '' LIKE '';
