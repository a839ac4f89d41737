SELECT upper(NULL), lower(toNullable('AbC')), length(toNullable(NULL)), concat(toNullable('a'), 'b'), substring(toNullable('hello'), 2, 2), replaceAll(toNullable('aa'), 'a', 'b');
SELECT s, upper(s), concat(s, '!') FROM (SELECT arrayJoin(['x', NULL, 'z']) AS s);
