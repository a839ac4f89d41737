SELECT 'line1\nline2' AS ml, 'x' AS t FORMAT PrettyCompact;
SELECT 'a\nbb\nccc' AS ml, 1 AS n FORMAT Pretty;
SELECT 'a\nb' AS x FORMAT PrettySpace;
SELECT 'a\nb' AS x, 'y\nz\nw' AS y FORMAT PrettyCompact;
SELECT 'a\nb' AS x FORMAT Vertical;
SELECT 'trailing\n' AS x FORMAT PrettyCompact;
