SELECT varPop(number), varSamp(number), stddevPop(number), stddevSamp(number) FROM numbers(10);
SELECT VAR_POP(x), STDDEV_SAMP(x) FROM (SELECT arrayJoin([1., 2., 4.]) AS x);
SELECT varSamp(number), stddevSamp(number) FROM numbers(1);
SELECT covarPop(number, number * 2), covarSamp(number, number * 2), corr(number, number * 2), corr(number, -number) FROM numbers(10);
SELECT varPop(number) FROM numbers(0);
