SELECT 1 +; -- { clientError SYNTAX_ERROR }
SELEC 1; -- { clientError SYNTAX_ERROR }
SELECT (1, 2; -- { clientError SYNTAX_ERROR }
SELECT 'unterminated; -- { clientError SYNTAX_ERROR }
SELECT 1 FROM numbers(2) WHERE; -- { clientError SYNTAX_ERROR }
SELECT * FROM; -- { clientError SYNTAX_ERROR }
CREATE TABLE; -- { clientError SYNTAX_ERROR }
SELECT 1;
