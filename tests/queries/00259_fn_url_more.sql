SELECT domain('https://user:pass@example.com:8080/p?q=1#f'), domainWithoutWWW('http://www.www.example.com/'), topLevelDomain('https://a.b.co.uk/'), protocol('HTTPS://X.COM');
SELECT path('https://example.com/a/b/c.html?x'), pathFull('https://example.com/a?x=1#y'), queryString('http://x.com/?a=1&b=2#frag'), fragment('http://x.com/#section-2');
SELECT extractURLParameter('http://x.com/?utm_source=google&utm_medium=cpc', 'utm_medium'), extractURLParameters('http://x.com/?a=1&b=&c'), extractURLParameterNames('http://x.com/?a=1&b=&c=3');
SELECT decodeURLComponent('%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82'), encodeURLComponent('привет мир'), cutURLParameter('http://x.com/?a=1&b=2&c=3', 'b');
