-- numbers() with an argument that is not an integer: a clean error (its type named in the message; was a use after free)
SELECT count() FROM numbers(1/87); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT count() FROM numbers('a'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT count() FROM numbers(toUInt8(3));
