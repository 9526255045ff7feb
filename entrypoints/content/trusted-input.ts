/**
 * The panel's state changes only by the manager's own hand. The shadow root is open (the design asks for it), and even
 * a closed one is reachable by other extensions (`chrome.dom.openOrClosedShadowRoot`), so scripts of a compromised
 * chat page, or another extension's content script, can reach the panel's elements. At the shadow root, before React
 * sees anything:
 *
 * - every event a script made (`isTrusted` false: `dispatchEvent`, `element.click()`) is stopped and its default
 *   cancelled, so a scripted click neither reaches a handler nor checks a radio or submits a form;
 * - an `input` in a text field counts only when the browser announced that very edit with a trusted `beforeinput`
 *   first: typing, pasting, dropping and IME composition do; `document.execCommand('insertText')`, which a page can
 *   run on a field it focused, makes a trusted `input` without one;
 * - a text field's `change` never reaches React (React reads text fields from `input`), so a value a script wrote
 *   into the field is not taken in when the field loses focus;
 * - no form of the panel is ever submitted (a script's `requestSubmit()` makes a trusted submit; the forms act on
 *   their button's click instead).
 *
 * A value a script writes into a field without any event is not taken in either; the forms compare what the page shows
 * with what they hold before acting (`components/form/shownForm.ts`).
 */
const REFUSED_UNTRUSTED = [
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'touchstart',
  'touchend',
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'change',
  'paste',
  'cut',
  'drop',
  'compositionstart',
  'compositionupdate',
  'compositionend',
  'reset',
  'submit',
];

function isTextField(target: EventTarget | null): target is HTMLInputElement | HTMLTextAreaElement {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !['radio', 'checkbox'].includes(target.type))
  );
}

/**
 * An edit the browser announced with a trusted `beforeinput`. Its field is kept apart: once dispatched, an event whose
 * target is in a shadow tree has its target cleared.
 */
interface AnnouncedEdit {
  field: EventTarget | null;
  event: InputEvent;
}

/**
 * Whether an `input` is the edit its `beforeinput` announced: the same field and kind of edit, the same text where both
 * carry it, and an announcement nobody cancelled (a page that cancels the manager's keystroke in its own listener and
 * runs `execCommand` there instead makes an `input` of other text, or one after a cancelled announcement).
 */
function announces(edit: AnnouncedEdit | undefined, input: Event): boolean {
  if (!edit || !(input instanceof InputEvent) || edit.field !== input.target || edit.event.defaultPrevented)
    return false;
  const { inputType, data } = edit.event;
  return inputType === input.inputType && (data === null || input.data === null || data === input.data);
}

export function refuseUntrustedInput(shadow: ShadowRoot): void {
  /** The last trusted `beforeinput` whose `input` has not come yet. */
  let announced: AnnouncedEdit | undefined;

  const refuse = (event: Event) => {
    event.stopImmediatePropagation();
    event.preventDefault();
  };

  const gate = (event: Event) => {
    if (!event.isTrusted) return refuse(event);
    if (event.type === 'beforeinput' && event instanceof InputEvent) announced = { field: event.target, event };
    if (event.type === 'input' && isTextField(event.target)) {
      const edit = announced;
      announced = undefined;
      if (!announces(edit, event)) refuse(event);
    }
    if (event.type === 'change' && isTextField(event.target)) event.stopImmediatePropagation();
    if (event.type === 'submit') event.preventDefault();
  };
  for (const type of REFUSED_UNTRUSTED) shadow.addEventListener(type, gate, { capture: true });
}
