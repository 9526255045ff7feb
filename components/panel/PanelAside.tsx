import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { focusedIn } from '../focused';
import { useText } from '../i18n/text';
import { PanelBody } from './PanelBody';
import { StatusAnnouncer } from './StatusAnnouncer';
import { themeClass } from './themeClass';
import { usePanel, usePanelStore } from './usePanel';

/** The Tracker Data panel beside the chat, shown while it is open. */
export function PanelAside() {
  const t = useText();
  const open = usePanel((state) => state.open);
  const theme = usePanel((state) => state.theme);
  const closeFromPanel = usePanel((state) => state.closeFromPanel);
  const aside = useRef<HTMLElement>(null);
  // Kept here, mounted while the panel is closed too: a request is served once, whatever opens the panel later.
  const store = usePanelStore();
  const formFocusServed = useRef(store.getState().formFocusRequest);
  const takeShortcutFocus = useCallback(() => {
    const requested = store.getState().formFocusRequest;
    const take = formFocusServed.current !== requested;
    formFocusServed.current = requested;
    return take;
  }, [store]);
  // The panel is mounted apart from its button (at the end of the page), so Tab from the button would never reach it:
  // opening moves focus into it, by button or keyboard shortcut alike, and closing gives it back to the button. A form
  // that opened with the panel (the shortcut) has taken focus already: its effect runs before this one.
  useEffect(() => {
    const panel = aside.current;
    if (open && panel && !panel.contains(focusedIn(panel))) panel.focus();
    // A request no form served while the panel was open (no contact to log for) is not served by a later one.
    if (!open) formFocusServed.current = store.getState().formFocusRequest;
  }, [open, store]);
  if (!open) return null;

  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') closeFromPanel();
  };

  return (
    <aside
      ref={aside}
      tabIndex={-1}
      className={`td-panel${themeClass(theme)}`}
      aria-label={t('tracker.name')}
      onKeyDown={closeOnEscape}
    >
      <header className="td-panel-header">
        <h2>{t('tracker.name')}</h2>
        <button type="button" className="td-icon-button" aria-label={t('panel.close')} onClick={closeFromPanel}>
          ×
        </button>
      </header>
      <StatusAnnouncer />
      <PanelBody takeShortcutFocus={takeShortcutFocus} />
    </aside>
  );
}
