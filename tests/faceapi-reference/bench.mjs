// The face-api.js side of bench/compare-faceapi.sh: decode (pure JS) plus detection, landmarks and descriptors
// for every still in a folder, repeated; prints per-still milliseconds as "median_ms N" on the last line.
import fs from 'node:fs';
import path from 'node:path';
import { load, decode, analyze } from './faceapi.mjs';

const args = process.argv.slice(2);
const opt = (name, d) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : d; };
const images = opt('--images');
const runs = Number(opt('--runs', '3'));
if (!images) { console.error('usage: node bench.mjs --images DIR [--runs N]'); process.exit(2); }

const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
  const p = path.join(dir, e.name);
  return e.isDirectory() ? walk(p) : (/\.(jpe?g|png)$/i.test(e.name) ? [p] : []);
}).sort();

const info = await load();
const files = walk(images);
for (const f of files) await analyze(decode(f)); // warm-up
const samples = [];
for (let r = 0; r < runs; r++) {
  for (const f of files) {
    const t0 = process.hrtime.bigint();
    await analyze(decode(f));
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.max(0, Math.ceil(p * samples.length) - 1))];
console.log(`face-api.js ${info.faceapi} on tfjs ${info.tfjs} (${info.backend}): ${files.length} stills x ${runs} runs`);
console.log(`p95_ms ${pct(0.95).toFixed(2)}`);
console.log(`median_ms ${pct(0.5).toFixed(2)}`);
