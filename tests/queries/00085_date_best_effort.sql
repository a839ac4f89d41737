SELECT parseDateTimeBestEffort('2024-05-17 01:02:03'), parseDateTimeBestEffort('2024-05-17T01:02:03Z'), parseDateTimeBestEffort('17 May 2024 01:02:03'), parseDateTimeBestEffort('2024-05-17');
SELECT parseDateTimeBestEffort('2024-05-17T01:02:03+02:00'), parseDateTimeBestEffort('1715900000'), parseDateTimeBestEffort('May 17, 2024'), parseDateTimeBestEffort('2024/05/17 10:00');
SELECT parseDateTimeBestEffortOrNull('garbage'), parseDateTimeBestEffortOrZero('garbage'), parseDateTimeBestEffort('Fri, 17 May 2024 01:02:03 GMT');
SELECT parseDateTimeBestEffort('garbage'); -- { serverError CANNOT_PARSE_DATETIME }
