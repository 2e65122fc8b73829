// Compares two `attendance embed` outputs of the same stills (reference and fast detector): faces found in both,
// box IoU, descriptor distance; with a labels.csv (file,faces,identities,...) also the genuine and impostor distances
// of each mode over the single-face stills. usage: node compare-detectors.mjs REF.jsonl FAST.jsonl [LABELS.csv ROOT]
import fs from 'node:fs';
import path from 'node:path';

const [refFile, fastFile, labelsFile, root] = process.argv.slice(2);
const read = (f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const ref = read(refFile);
const fast = read(fastFile);
const dist = (a, b) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0));
const iou = (p, q) => {
  const w = Math.max(0, Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x));
  const h = Math.max(0, Math.min(p.y + p.height, q.y + q.height) - Math.max(p.y, q.y));
  return (w * h) / (p.width * p.height + q.width * q.height - w * h);
};
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

const ious = [];
const shifts = [];
let missing = 0;
let extra = 0;
ref.forEach((r, k) => {
  const f = fast[k];
  if (f.file !== r.file) throw new Error(`line ${k + 1}: ${r.file} against ${f.file}`);
  extra += Math.max(0, f.faces.length - r.faces.length);
  for (const face of r.faces) {
    const best = f.faces.reduce((b, q) => (b && iou(face, b) >= iou(face, q) ? b : q), null);
    if (!best || iou(face, best) < 0.5) { missing++; continue; }
    ious.push(iou(face, best));
    shifts.push(dist(face.descriptor, best.descriptor));
  }
});
console.log(`stills ${ref.length}, faces ${ious.length + missing}: missing in fast ${missing}, extra in fast ${extra}`);
console.log(`box IoU min ${Math.min(...ious).toFixed(3)} median ${median(ious).toFixed(3)}`);
console.log(`descriptor distance fast to reference: median ${median(shifts).toFixed(3)} max ${Math.max(...shifts).toFixed(3)}`);

if (labelsFile) {
  const [header, ...rows] = fs.readFileSync(labelsFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split(','));
  const col = (n) => header.indexOf(n);
  const labels = new Map(rows.map((r) => [path.resolve(root, r[col('file')]), { faces: r[col('faces')], who: r[col('identities')] }]));
  for (const [mode, lines] of [['reference', ref], ['fast', fast]]) {
    const people = [];
    for (const l of lines) {
      const label = labels.get(path.resolve(l.file));
      if (!label || label.faces !== '1' || l.faces.length === 0) continue;
      const face = l.faces.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
      people.push({ who: label.who === 'unknown' ? `unknown:${l.file}` : label.who, d: face.descriptor });
    }
    const genuine = [];
    const impostor = [];
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        (people[i].who === people[j].who ? genuine : impostor).push(dist(people[i].d, people[j].d));
      }
    }
    const errors = genuine.filter((d) => d > 0.6).length + impostor.filter((d) => d <= 0.6).length;
    console.log(`${mode}: ${people.length} single-face stills, genuine max ${Math.max(...genuine).toFixed(3)}, impostor min ${Math.min(...impostor).toFixed(3)}, errors at 0.6: ${errors}`);
  }
}
