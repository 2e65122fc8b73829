// The browser camera behind Camera.razor: a live preview on a <video>, stills drawn to a canvas and encoded as JPEG,
// handed to .NET as a Blob (read there as a stream with a size cap, never as base64). The stream lives on the video
// element, so several cameras on one page do not share state.

export async function start(video) {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return { ok: false, reason: 'unsupported' };
  }
  try {
    video.srcObject = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' },
      audio: false,
    });
  } catch (e) {
    // NotAllowedError: the person or policy said no; NotFoundError/OverconstrainedError: no usable camera.
    return { ok: false, reason: e && e.name === 'NotAllowedError' ? 'denied' : 'absent' };
  }
  // play() can be interrupted (AbortError) when the stream's first frame is late, as on a busy machine: a preview
  // that starts a moment later is still a working camera, so it is tried again before giving up.
  for (let attempt = 0; ; attempt++) {
    try {
      await video.play();
      return { ok: true, reason: null };
    } catch (e) {
      if (attempt >= 4) return { ok: false, reason: 'absent' };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export async function capture(video, quality) {
  if (!video || !video.srcObject || !video.videoWidth) return null;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  return await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

export function stop(video) {
  if (video && video.srcObject) {
    video.srcObject.getTracks().forEach((t) => t.stop());
    video.srcObject = null;
  }
}

// One step of a liveness challenge, in one Blob: a 32-bit frame count, then per frame a 32-bit length and the JPEG
// (little-endian). In a try's first step the first frame is a full still (the check-in's still); the others are drawn
// smaller, every intervalMs for durationMs, which is all the landmarks need and keeps the stream small.
export async function captureBurst(video, durationMs, intervalMs, smallWidth, quality, withStill) {
  if (!video || !video.srcObject || !video.videoWidth) return null;
  const frames = withStill ? [await frame(video, video.videoWidth, quality)] : [];
  const width = Math.min(smallWidth, video.videoWidth);
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    frames.push(await frame(video, width, quality));
  }
  return pack(frames);
}

// Full stills taken one after another (a registration keeps the good ones), packed like a burst.
export async function captureStills(video, count, intervalMs, quality) {
  if (!video || !video.srcObject || !video.videoWidth) return null;
  const frames = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
    frames.push(await frame(video, video.videoWidth, quality));
  }
  return pack(frames);
}

async function frame(video, width, quality) {
  const height = Math.round(video.videoHeight * width / video.videoWidth);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d').drawImage(video, 0, 0, width, height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  return new Uint8Array(await blob.arrayBuffer());
}

function pack(frames) {
  const size = 4 + frames.reduce((n, f) => n + 4 + f.length, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, frames.length, true);
  let at = 4;
  for (const f of frames) {
    view.setUint32(at, f.length, true);
    bytes.set(f, at + 4);
    at += 4 + f.length;
  }
  return new Blob([bytes], { type: 'application/octet-stream' });
}
