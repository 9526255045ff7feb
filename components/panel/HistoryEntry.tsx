import { memo } from 'react';
import { sameHistoryItem, type HistoryItem } from '../../lib/domain/event-history';
import { DeliveryList } from '../deliveries/DeliveryList';
import { describeEvent, formatTime } from '../format';
import { useLocale, useText, type Locale, type Translate } from '../i18n/text';
import { FailedEventActions } from './FailedEventActions';

function sourceText(t: Translate, item: HistoryItem): string {
  if (item.source === 'flow') return item.stepName ? t('source.flowStep', { step: item.stepName }) : t('source.flow');
  return t(`source.${item.source}`);
}

/** Names the other event of a possible duplicate by who logged it and its time, as its own line shows them. */
function sameDepositText(t: Translate, other: HistoryItem, locale: Locale): string {
  const time = formatTime(other.occurredAt, locale);
  if (other.source === 'postback') return t('history.sameDepositAsPostback', { time });
  if (other.source === 'flow') return t('history.sameDepositAsFlow', { time });
  return t('history.sameDepositAsManual', { time });
}

const sameCounterpart = (a: HistoryItem | undefined, b: HistoryItem | undefined) =>
  a === b || (a !== undefined && b !== undefined && sameHistoryItem(a, b));

/**
 * One event of the contact's history: what, how much, when, who logged it, whether it reached the platform, and
 * which trackers it reached; when it may be the same payment as another event (`sameDepositAs`), which one.
 * Memoised by what it shows: while the outbox drains, each reload brings every item anew and most are unchanged.
 */
export const HistoryEntry = memo(
  function HistoryEntry({ item, sameDepositAs }: { item: HistoryItem; sameDepositAs?: HistoryItem }) {
    const t = useText();
    const locale = useLocale();
    return (
      <li className={`td-event td-event-${item.state}`}>
        <div className="td-event-line">
          <span className="td-event-what">{describeEvent(t, item, locale)}</span>
          <span className={`td-badge td-badge-${item.state}`}>{t(`state.${item.state}`)}</span>
        </div>
        <div className="td-event-meta">
          <time dateTime={item.occurredAt}>{formatTime(item.occurredAt, locale)}</time>
          <span>{sourceText(t, item)}</span>
          {item.rejectedByTracker && <span>{t('history.rejectedByTracker')}</span>}
        </div>
        {item.deliveries && <DeliveryList deliveries={item.deliveries} />}
        {sameDepositAs && (
          <p className="td-event-duplicate" role="note">
            {sameDepositText(t, sameDepositAs, locale)}
          </p>
        )}
        {item.note && <p className="td-event-note">{item.note}</p>}
        {item.state === 'failed' && <FailedEventActions item={item} />}
      </li>
    );
  },
  (before, after) =>
    sameHistoryItem(before.item, after.item) && sameCounterpart(before.sameDepositAs, after.sameDepositAs),
);
