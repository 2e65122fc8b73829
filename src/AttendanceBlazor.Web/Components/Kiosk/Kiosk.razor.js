// The kiosk's own browser side, beside the shared camera (Components/Camera): the space bar as a shutter, and
// automatic capture when someone arrives and holds still.
let keyHandler = null;

export function listenForSpace(dotnet) {
  stopListening();
  keyHandler = (e) => {
    const typing = e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA');
    if (e.code === 'Space' && !typing) {
      e.preventDefault();
      dotnet.invokeMethodAsync('OnShutterKey');
    }
  };
  document.addEventListener('keydown', keyHandler);
}

export function stopListening() {
  if (keyHandler) document.removeEventListener('keydown', keyHandler);
  keyHandler = null;
}

// Automatic capture: someone arrives (the picture changes), then holds still for HOLD_MS: .NET is told once, and
// watches again only after it calls rearm(). Frames are compared as 64 x 48 grey thumbnails, five times a second:
// cheap enough for a small kiosk PC. Whether there is a face is the server's call, not this heuristic's.
const SAMPLE_MS = 200;
const HOLD_MS = 1000;
const MOTION = 12;   // mean absolute difference (0 to 255) that counts as movement
const STILL = 4;     // and below which the picture counts as still
let watchTimer = null;
let armed = false;

export function watchStillness(video, dotnet) {
  stopWatching();
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let previous = null;
  let sawMotion = false;
  let stillSince = null;
  armed = true;
  watchTimer = setInterval(() => {
    if (!video.srcObject || !video.videoWidth) return;
    context.drawImage(video, 0, 0, 64, 48);
    const rgba = context.getImageData(0, 0, 64, 48).data;
    const grey = new Float32Array(64 * 48);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j++) grey[j] = 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
    if (previous) {
      let diff = 0;
      for (let j = 0; j < grey.length; j++) diff += Math.abs(grey[j] - previous[j]);
      diff /= grey.length;
      const now = performance.now();
      if (diff > MOTION) {
        sawMotion = true;
        stillSince = null;
      } else if (diff < STILL) {
        stillSince = stillSince ?? now;
        if (armed && sawMotion && now - stillSince >= HOLD_MS) {
          armed = false;
          sawMotion = false;
          dotnet.invokeMethodAsync('OnHeldStill');
        }
      }
    }
    previous = grey;
  }, SAMPLE_MS);
}

export function rearm() {
  armed = true;
}

export function stopWatching() {
  if (watchTimer) clearInterval(watchTimer);
  watchTimer = null;
}

export function stop() {
  stopListening();
  stopWatching();
}
