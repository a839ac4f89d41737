-- gen.sql — 180 000 rows of `hits` for tests/clickbench/clickbench.sh, made
-- here from numbers() (the ClickBench schema and queries themselves are
-- read from ../shared at test time, never copied). Keys are skewed with
-- sqrt(number % M): value j then occurs 180000 / M * (2j + 1) times, so
-- counts differ and ORDER BY count ... LIMIT has no ties at its cut.
-- CounterID 62 holds most rows and one Referer domain more than 100 000,
-- so the HAVING COUNT(*) > 100000 and CounterID = 62 queries return rows.
INSERT INTO hits (WatchID, JavaEnable, Title, GoodEvent, EventTime, EventDate, CounterID, ClientIP, RegionID, UserID,
    URL, Referer, IsRefresh, ResolutionWidth, IsMobile, MobilePhone, MobilePhoneModel, TraficSourceID, SearchEngineID,
    SearchPhrase, AdvEngineID, WindowClientWidth, WindowClientHeight, IsLink, IsDownload, DontCountHits, URLHash, RefererHash)
SELECT
    toInt64(bitAnd(intHash64(toUInt32(sqrt(number))), 0x3FFFFFFFFFFFFFFF)) AS WatchID,
    number % 2,
    if(number % 5 = 0, concat('Google news ', toString(toUInt32(sqrt(number % 3600)))), concat('Title ', toString(number % 7))),
    1,
    toDateTime('2013-07-01 00:00:00') + (number % 31) * 86400 + (intHash32(number) % 86400),
    toDate('2013-07-01') + number % 31,
    if(number % 20 < 19, 62, toUInt32(sqrt(number % 1600))),
    toInt32(bitAnd(intHash32(toUInt32(sqrt(number % 1000000))), 0x7FFFFFFF)),
    toUInt32(sqrt(number % 900)),
    if(number = 4242, toInt64(435090932899640449), toInt64(intHash64(toUInt32(sqrt(number % 360000)) % 400))),
    concat('http://', if(number % 9 = 0, 'www.google.com', 'example.org'), '/page/', toString(toUInt32(sqrt(number % 40000)))),
    if(number % 10 < 9, concat('https://www.yandex.ru/search/', toString(number % 11)), if(number % 20 = 9, '', concat('http://ref', toString(number % 3), '.net/x'))),
    toInt16(number % 7 = 0),
    toInt16(800 + toUInt32(sqrt(number % 10000)) * 3),
    toInt16(number % 4 = 0),
    toInt16(toUInt32(sqrt(number % 900)) % 6),
    if(number % 4 = 0, concat('Phone', toString(toUInt32(sqrt(number % 6400)))), ''),
    toInt16(if(number % 3 = 0, 6, -1)),
    toInt16(toUInt32(sqrt(number % 400)) % 5),
    if(number % 3 = 0, concat('phrase ', toString(toUInt32(sqrt(number % 14400)))), ''),
    toInt16(toUInt32(sqrt(number % 400)) % 4),
    toInt16(300 + toUInt32(sqrt(number % 32400))),
    toInt16(200 + toUInt32(sqrt(number % 90000)) % 50),
    toInt16(number % 2),
    toInt16(number % 13 = 0),
    toInt16(number % 11 = 0),
    if(number % 6 = 0, toInt64(2868770270353813622), toInt64(intHash64(toUInt32(sqrt(number % 2500))))),
    if(number % 2 = 0, toInt64(3594120000172545465), toInt64(intHash64(number % 17)))
FROM numbers(180000);
