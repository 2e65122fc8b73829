// The kiosk's screen stays on while the page is shown: the Screen Wake Lock API where the browser has it. The lock
// is dropped by the browser whenever the page is hidden, so it is asked for again each time the page comes back.
let lock = null;

async function acquire() {
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    try {
        lock = await navigator.wakeLock.request("screen");
        document.body.dataset.wakeLock = "held";
        lock.addEventListener("release", () => { document.body.dataset.wakeLock = "released"; });
    } catch {
        // Refused (battery saver, no user gesture yet on some browsers): the kiosk works, the screen may dim.
        document.body.dataset.wakeLock = "refused";
    }
}

export function keepAwake() {
    document.addEventListener("visibilitychange", acquire);
    return acquire();
}

export async function release() {
    document.removeEventListener("visibilitychange", acquire);
    if (lock) await lock.release();
    lock = null;
}

export async function fullScreen() {
    try {
        if (document.fullscreenElement) await document.exitFullscreen();
        else await document.documentElement.requestFullscreen();
    } catch {
        // Not allowed here (an iframe, a browser setting): the kiosk stays as it is.
    }
}

export function submit(id, field, value) {
    const form = document.getElementById(id);
    if (!form) return;
    if (field) form.elements[field].value = value;
    form.requestSubmit();
}
