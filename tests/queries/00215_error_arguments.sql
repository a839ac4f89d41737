SELECT plus(1); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
SELECT toDate(); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
SELECT length(1); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT upper(1); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT 'a' + 1; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT [1] + 1; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT sum('a'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT substring('abc', 'x'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT if(1, 2); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
SELECT 1;
