SELECT 'abc' LIKE 'a%', 'abc' LIKE '_b_', 'abc' LIKE 'b%', 'abc' NOT LIKE 'a%', 'a%c' LIKE 'a\\%c', 'abc' LIKE 'a\\%c', 'ABC' ILIKE 'a%', 'ABC' NOT ILIKE 'a%';
SELECT like('hello', '%ll%'), notLike('hello', '%ll%'), ilike('HELLO', '%ll%'), 'a_c' LIKE 'a\\_c', 'abc' LIKE 'a\\_c', '' LIKE '%', '' LIKE '_';
SELECT s FROM (SELECT arrayJoin(['apple', 'banana', 'cherry', 'avocado']) AS s) WHERE s LIKE 'a%' ORDER BY s;
SELECT 'line1\nline2' LIKE 'line1%line2', 'é' LIKE '_', 'ab' LIKE '%%b';
