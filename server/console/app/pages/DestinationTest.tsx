import { useState } from 'react';
import type { EventType } from '../../../../lib/schemas/api';
import type { DestinationTestResult } from '../../../../lib/schemas/admin-deliveries';
import type { Destination } from '../../../../lib/schemas/destination';
import { useApi } from '../context';
import { useText } from '../i18n/text';
import { problemText } from '../parts/problem-text';

/**
 * Test: one real postback with the values under "Test values" (a deposit of 10.00 USD by default, or the first type
 * the destination takes), then the request as sent, secrets masked by the server, and the tracker's answer.
 */
export function DestinationTest({ destination }: { destination: Destination }) {
  const t = useText();
  const api = useApi();
  const [type, setType] = useState<EventType>(
    destination.events.includes('deposit') ? 'deposit' : (destination.events[0] ?? 'registration'),
  );
  const [clickId, setClickId] = useState('tracker-data-test');
  const [amount, setAmount] = useState('10.00');
  const [currency, setCurrency] = useState('USD');
  const [result, setResult] = useState<DestinationTestResult>();
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `test-${destination.id}`;
  const run = async () => {
    setBusy(true);
    setProblem('');
    setResult(undefined);
    try {
      setResult(
        await api.testDestination(destination.id, {
          type,
          clickId: clickId.trim(),
          ...(type === 'registration' ? {} : { amount: amount.trim(), currency: currency.trim().toUpperCase() }),
        }),
      );
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="test">
      <details>
        <summary>{t('destinations.testValues')}</summary>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('destinations.testType')}</label>
          <select id={`${id}-type`} value={type} onChange={(event) => setType(event.target.value as EventType)}>
            {destination.events.map((each) => (
              <option key={each} value={each}>
                {t(`eventType.${each}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-click`}>{t('destinations.testClickId')}</label>
          <input
            id={`${id}-click`}
            value={clickId}
            onChange={(event) => setClickId(event.target.value)}
            spellCheck={false}
          />
        </div>
        {type !== 'registration' && (
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-amount`}>{t('destinations.testAmount')}</label>
              <input
                id={`${id}-amount`}
                inputMode="decimal"
                value={amount}
                onChange={(event) => setAmount(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-currency`}>{t('destinations.testCurrency')}</label>
              <input
                id={`${id}-currency`}
                value={currency}
                maxLength={4}
                onChange={(event) => setCurrency(event.target.value)}
              />
            </div>
          </div>
        )}
      </details>
      <button
        type="button"
        onClick={() => void run()}
        disabled={busy}
        aria-describedby={result || problem ? `${id}-result` : undefined}
      >
        {t('destinations.test')}
      </button>
      <div id={`${id}-result`} role="status" className="test-result">
        {problem && <p className="problem-text">{problem}</p>}
        {result && (
          <>
            <h3>{t('destinations.request')}</h3>
            <pre>
              {result.request.method} {result.request.url}
              {Object.entries(result.request.headers ?? {}).map(([name, value]) => `\n${name}: ${value}`)}
              {result.request.body ? `\n\n${result.request.body}` : ''}
            </pre>
            <h3>{t('destinations.response')}</h3>
            {result.response ? (
              <>
                <p>{t('destinations.status', { status: result.response.status })}</p>
                <pre>{result.response.body}</pre>
              </>
            ) : (
              <p className="problem-text">{t('destinations.noAnswer', { error: result.error ?? '' })}</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
