SELECT sumOrNull(number), avgOrNull(number), maxOrNull(number), countOrNull() FROM numbers(0);
SELECT sumOrDefault(number), avgOrDefault(number), minOrDefault(number) FROM numbers(0);
SELECT sumOrNull(number), toTypeName(sumOrNull(number)) FROM numbers(3);
