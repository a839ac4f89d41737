SELECT parseDateTimeBestEffort('2024-01-02 03:04:05.678'), parseDateTimeBestEffort('02/01/2024'), parseDateTimeBestEffort('20240102030405'), parseDateTimeBestEffort('2024-01-02T03:04:05.000+05:30');
SELECT parseDateTime64BestEffort('2024-01-02 03:04:05.678', 3), parseDateTimeBestEffortOrNull(''), parseDateTimeBestEffort('1 Jan 2024'), parseDateTimeBestEffort('Jan 1 2024 10:20');
SELECT parseDateTimeBestEffort('2024-01-02 03:04:05', 'Asia/Tokyo'), toTypeName(parseDateTimeBestEffort('2024-01-02', 'Asia/Tokyo'));
