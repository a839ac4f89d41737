SELECT 0x1F, 0b101, 1e2, 1E-2, .5, 5., 0.1e1, -0.0, 1_000_000 FORMAT TSV;
SELECT 'single', 'it''s', 'esc\'ape', 'tab\tnew\nline', 'hex\x41', 'oct\101' FORMAT TSV;
SELECT [], [1], [[]], (), (1), (1,), tuple(), toTypeName(()), toTypeName((1,)) FORMAT TSV;
SELECT NULL, null, Null, true, TRUE, false, FALSE FORMAT TSV;
SELECT inf, -inf, nan, INF, NaN FORMAT TSV;
