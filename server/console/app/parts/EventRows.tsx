import { useState } from 'react';
import type { AdminEvent } from '../../../../lib/schemas/admin-deliveries';
import { useApi } from '../context';
import { useFormatTime, useText } from '../i18n/text';
import { leadHref } from '../route';
import { problemText } from './problem-text';

/** Events as table rows: when, what, whose, from where, and each delivery with Resend on a failed one. */
export function EventTable({
  label,
  events,
  showContact,
  onResent,
}: {
  label: string;
  events: readonly AdminEvent[];
  showContact: boolean;
  onResent(): void;
}) {
  const t = useText();
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('events.when')}</th>
            <th scope="col">{t('events.event')}</th>
            {showContact && <th scope="col">{t('events.contact')}</th>}
            <th scope="col">{t('events.source')}</th>
            <th scope="col">{t('events.manager')}</th>
            <th scope="col">{t('events.deliveries')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <EventRow key={event.id} event={event} showContact={showContact} onResent={onResent} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EventRow({ event, showContact, onResent }: { event: AdminEvent; showContact: boolean; onResent(): void }) {
  const t = useText();
  const api = useApi();
  const time = useFormatTime();
  const [notice, setNotice] = useState('');
  const resend = (destinationId: string, destination: string) =>
    api.resend(event.id, destinationId).then(
      () => {
        setNotice(t('events.resent', { destination }));
        onResent();
      },
      (error: unknown) => setNotice(problemText(error)),
    );
  const contact = event.contact.username
    ? `@${event.contact.username}`
    : (event.contact.displayName ?? event.contact.externalId);
  const source =
    event.source === 'flow' && event.stepName
      ? t('source.flowStep', { step: event.stepName })
      : t(`source.${event.source}`);
  return (
    <tr>
      <td>{time(event.occurredAt)}</td>
      <th scope="row">
        {t(`eventType.${event.type}`)}
        {event.amount ? ` ${event.amount} ${event.currency ?? ''}` : ''}
      </th>
      {showContact && (
        <td>
          <a href={leadHref(event.contact.channel, event.contact.externalId)}>{contact}</a>
        </td>
      )}
      <td>{source}</td>
      <td>{event.operator?.name ?? '—'}</td>
      <td>
        {event.deliveries.length === 0 ? (
          t('events.noDeliveries')
        ) : (
          <ul className="deliveries">
            {event.deliveries.map((delivery) => (
              <li key={delivery.destinationId} className={`state-${delivery.state}`}>
                <span>
                  {delivery.destination}: {t(`state.${delivery.state}`)}
                  {delivery.attempts > 1 ? ` (${t('events.attempts', { count: delivery.attempts })})` : ''}
                  {delivery.lastError ? ` — ${delivery.lastError}` : ''}
                </span>
                {delivery.state === 'failed' && (
                  <button type="button" onClick={() => void resend(delivery.destinationId, delivery.destination)}>
                    {t('events.resend')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <p role="status" className="notice">
          {notice}
        </p>
      </td>
    </tr>
  );
}
