'use strict';
// bench/check.cjs DB REF.json [QUERIES] — runs the ClickBench queries through
// `basalt local --path DB` (one process per query, JSONCompactStrings output),
// normalizes each result the way ../shared/bench/lib/normalize.cjs does and
// compares it with ClickHouse's normalized result in REF.json (results-chdb.json
// of a run_peers.sh run on the same generated data). Prints one line per query
// (same / DIFF / error) and a summary; with BENCH_SHOW_DIFF=1 also the rows.
// A correctness survey, not a test: `make test` checks a small dataset.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const SHARED = path.resolve(ROOT, '..', 'shared', 'bench');
const { normalizeRows, checksum } = require(path.join(SHARED, 'lib', 'normalize.cjs'));

const [db, refFile, queriesFile] = process.argv.slice(2);
if (!db || !refFile) {
  console.error('usage: check.cjs DB REF.json [QUERIES]');
  process.exit(2);
}
const queries = fs.readFileSync(queriesFile || path.join(process.env.BENCH_CLICKBENCH || path.join(SHARED, 'clickbench'), 'queries.sql'), 'utf8')
  .split('\n').map((l) => l.trim()).filter((l) => l);
const ref = JSON.parse(fs.readFileSync(refFile, 'utf8'));
const basalt = path.join(ROOT, 'build', 'basalt');
const isFloat = (t) => /Float|Decimal/.test(t);

let same = 0;
const bad = [];
queries.forEach((q, i) => {
  const n = i + 1;
  let line;
  try {
    const out = execFileSync(basalt, ['local', '--path', db, '-f', 'JSONCompactStrings', '-q', q.replace(/;$/, '')],
      { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    const j = JSON.parse(out);
    const cols = j.meta.map((m) => ({ name: m.name, type: m.type, float: isFloat(m.type) }));
    const rows = normalizeRows(cols, j.data);
    const sum = checksum(rows);
    const r = ref[String(n)];
    if (r && r.checksum === sum) {
      same++;
      line = 'same';
    } else {
      line = 'DIFF';
      bad.push(n);
      if (process.env.BENCH_SHOW_DIFF) line += '\n  basalt: ' + JSON.stringify(rows.slice(0, 5)) + '\n  ch:     ' + JSON.stringify(r && r.rows.slice(0, 5));
    }
  } catch (e) {
    line = 'error: ' + String(e.stderr || e.message).trim().split('\n').pop();
    bad.push(n);
  }
  console.log(`Q${n} ${line}`);
});
console.log(`${same} of ${queries.length} queries return ClickHouse's result; differ or fail: ${bad.join(', ') || 'none'}`);
