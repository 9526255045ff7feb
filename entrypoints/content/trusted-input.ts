/**
 * Events that make the panel act. The shadow root is open (the design asks for it), so a script of a compromised chat
 * page can reach the panel's buttons; `isTrusted` is false for every event a script makes, and true only for what the
 * manager does with the mouse and keyboard, so scripted clicks, key presses and submits are stopped before React sees
 * them. Scripted input and change events are let through: they can only change what the form shows the manager, and
 * nothing is sent without a real click or key press on Save.
 */
const ACTING_EVENTS = ['click', 'dblclick', 'auxclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'submit'];

export function refuseUntrustedInput(shadow: ShadowRoot): void {
  const refuse = (event: Event) => {
    if (!event.isTrusted) event.stopImmediatePropagation();
  };
  for (const type of ACTING_EVENTS) shadow.addEventListener(type, refuse, { capture: true });
}
