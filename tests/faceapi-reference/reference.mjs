// Writes face-api.js reference detections, landmarks and descriptors for lossless PNG stills.
// usage: node reference.mjs --images DIR --out FILE.json
// The PNGs come from the engine's own decoder (attendance export-png), so both sides see identical pixels;
// each entry records the SHA-256 of those RGB pixels. Regenerate, never edit by hand.
import fs from 'node:fs';
import path from 'node:path';
import { load, decode, analyze } from './faceapi.mjs';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const images = opt('--images');
const out = opt('--out');
if (!images || !out) {
  console.error('usage: node reference.mjs --images DIR --out FILE.json');
  process.exit(2);
}

const info = await load();
const files = fs.readdirSync(images).filter((f) => f.toLowerCase().endsWith('.png')).sort();
const entries = [];
for (const name of files) {
  const img = decode(path.join(images, name));
  const results = await analyze(img);
  entries.push({
    file: name,
    width: img.width,
    height: img.height,
    sha256: img.sha256,
    faces: results.map((r) => ({
      box: { x: r.detection.box.x, y: r.detection.box.y, width: r.detection.box.width, height: r.detection.box.height },
      score: r.detection.score,
      landmarks: r.landmarks.positions.map((p) => [p.x, p.y]),
      descriptor: Array.from(r.descriptor),
    })),
  });
  console.error(`${name}: ${results.length} face(s)`);
}
fs.writeFileSync(out, JSON.stringify({
  generator: 'tests/faceapi-reference/reference.mjs',
  backend: info.backend,
  tfjs: info.tfjs,
  faceapi: info.faceapi,
  minConfidence: 0.5,
  entries,
}, null, 1) + '\n');
console.error(`wrote ${entries.length} entries to ${out}`);
