import { useEffect, useRef } from 'react';
import { useText } from '../i18n/text';
import { themeClass } from './themeClass';
import { usePanel } from './usePanel';

/** The Tracker Data button: opens and closes the panel, and takes focus back when the panel is closed from inside. */
export function PanelToggle({ floating = false }: { floating?: boolean }) {
  const t = useText();
  const open = usePanel((state) => state.open);
  const theme = usePanel((state) => state.theme);
  const toggle = usePanel((state) => state.toggle);
  const focusRequest = usePanel((state) => state.buttonFocusRequest);
  const button = useRef<HTMLButtonElement>(null);
  const seenRequest = useRef(focusRequest);

  useEffect(() => {
    if (focusRequest === seenRequest.current) return;
    seenRequest.current = focusRequest;
    button.current?.focus();
  }, [focusRequest]);

  return (
    <button
      ref={button}
      type="button"
      className={`td-toggle${floating ? ' td-toggle-floating' : ''}${themeClass(theme)}`}
      aria-expanded={open}
      onClick={toggle}
    >
      {t('tracker.name')}
    </button>
  );
}
