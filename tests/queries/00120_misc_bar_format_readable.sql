SELECT bar(5, 0, 10, 10), bar(10, 0, 10, 5), bar(0, 0, 10, 10) = '', formatReadableSize(1024), formatReadableSize(1536000), formatReadableQuantity(1234567), formatReadableTimeDelta(3661);
SELECT formatReadableDecimalSize(1500000), formatReadableSize(0), formatReadableSize(1.5e12);
SELECT formatReadableQuantity(12), formatReadableQuantity(1000), formatReadableQuantity(-1500), formatReadableQuantity(1e30), formatReadableSize(-1024), formatReadableSize(1023), formatReadableSize(1e30), formatReadableDecimalSize(999);
SELECT formatReadableTimeDelta(0), formatReadableTimeDelta(1), formatReadableTimeDelta(90061.5), formatReadableTimeDelta(-61), formatReadableTimeDelta(31536000*2+86400*40), formatReadableSize(NULL), formatReadableSize(nan), formatReadableSize(inf);
SELECT space(3), length(space(0)), CRC32('hello'), toTypeName(CRC32('a')), crc32(''), DATE(toDateTime('2024-01-02 03:04:05')), currentUser(), user();
