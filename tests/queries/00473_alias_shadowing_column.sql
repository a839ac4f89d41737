-- an alias that names a column of its own expression means that column inside it (ClickHouse's cycle rule), the alias everywhere else
CREATE TABLE s (amount Int32) ENGINE=Memory;
INSERT INTO s VALUES (1);
SELECT amount * 2 AS amount FROM s;
SELECT amount * 2 AS amount, amount FROM s;
SELECT amount * 2 AS amount, amount + 1 AS b FROM s;
SELECT amount + 1 AS b, amount * 2 AS amount FROM s;
SELECT amount * 2 AS amount FROM s WHERE amount = 2;
SELECT amount * 2 AS amount FROM s ORDER BY amount;
SELECT sum(amount) AS amount FROM s;
SELECT amount * 2 AS amount, count() FROM s GROUP BY amount;
