SELECT * FROM values('a UInt8, b String', (1, 'x'), (2, 'y'));
SELECT * FROM values((1, 'x'), (2, 'y'));
SELECT * FROM values(1, 2, 3);
SELECT a + 1 FROM values('a Int32', -1, 5);
SELECT toTypeName(c1), toTypeName(c2) FROM values((1, 2.5));
