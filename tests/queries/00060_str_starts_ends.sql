SELECT startsWith('Hello', 'He'), startsWith('Hello', 'he'), endsWith('Hello', 'lo'), endsWith('Hello', ''), startsWith('', ''), startsWith('a', 'ab');
SELECT s, startsWith(s, 'http'), endsWith(s, '.com') FROM (SELECT arrayJoin(['http://a.com', 'https://b.org', 'ftp://c.com']) AS s);
