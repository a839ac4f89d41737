#!/usr/bin/env node
// bench/scaling.cjs [ROWS...] — from bench/results/<ROWS>.md (written by
// `make bench`), one table of basalt's hot time per query at each size and
// the growth between sizes against the growth in rows (1.00 = linear), into
// bench/results/scaling.md. Default sizes: 1000000 10000000 30000000.
'use strict';
const fs = require('fs');
const path = require('path');
const sizes = process.argv.slice(2).length ? process.argv.slice(2).map(Number) : [1000000, 10000000, 30000000];
const dir = path.join(__dirname, 'results');
const times = {}, loads = {};
for (const n of sizes) {
  const text = fs.readFileSync(path.join(dir, `${n}.md`), 'utf8');
  times[n] = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^\| (\d+) \| ([0-9.]+) \|/);
    if (m) times[n][Number(m[1])] = Number(m[2]);
    const l = line.match(/^\| basalt \| ([0-9.]+) \|/);
    if (l) loads[n] = Number(l[1]);
  }
}
const fmt = (x) => (x >= 0.1 ? x.toFixed(3) : x.toPrecision(2));
const out = [];
out.push(`# Scaling: basalt hot times at ${sizes.map((n) => n / 1e6 + ' M').join(', ')} rows`, '');
out.push('From the `make bench` tables in this folder (same machine). A growth column is (time ratio) / (row ratio): 1.00 is linear, below 1 better than linear. Times under 5 ms are dominated by fixed costs and not rated.', '');
const head = ['Q', ...sizes.map((n) => `${n / 1e6} M s`)];
for (let i = 1; i < sizes.length; i++) head.push(`growth ${sizes[i - 1] / 1e6}→${sizes[i] / 1e6} M`);
out.push('| ' + head.join(' | ') + ' |', '|' + head.map(() => '---').join('|') + '|');
const growth = sizes.slice(1).map(() => []);
for (let q = 1; q <= 43; q++) {
  const row = [q, ...sizes.map((n) => (times[n][q] !== undefined ? fmt(times[n][q]) : 'n/a'))];
  for (let i = 1; i < sizes.length; i++) {
    const a = times[sizes[i - 1]][q], b = times[sizes[i]][q];
    if (a === undefined || b === undefined || a < 0.005 || b < 0.005) { row.push('–'); continue; }
    const g = (b / a) / (sizes[i] / sizes[i - 1]);
    growth[i - 1].push(g);
    row.push(g.toFixed(2));
  }
  out.push('| ' + row.join(' | ') + ' |');
}
const gm = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
out.push('', '| | ' + sizes.map((n) => `${n / 1e6} M`).join(' | ') + ' |', '|---|' + sizes.map(() => '---').join('|') + '|');
out.push('| load s | ' + sizes.map((n) => loads[n] ?? 'n/a').join(' | ') + ' |');
out.push('', growth.map((g, i) => `Geometric mean growth ${sizes[i] / 1e6}→${sizes[i + 1] / 1e6} M: ${gm(g).toFixed(2)} (${g.length} queries rated, worst ${Math.max(...g).toFixed(2)}).`).join('\n'));
fs.writeFileSync(path.join(dir, 'scaling.md'), out.join('\n') + '\n');
console.log(out.slice(-1).join('\n'));
