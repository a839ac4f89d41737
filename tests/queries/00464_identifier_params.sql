-- {name:Identifier} parameters stand for table, database and column names
SET param_t = 'idp_t';
SET param_c = 'a';
CREATE TABLE {t:Identifier} (a UInt8) ENGINE = Memory;
INSERT INTO {t:Identifier} SELECT number FROM numbers(3);
SELECT sum({c:Identifier}), '{c:Identifier}' FROM {t:Identifier};
DROP TABLE {t:Identifier};
