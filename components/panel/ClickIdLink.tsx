import { useState } from 'react';
import { lacksClickId } from '../../lib/stores/click-id-link';
import { useText } from '../i18n/text';
import { ClickIdForm } from './ClickIdForm';
import { ClickIdProposal } from './ClickIdProposal';
import { usePanel } from './usePanel';

/**
 * The lead's link to the tracker: without a click id the panel says so, proposes the one found in the lead's own
 * message, and takes one typed by hand; with one, it can be corrected.
 */
export function ClickIdLink() {
  const t = useText();
  const lookup = usePanel((state) => state.lookup);
  const [correcting, setCorrecting] = useState(false);

  if (lacksClickId(lookup)) {
    return (
      <section className="td-tracker-data" aria-label={t('clickId.label')}>
        <p className="td-muted">{t('clickId.missing')}</p>
        <ClickIdProposal />
        <ClickIdForm />
      </section>
    );
  }
  if (lookup.status !== 'found') return null;
  const current = lookup.contact.trackerData.clickId ?? '';
  return correcting ? (
    <ClickIdForm initial={current} onDone={() => setCorrecting(false)} />
  ) : (
    <button type="button" className="td-button td-link-button" onClick={() => setCorrecting(true)}>
      {t('clickId.correct')}
    </button>
  );
}
