import { useState } from 'react';
import { deliveryStateSchema } from '../../../../lib/schemas/delivery';
import type { AdminDestination } from '../../../../lib/schemas/admin-deliveries';
import { useApi } from '../context';
import { useText } from '../i18n/text';
import { LoadProblem } from '../parts/LoadProblem';
import { PageHeading } from '../parts/PageHeading';
import { ProblemAlert } from '../parts/ProblemAlert';
import { useLoad } from '../parts/use-load';
import { DestinationForm } from './DestinationForm';
import { DestinationTest } from './DestinationTest';
import { problemText } from '../parts/problem-text';

const COUNTED = deliveryStateSchema.options;

export function Destinations() {
  const t = useText();
  const api = useApi();
  const destinations = useLoad(() => api.listDestinations(), [api]);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  const saved = (name: string) => {
    setAdding(false);
    setNotice(t('destinations.saved', { name }));
    destinations.reload();
  };
  return (
    <>
      <PageHeading>{t('destinations.heading')}</PageHeading>
      <p role="status" className="notice">
        {notice}
      </p>
      {adding ? (
        <DestinationForm onSaved={saved} onCancel={() => setAdding(false)} />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t('destinations.add')}
        </button>
      )}
      {destinations.problem && <LoadProblem message={destinations.problem} retry={destinations.reload} />}
      <ul className="cards">
        {destinations.data?.destinations.map((destination) => (
          <li key={destination.id}>
            <DestinationCard destination={destination} onSaved={saved} />
          </li>
        ))}
      </ul>
    </>
  );
}

function DestinationCard({ destination, onSaved }: { destination: AdminDestination; onSaved(name: string): void }) {
  const t = useText();
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState('');
  const headingId = `destination-${destination.id}-name`;
  const toggle = () =>
    api.updateDestination({ ...destination, enabled: !destination.enabled }).then(
      (saved) => onSaved(saved.destination.name),
      (error: unknown) => setProblem(problemText(error)),
    );
  if (editing)
    return (
      <DestinationForm
        editing={destination}
        onSaved={(name) => {
          setEditing(false);
          onSaved(name);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{destination.name}</h2>
      <p>
        {t('destinations.kindLine', {
          kind: t(`preset.${destination.kind}`),
          state: destination.enabled ? t('destinations.on') : t('destinations.off'),
        })}
      </p>
      <p className="url">
        <code>{destination.url}</code>
      </p>
      <p>
        {destination.events.map((type) => `${t(`eventType.${type}`)} → ${destination.statusMap[type]}`).join(' · ')}
      </p>
      <h3 id={`${headingId}-today`}>{t('destinations.today')}</h3>
      <dl className="counts" aria-labelledby={`${headingId}-today`}>
        {COUNTED.map((state) => (
          <div key={state}>
            <dt>{t(`state.${state}`)}</dt>
            <dd>{destination.today[state]}</dd>
          </div>
        ))}
      </dl>
      <ProblemAlert problem={problem} />
      <div className="actions">
        <button
          type="button"
          onClick={() => setEditing(true)}
          aria-label={t('destinations.edit', { name: destination.name })}
        >
          {t('destinations.editShort')}
        </button>
        <button type="button" onClick={() => void toggle()}>
          {destination.enabled ? t('destinations.disable') : t('destinations.enable')}
        </button>
      </div>
      <DestinationTest destination={destination} />
    </article>
  );
}
