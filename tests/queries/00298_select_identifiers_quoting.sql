SELECT 1 AS `a b`, 2 AS "c d", `a b` + 1 FORMAT TSVWithNames;
CREATE TABLE `t-1` (`x.y` UInt8, `select` UInt8) ENGINE = Memory;
INSERT INTO `t-1` VALUES (1, 2);
SELECT `x.y`, `select` FROM `t-1`;
SELECT t.`x.y` FROM `t-1` AS t;
