import type { Delivery } from '../../lib/schemas';
import { useText, type Translate } from '../i18n/text';
import './deliveries.css';

/** A tracker's error is its own text, sometimes a whole HTML page: the first line, cut short, says enough here. */
const ERROR_SHOWN_CHARS = 80;

function briefly(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0] ?? '';
  return line.length > ERROR_SHOWN_CHARS ? `${line.slice(0, ERROR_SHOWN_CHARS - 1).trimEnd()}…` : line;
}

function stateText(t: Translate, delivery: Delivery): string {
  if (delivery.state === 'failed' && delivery.lastError?.trim())
    return t('deliveries.failedBecause', { error: briefly(delivery.lastError) });
  return t(`deliveries.${delivery.state}`);
}

/**
 * Where an event went, one tracker after another: "Keitaro ✓ · Chatterfy queued · Binom held: no click id". The check
 * mark is drawn for the eye only; a screen reader reads "Keitaro delivered". A held event also says how to release it.
 */
export function DeliveryList({ deliveries }: { deliveries: readonly Delivery[] }) {
  const t = useText();
  if (deliveries.length === 0) return null;
  const held = deliveries.some((delivery) => delivery.state === 'held');
  return (
    <>
      <ul className="td-deliveries" aria-label={t('deliveries.label')}>
        {deliveries.map((delivery) => (
          <li key={delivery.destinationId} className={`td-delivery td-delivery-${delivery.state}`}>
            <span className="td-delivery-name">{delivery.destination}</span>{' '}
            {delivery.state === 'delivered' ? (
              <>
                <span aria-hidden="true">✓</span>
                <span className="td-visually-hidden">{stateText(t, delivery)}</span>
              </>
            ) : (
              <span title={delivery.lastError}>{stateText(t, delivery)}</span>
            )}
          </li>
        ))}
      </ul>
      {held && <p className="td-delivery-hint">{t('deliveries.heldHint')}</p>}
    </>
  );
}
