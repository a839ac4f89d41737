-- TSV input: escapes (\t, \\) at every offset around the 16-byte steps the
-- field splitter scans in, so a backslash ending one step escapes the first
-- byte of the next.
DROP TABLE IF EXISTS t_tsv_esc;
CREATE TABLE t_tsv_esc (k UInt32, a String, b String) ENGINE = Memory;
INSERT INTO t_tsv_esc FORMAT TSV 0	\tyyyyy	\\w
INSERT INTO t_tsv_esc FORMAT TSV 1	x\tyyyyy	zzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 2	xx\tyyyyy	zzzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 3	xxx\tyyyyy	z\\w
INSERT INTO t_tsv_esc FORMAT TSV 4	xxxx\tyyyyy	zzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 5	xxxxx\tyyyyy	zzzzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 6	xxxxxx\tyyyyy	zz\\w
INSERT INTO t_tsv_esc FORMAT TSV 7	xxxxxxx\tyyyyy	zzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 8	xxxxxxxx\tyyyyy	zzzzzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 9	xxxxxxxxx\tyyyyy	zzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 10	xxxxxxxxxx\tyyyyy	zzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 11	xxxxxxxxxxx\tyyyyy	zzzzzzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 12	xxxxxxxxxxxx\tyyyyy	zzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 13	xxxxxxxxxxxxx\tyyyyy	zzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 14	xxxxxxxxxxxxxx\tyyyyy	zzzzzzzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 15	xxxxxxxxxxxxxxx\tyyyyy	zzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 16	xxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 17	xxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 18	xxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 19	xxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 20	xxxxxxxxxxxxxxxxxxxx\tyyyyy	\\w
INSERT INTO t_tsv_esc FORMAT TSV 21	xxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 22	xxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 23	xxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	z\\w
INSERT INTO t_tsv_esc FORMAT TSV 24	xxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 25	xxxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 26	xxxxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zz\\w
INSERT INTO t_tsv_esc FORMAT TSV 27	xxxxxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 28	xxxxxxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 29	xxxxxxxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 30	xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 31	xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 32	xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 33	xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 34	xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzzzzzzzzzzzzzzz\\w
INSERT INTO t_tsv_esc FORMAT TSV 35	xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\tyyyyy	zzzzz\\w
SELECT k, length(a), position(a, '\t'), length(b), position(b, '\\') FROM t_tsv_esc ORDER BY k;
SELECT count(), sum(length(a)), sum(length(b)) FROM t_tsv_esc;
DROP TABLE t_tsv_esc;
