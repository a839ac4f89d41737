CREATE TABLE orders (id UInt32, customer UInt32, amount Float64) ENGINE = Memory;
CREATE TABLE customers (id UInt32, name String) ENGINE = Memory;
INSERT INTO orders VALUES (1, 1, 10.5), (2, 1, 20), (3, 2, 5), (4, 3, 7.25);
INSERT INTO customers VALUES (1, 'ann'), (2, 'bob');
SELECT name, count(), sum(amount) FROM orders AS o JOIN customers AS c ON o.customer = c.id GROUP BY name ORDER BY name;
SELECT c.name, sum(o.amount) AS total FROM orders AS o LEFT JOIN customers AS c ON o.customer = c.id GROUP BY c.name ORDER BY total DESC;
SELECT name FROM customers WHERE id IN (SELECT customer FROM orders WHERE amount > 6) ORDER BY name;
