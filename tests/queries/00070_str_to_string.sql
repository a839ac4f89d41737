SELECT toString(1), toString(1.5), toString(-0.), toString(toDate('2024-01-02')), toString(toDateTime('2024-01-02 03:04:05')), toString([1, 2]), toString((1, 'a')), toString(NULL), toString(true);
SELECT toString(1e21), toString(1e-7), toString(0.1 + 0.2), toString(toFloat32(0.1)), toString(toDecimal32(1.5, 3)), toString(nan), toString(-inf);
SELECT toString(toDateTime('2024-01-02 03:04:05'), 'Asia/Tokyo'), toString(map('a', 1)), toString(toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0'));
