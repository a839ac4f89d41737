SELECT throwIf(number = 3, 'three') FROM numbers(3);
SELECT throwIf(1, 'boom'); -- { serverError FUNCTION_THROW_IF_VALUE_IS_NON_ZERO }
SELECT sleep(0), sleepEachRow(0) FROM numbers(2);
