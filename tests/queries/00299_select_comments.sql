SELECT 1 -- trailing comment
;
SELECT /* block */ 2 /* another */;
SELECT 3 # hash comment
;
/* comment before */ SELECT 4;
SELECT '-- not a comment', '/* nor this */';
