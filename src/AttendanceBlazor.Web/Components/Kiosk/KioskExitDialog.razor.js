// The exit dialog's e-mail field keeps the focus while the dialog settles: MudBlazor's focus trap focuses one of its
// own sentinels when it starts, at a moment that depends on the machine's load, and a keyboard user's typing would go
// there. For a few seconds, whenever the focus sits on something that is not a field or a button, it goes back to the
// e-mail field; once the person has moved on (to the password, a button), it is left alone.
export function holdFocus(id, ms) {
  const started = performance.now();
  const tick = () => {
    const field = document.getElementById(id);
    if (!field) return;
    const active = document.activeElement;
    const settled = active && (active.tagName === 'INPUT' || active.tagName === 'BUTTON' || active.tagName === 'TEXTAREA');
    if (!settled) field.focus();
    if (performance.now() - started < ms) setTimeout(tick, 50);
  };
  tick();
}
