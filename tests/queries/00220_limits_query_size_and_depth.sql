SELECT 1 SETTINGS max_query_size = 10; -- { clientError SYNTAX_ERROR }
SET max_parser_depth = 20;
SELECT ((((((((((((((((((((((((1)))))))))))))))))))))))); -- { clientError TOO_DEEP_RECURSION }
SET max_parser_depth = 1000;
SELECT ((((((((((((((((((((((((1))))))))))))))))))))))));
SET max_ast_elements = 5;
SELECT 1 + 2 + 3 + 4 + 5 + 6 + 7; -- { serverError TOO_BIG_AST }
SET max_ast_elements = 50000;
SELECT 1 + 2 + 3 + 4 + 5 + 6 + 7;
