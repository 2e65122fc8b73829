// Loads the original face-api.js on TensorFlow.js with the WASM backend, in Node, and decodes stills in pure JS.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
export const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const { PNG } = require('pngjs');
const jpeg = require('jpeg-js');

export async function load() {
  // The .wasm files ship inside the npm package: point tfjs at that folder, never at a CDN.
  wasm.setWasmPaths(path.join(here, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + path.sep);
  await tf.setBackend('wasm');
  await tf.ready();
  const modelDir = path.join(here, 'node_modules', '@vladmandic', 'face-api', 'model');
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  return { backend: tf.getBackend(), tfjs: tf.version.tfjs, faceapi: faceapi.version };
}

// RGB bytes of a PNG or JPEG. Alpha is composited over white with the same rounding as the C# decoder,
// so an RGBA PNG gives both sides the same pixels.
export function decode(file) {
  const data = fs.readFileSync(file);
  let width, height, rgba;
  if (data[0] === 0x89 && data[1] === 0x50) {
    const png = PNG.sync.read(data);
    ({ width, height } = png);
    rgba = png.data;
  } else {
    const img = jpeg.decode(data, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 2048 });
    ({ width, height } = img);
    rgba = img.data;
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    const a = rgba[i + 3];
    for (let c = 0; c < 3; c++) {
      rgb[j + c] = a === 255 ? rgba[i + c] : Math.floor((rgba[i + c] * a + 255 * (255 - a) + 127) / 255);
    }
  }
  return { width, height, rgb, sha256: crypto.createHash('sha256').update(rgb).digest('hex') };
}

export async function analyze(img, minConfidence = 0.5) {
  const tensor = tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
  try {
    const options = new faceapi.SsdMobilenetv1Options({ minConfidence, maxResults: 100 });
    return await faceapi.detectAllFaces(tensor, options).withFaceLandmarks().withFaceDescriptors();
  } finally {
    tensor.dispose();
  }
}
