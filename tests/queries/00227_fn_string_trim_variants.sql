SELECT trimLeft('  x  '), trimRight('  x  '), trimBoth('  x  '), trim(BOTH ' x' FROM 'x x hi x x'), trimLeft('xyxhello', 'xy'), trimRight('helloxyx', 'xy');
SELECT concat('[', trim('\t\n a \t'), ']'), concat('[', trimBoth('', ''), ']');
