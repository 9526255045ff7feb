import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import type { TrackerEvent } from '../../lib/schemas';
import { createFailedDeliveriesStore, type FailedDeliveriesStore } from '../../lib/stores/failed-deliveries-store';
import { DeliveryList } from '../deliveries/DeliveryList';
import { describeEvent, formatTime } from '../format';
import { useLocale, useText } from '../i18n/text';

function FailedDeliveryItem({ event }: { event: TrackerEvent }) {
  const t = useText();
  const locale = useLocale();
  const contact = event.contact.displayName || event.contact.username || event.contact.externalId;
  return (
    <li className="td-event td-event-failed">
      <div className="td-event-line">
        <span className="td-event-what">{describeEvent(t, event, locale)}</span>
      </div>
      <div className="td-event-meta">
        <span>{contact}</span>
        <time dateTime={event.occurredAt}>{formatTime(event.occurredAt, locale)}</time>
      </div>
      <DeliveryList deliveries={event.deliveries ?? []} />
    </li>
  );
}

function FailedDeliveryList({ store }: { store: FailedDeliveriesStore }) {
  const t = useText();
  const headingId = useId();
  const events = useStore(store, (state) => state.events);
  const problem = useStore(store, (state) => state.problem);
  if (events.length === 0 && !problem) return null;
  return (
    <section className="td-popup-events" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('deliveries.failedHeading')}</h2>
      {problem && <p className="td-muted">{t('deliveries.failedUnread', { message: problem })}</p>}
      {events.length > 0 && (
        <>
          <ul className="td-events" aria-labelledby={headingId}>
            {events.map((event) => (
              <FailedDeliveryItem key={event.id} event={event} />
            ))}
          </ul>
          <p className="td-muted">{t('deliveries.failedHint')}</p>
        </>
      )}
    </section>
  );
}

/**
 * The signed-in operator's events that a tracker refused or the server gave up on, as the platform lists them. Its
 * store is made when it mounts (the popup opens signed in, or signs in), so the list is read once per showing.
 */
export function FailedDeliveries() {
  const [store, setStore] = useState<FailedDeliveriesStore>();
  // The store asks the background for the list as it is made: made in an effect, not in render, so asked once.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setStore(createFailedDeliveriesStore()), []);
  return store ? <FailedDeliveryList store={store} /> : null;
}
