CREATE TABLE `weird name` (`col with space` UInt8, `select` String) ENGINE = Memory;
INSERT INTO `weird name` VALUES (1, 'kw');
SELECT `col with space`, `select` FROM `weird name`;
SHOW CREATE TABLE `weird name`;
CREATE TABLE "dq" ("x" UInt8) ENGINE = Memory;
SELECT * FROM "dq";
