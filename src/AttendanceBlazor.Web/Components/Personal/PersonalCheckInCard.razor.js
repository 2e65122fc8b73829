// The browser's location for a personal check-in, when Settings ask for it and the person allows it: null on a
// refusal, an error or after the timeout, so the check-in never waits for long.
export function locate(timeoutMs) {
    return new Promise(resolve => {
        if (!navigator.geolocation) { resolve(null); return; }
        navigator.geolocation.getCurrentPosition(
            p => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
            () => resolve(null),
            { enableHighAccuracy: false, timeout: timeoutMs, maximumAge: 60000 });
    });
}
