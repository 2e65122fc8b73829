// The kiosk camera: a live preview, stills drawn to a canvas and encoded as JPEG, handed to .NET as a stream
// (never as base64), and the space bar as a shutter.
let stream = null;
let keyHandler = null;

export async function start(video) {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return { ok: false, reason: 'unsupported' };
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' },
      audio: false,
    });
  } catch (e) {
    // NotAllowedError: the person or policy said no; NotFoundError/OverconstrainedError: no usable camera.
    return { ok: false, reason: e && e.name === 'NotAllowedError' ? 'denied' : 'absent' };
  }
  video.srcObject = stream;
  await video.play();
  return { ok: true, reason: null };
}

// Returns the still as a Blob; Blazor turns it into an IJSStreamReference read with a size cap.
export async function capture(video, quality) {
  if (!stream || !video.videoWidth) return null;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  return await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

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

export function stop(video) {
  stopListening();
  if (stream) stream.getTracks().forEach((t) => t.stop());
  stream = null;
  if (video) video.srcObject = null;
}
