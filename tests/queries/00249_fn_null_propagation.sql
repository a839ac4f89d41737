SELECT plus(NULL, 1), length(NULL), upper(NULL), toDate(NULL), toString(NULL), concat(NULL), hex(NULL), abs(NULL), round(NULL, 1);
SELECT toTypeName(plus(NULL, 1)), toTypeName(upper(NULL)), toTypeName(toDate(NULL)), toTypeName(abs(toNullable(1)));
SELECT x, x + 1, toString(x), x = 1, if(x = 1, 'one', 'other'), multiIf(x IS NULL, 'null', 'value') FROM (SELECT arrayJoin([1, NULL]) AS x);
