import { useCallback, useRef } from 'react';
import { contactKeyOf } from '../../lib/domain/contact-key';
import { useText } from '../i18n/text';
import { EventForm } from '../form/EventForm';
import { ClickIdLink } from './ClickIdLink';
import { ContactSummary } from './ContactSummary';
import { EventHistory } from './EventHistory';
import { IdentifyChat } from './IdentifyChat';
import { LookupNotice } from './LookupNotice';
import { TrackerDataList } from './TrackerDataList';
import { usePanel } from './usePanel';

export interface PanelBodyProps {
  /** Whether the shortcut asked for the form to take focus, since last asked; true once per request. */
  takeShortcutFocus: () => boolean;
}

/** The open contact: who it is, its tracker data, the Send event button or form, and its history. */
export function PanelBody({ takeShortcutFocus }: PanelBodyProps) {
  const t = useText();
  const contact = usePanel((state) => state.contact);
  const lookup = usePanel((state) => state.lookup);
  const unidentified = usePanel((state) => state.unidentified);
  const changeIdentity = usePanel((state) => state.changeIdentity);
  const draft = usePanel((state) => (state.contact ? state.drafts[contactKeyOf(state.contact)] : undefined));
  const openForm = usePanel((state) => state.openForm);
  const sendEventButton = useRef<HTMLButtonElement | null>(null);
  const focusSendEventNext = useRef(false);
  // Focus moves into the form only when the manager opened it (Send event here, or the shortcut), never when a draft
  // comes back on a chat switch.
  const focusFormNext = useRef(false);
  const takeFocus = useCallback(() => {
    const take = focusFormNext.current;
    focusFormNext.current = false;
    return takeShortcutFocus() || take;
  }, [takeShortcutFocus]);
  // After Save or Cancel the button may already be back, or appear on the next render: focus it either way.
  const focusSendEvent = useCallback(() => {
    if (sendEventButton.current) sendEventButton.current.focus();
    else focusSendEventNext.current = true;
  }, []);
  const sendEventRef = useCallback((button: HTMLButtonElement | null) => {
    sendEventButton.current = button;
    if (button && focusSendEventNext.current) {
      focusSendEventNext.current = false;
      button.focus();
    }
  }, []);

  if (!contact) return unidentified ? <IdentifyChat /> : <p className="td-muted">{t('panel.noContact')}</p>;

  return (
    <>
      <ContactSummary contact={contact} />
      {unidentified && (
        <button type="button" className="td-button td-link-button" onClick={changeIdentity}>
          {t('identify.change')}
        </button>
      )}
      <LookupNotice lookup={lookup} />
      {lookup.status === 'found' && <TrackerDataList trackerData={lookup.contact.trackerData} />}
      <ClickIdLink key={contactKeyOf(contact)} />
      {draft ? (
        <EventForm draft={draft} takeFocus={takeFocus} onDone={focusSendEvent} />
      ) : (
        <button
          ref={sendEventRef}
          type="button"
          className="td-button td-button-primary td-send-event"
          onClick={() => {
            focusFormNext.current = true;
            openForm();
          }}
        >
          {t('panel.sendEvent')}
        </button>
      )}
      <EventHistory />
    </>
  );
}
