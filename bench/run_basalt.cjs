'use strict';
// bench/run_basalt.cjs --rows N --data TSV --db DIR --peers DIR --out FILE [--tries 3] [--skip-load]
//
// The basalt side of `make bench` (bench/run.sh runs the peers first, with
// ../shared/bench/run_peers.sh, into --peers): loads the TSV through
// `basalt local --path`, runs the 43 ClickBench queries --tries times each
// (all runs of a query in one process, as the peers' worker runs them; the
// time is the statement's own elapsed time, from the JSON statistics; hot =
// best of runs 2..N), normalizes every result
// as ../shared/bench/lib/normalize.cjs does and checks it against ClickHouse's
// result of the same run. Queries whose ClickHouse answer is not unique (no
// total order at LIMIT / OFFSET: ClickHouse's own runs or DuckDB disagree) are
// checked for validity: same row count and the same values of the last
// (ORDER BY) column. Like run_peers.sh, it waits for a quiet machine before
// the load and before each query. Writes the report table (markdown) to --out.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const SHARED = path.resolve(ROOT, '..', 'shared', 'bench');
const CLICKBENCH = process.env.BENCH_CLICKBENCH || path.join(SHARED, 'clickbench');
const { normalizeRows, checksum } = require(path.join(SHARED, 'lib', 'normalize.cjs'));
const BASALT = process.env.BASALT_BIN || path.join(ROOT, 'build', 'basalt');   // BASALT_BIN: another build (tools/musl-build.sh)
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function args() {
  const o = { tries: 3 };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const k = a[i].replace(/^--/, '');
    if (k === 'skip-load') o[k] = true;
    else o[k] = a[++i];
  }
  o.tries = Number(o.tries);
  return o;
}

/* CPU seconds the whole machine has been busy (user, nice, system, irq,
 * softirq, steal), from /proc/stat; null where there is none. */
const CLK_TCK = Number(process.env.BENCH_CLK_TCK || 100);
function busyS() {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return (f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0)) / CLK_TCK;
  } catch (_) {
    return null;
  }
}

/* As run_peers.sh does before each load and query: waits (up to maxS) until
 * other processes keep at most `cores` CPU cores busy over a 1 s window.
 * Returns the seconds waited. */
function waitQuiet(cores = 0.3, maxS = 120) {
  const t0 = Date.now();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const a = busyS();
    Atomics.wait(pause, 0, 0, 1000);
    const b = busyS();
    if (a == null || b == null || b - a <= cores || (Date.now() - t0) / 1000 >= maxS) break;
  }
  return (Date.now() - t0) / 1000;
}

/* Runs basalt local (stdinFile: a file for its stdin); returns { wall, peakKb, stdout }. */
function basalt(db, argv, stdinFile) {
  const cmd = TIME ? TIME : BASALT;
  const full = TIME ? ['-f', '%M', BASALT, 'local', '--path', db, ...argv] : ['local', '--path', db, ...argv];
  const fd = stdinFile ? fs.openSync(stdinFile, 'r') : 'ignore';
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { maxBuffer: 1 << 30, stdio: [fd, 'pipe', 'pipe'] });
  if (stdinFile) fs.closeSync(fd);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const err = r.stderr ? r.stderr.toString() : '';
  const lines = err.trim().split('\n');
  const peakKb = TIME ? Number(lines[lines.length - 1]) || null : null;
  if (r.status !== 0) throw new Error(lines.slice(0, TIME ? -1 : undefined).join('\n') || `exit ${r.status}`);
  return { wall, peakKb, stdout: r.stdout.toString() };
}

function load(o) {
  fs.rmSync(o.db, { recursive: true, force: true });
  basalt(o.db, ['-q', fs.readFileSync(path.join(CLICKBENCH, 'create.sql'), 'utf8')]);
  const waited = waitQuiet();
  process.stderr.write(`[basalt] loading ${path.basename(o.data)} ... (waited ${waited.toFixed(0)} s for a quiet machine)\n`);
  const ins = basalt(o.db, ['-q', 'INSERT INTO hits FORMAT TSV'], o.data);
  const opt = basalt(o.db, ['-q', 'OPTIMIZE TABLE hits FINAL']);
  const bytes = Number(basalt(o.db, ['-q', "SELECT sum(bytes_on_disk) FROM system.parts WHERE table = 'hits' AND active"]).stdout);
  return { insert_s: ins.wall, optimize_s: opt.wall, load_s: ins.wall + opt.wall, bytes, peak_kb: Math.max(ins.peakKb || 0, opt.peakKb || 0) };
}

/* The top-level JSON documents of a concatenated stream (one per statement). */
function splitJson(text) {
  const docs = [];
  let depth = 0, start = -1, inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '{') { if (depth++ === 0) start = i; }
    else if (c === '}' && --depth === 0) docs.push(JSON.parse(text.slice(start, i + 1)));
  }
  return docs;
}

/* Runs the query o.tries times in one process, as run_peers.sh's worker
 * does for the peers: the first run starts cold, the others are hot. Like
 * the peers, it starts on a quiet machine. */
function runQuery(o, sql) {
  let r;
  waitQuiet();
  try {
    r = basalt(o.db, ['-f', 'JSONCompactStrings', '-q', Array(o.tries).fill(sql).join(';\n')]);
  } catch (e) {
    return [{ error: String(e.message).split('\n').pop() }];
  }
  return splitJson(r.stdout).map((j) => {
    const cols = j.meta.map((m) => ({ name: m.name, type: m.type, float: /Float|Decimal/.test(m.type) }));
    const rows = normalizeRows(cols, j.data);
    return { seconds: j.statistics ? j.statistics.elapsed : r.wall, peakKb: r.peakKb, rows, checksum: checksum(rows) };
  });
}

