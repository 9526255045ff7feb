import { memo, useId, useMemo } from 'react';
import { historyOf } from '../../lib/domain/event-history';
import { possibleDuplicateOf } from '../../lib/domain/possible-duplicates';
import { useText } from '../i18n/text';
import { HistoryEntry } from './HistoryEntry';
import { usePanel } from './usePanel';

/**
 * The contact's events, newest first: the platform's and the ones still in this browser's outbox, as one list; a
 * logged deposit and a postback that may be the same payment each name the other.
 * Memoised: it re-renders when the history changes, not with every keystroke in the form beside it. A long history
 * re-rendered on Save kept the page busy while the event waited to leave for the background (docs/performance.md).
 */
export const EventHistory = memo(function EventHistory() {
  const t = useText();
  const headingId = useId();
  const lookup = usePanel((state) => state.lookup);
  const outbox = usePanel((state) => state.outbox);
  const history = useMemo(() => historyOf(lookup, outbox), [lookup, outbox]);
  const duplicateOf = useMemo(() => possibleDuplicateOf(history), [history]);
  if (lookup.status === 'loading' && history.length === 0) return null;
  return (
    <section className="td-history" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('history.heading')}</h3>
      {history.length === 0 ? (
        <p className="td-muted">{t('history.empty')}</p>
      ) : (
        <ol className="td-events" aria-labelledby={headingId}>
          {history.map((item) => (
            <HistoryEntry key={item.id} item={item} sameDepositAs={duplicateOf.get(item.id)} />
          ))}
        </ol>
      )}
    </section>
  );
});
