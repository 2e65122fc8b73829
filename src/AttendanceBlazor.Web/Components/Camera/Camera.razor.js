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
  await video.play();
  return { ok: true, reason: null };
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