function readJson(f) {
  try {
    return JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch (_) {
    return null;
  }
}

function verdict(q, sql, mine, peers, refRows) {
  const ch = peers.chdb && peers.chdb[q - 1];
  if (!mine || mine.error) return 'error';
  if (!ch) return 'no reference';
  if (mine.checksum === ch.checksum) return 'same';
  const duck = peers.duckdb && peers.duckdb[q - 1];
  const unique = ch.consistent !== false && (!duck || duck.checksum === ch.checksum);
  if (unique || !refRows) return 'DIFF';
  // not unique: without ORDER BY any rows of the right count; with it, the
  // same number of rows and the same ORDER BY (last column) values
  if (!/ORDER BY/i.test(sql)) return mine.rows.length === refRows.length ? 'valid (no order)' : 'DIFF';
  const last = (rows) => rows.map((r) => r[r.length - 1]).sort().join('\u001f');
  return mine.rows.length === refRows.length && last(mine.rows) === last(refRows) ? 'valid (ties)' : 'DIFF';
}

function fmt(x) {
  return x == null ? 'n/a' : x < 0.01 ? x.toFixed(4) : x.toFixed(3);
}

function geomean(xs) {
  const v = xs.filter((x) => x > 0);
  return v.length ? Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length) : null;
}

function main() {
  const o = args();
  const queries = fs.readFileSync(path.join(CLICKBENCH, 'queries.sql'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const summary = readJson(path.join(o.peers, 'summary.json')) || { load: {}, queries: {} };
  const refs = readJson(path.join(o.peers, 'results-chdb.json')) || {};
  const peers = summary.queries || {};
  const ld = o['skip-load'] ? null : load(o);
  const lines = [];
  const hot = { basalt: [], chdb: [], duckdb: [] };
  let correct = 0, worst = 0, worstQ = 0, peakQ = 0;
  queries.forEach((sql, i) => {
    const q = i + 1;
    const runs = runQuery(o, sql.replace(/;$/, ''));
    const ok = runs.filter((r) => !r.error);
    const hotRuns = ok.length > 1 ? ok.slice(1) : ok;
    const b = hotRuns.length ? Math.min(...hotRuns.map((r) => r.seconds)) : null;
    for (const r of ok) peakQ = Math.max(peakQ, r.peakKb || 0);
    const c = peers.chdb && peers.chdb[i] ? peers.chdb[i].hot : null;
    const d = peers.duckdb && peers.duckdb[i] ? peers.duckdb[i].hot : null;
    const ref = refs[String(q)];
    const v = verdict(q, sql, ok[ok.length - 1] || runs[0], peers, ref && ref.rows);
    if (v === 'same' || v.startsWith('valid')) correct++;
    const best = [c, d].filter((x) => x != null);
    const ratio = b != null && best.length ? b / Math.min(...best) : null;
    if (ratio != null && ratio > worst) worst = ratio, worstQ = q;
    if (b != null) hot.basalt.push(b);
    if (c != null) hot.chdb.push(c);
    if (d != null) hot.duckdb.push(d);
    lines.push(`| ${q} | ${fmt(b)} | ${fmt(c)} | ${fmt(d)} | ${ratio == null ? 'n/a' : ratio.toFixed(2)} | ${v} |`);
    process.stderr.write(`Q${q} ${fmt(b)} s ${v}\n`);
  });
  const gm = { basalt: geomean(hot.basalt), chdb: geomean(hot.chdb), duckdb: geomean(hot.duckdb) };
  const bestGm = Math.min(...[gm.chdb, gm.duckdb].filter((x) => x != null));
  const L = summary.load || {};
  const mib = (x) => (x == null ? 'n/a' : (x / 1048576).toFixed(0));
  const out = [];
  out.push(`# ClickBench, ${o.rows} rows — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0].model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
  out.push('');
  out.push('Hot = best of runs 2..3 (basalt: the statement\'s own elapsed time; as for the peers, one process runs all 3 runs of a query). Peers measured in the same run by ../shared/bench/run_peers.sh.');
  out.push('');
  out.push('| system | load s | on disk MiB | peak RSS load MiB | peak RSS queries MiB | hot geomean s | hot total s |');
  out.push('|---|---|---|---|---|---|---|');
  if (ld) out.push(`| basalt | ${ld.load_s.toFixed(1)} | ${mib(ld.bytes)} | ${mib(ld.peak_kb * 1024)} | ${mib(peakQ * 1024)} | ${fmt(gm.basalt)} | ${hot.basalt.reduce((s, x) => s + x, 0).toFixed(2)} |`);
  for (const s of ['chdb', 'duckdb']) {
    const l = L[s];
    if (!l) continue;
    out.push(`| ${s === 'chdb' ? 'ClickHouse (chdb)' : 'DuckDB'} | ${fmt(l.load_s)} | ${mib(l.disk_bytes || l.du_bytes)} | ${mib((l.peak_rss_kb || 0) * 1024)} | ${mib((l.query_peak_rss_kb || 0) * 1024)} | ${fmt(gm[s])} | ${hot[s].reduce((a, x) => a + x, 0).toFixed(2)} |`);
  }
  out.push('');
  out.push(`Correct: ${correct} of ${queries.length}. basalt geomean / best peer geomean: ${gm.basalt && isFinite(bestGm) ? (gm.basalt / bestGm).toFixed(2) : 'n/a'}; worst query vs best peer: Q${worstQ} ${worst.toFixed(2)}x.`);
  out.push('');
  out.push('| Q | basalt hot s | ClickHouse hot s | DuckDB hot s | basalt / best peer | result |');
  out.push('|---|---|---|---|---|---|');
  out.push(...lines);
  fs.writeFileSync(o.out, out.join('\n') + '\n');
  console.log(out.join('\n'));
}

main();
