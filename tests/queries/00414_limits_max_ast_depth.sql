SET max_ast_depth = 18;
SELECT ((((((((1 + 1) + 1) + 1) + 1) + 1) + 1) + 1)); -- { serverError TOO_DEEP_AST }
SET max_ast_depth = 19;
SELECT ((((((((1 + 1) + 1) + 1) + 1) + 1) + 1) + 1));
SET max_ast_depth = 17;
SELECT 1 FROM numbers(1) WHERE ((((((1 + 1) + 1) + 1) + 1) + 1) + 1) > 0; -- { serverError TOO_DEEP_AST }
SET max_ast_depth = 18;
SELECT 1 FROM numbers(1) WHERE ((((((1 + 1) + 1) + 1) + 1) + 1) + 1) > 0;
SET max_ast_depth = 1000;
SELECT length(toString(number)) FROM numbers(1);
