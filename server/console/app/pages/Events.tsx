import { useState, type FormEvent } from 'react';
import { eventTypeSchema } from '../../../../lib/schemas/api';
import type { AdminEvent, AdminEventQuery } from '../../../../lib/schemas/admin-deliveries';
import { deliveryStateSchema } from '../../../../lib/schemas/delivery';
import { useApi } from '../context';
import { useText } from '../i18n/text';
import { EventTable } from '../parts/EventRows';
import { downloadCsv, eventsCsv } from '../parts/events-csv';
import { LoadProblem } from '../parts/LoadProblem';
import { PageHeading } from '../parts/PageHeading';
import { useLoad } from '../parts/use-load';
import { problemText } from '../parts/problem-text';

/** At most this many pages go into one CSV, so an export of years of events cannot hang the tab. */
const EXPORT_PAGES_MAX = 200;

interface Filter {
  operator: string;
  contact: string;
  type: string;
  state: string;
  from: string;
  to: string;
}

const NO_FILTER: Filter = { operator: '', contact: '', type: '', state: '', from: '', to: '' };

/** Dates are whole days in UTC, the server's day. */
function toQuery(filter: Filter): AdminEventQuery {
  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString();
  return {
    operator: filter.operator || undefined,
    contact: filter.contact.trim() || undefined,
    type: eventTypeSchema.safeParse(filter.type).data,
    state: deliveryStateSchema.safeParse(filter.state).data,
    since: filter.from ? new Date(`${filter.from}T00:00:00.000Z`).toISOString() : undefined,
    until: filter.to ? nextDay(filter.to) : undefined,
  };
}

export function Events() {
  const t = useText();
  const api = useApi();
  const operators = useLoad(() => api.listOperators(), [api]);
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [more, setMore] = useState<{ events: AdminEvent[]; next?: string }>({ events: [] });
  const first = useLoad(() => api.events(toQuery(filter)), [api, filter]);
  const [notice, setNotice] = useState('');
  const events = [...(first.data?.events ?? []), ...more.events];
  const next = more.events.length ? more.next : first.data?.next;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setMore({ events: [] });
    setFilter(draft);
  };
  const showMore = async () => {
    if (!next) return;
    const page = await api.events({ ...toQuery(filter), cursor: next });
    setMore((current) => ({ events: [...current.events, ...page.events], next: page.next }));
  };
  const exportCsv = async () => {
    const all: AdminEvent[] = [];
    let cursor: string | undefined;
    try {
      for (let page = 0; page < EXPORT_PAGES_MAX; page++) {
        const answer = await api.events({ ...toQuery(filter), cursor });
        all.push(...answer.events);
        cursor = answer.next;
        if (!cursor) break;
      }
      downloadCsv(`tracker-data-events-${new Date().toISOString().slice(0, 10)}.csv`, eventsCsv(all));
      setNotice(t('events.exported', { count: all.length }));
    } catch (error) {
      setNotice(problemText(error));
    }
  };
  const field = (name: keyof Filter) => ({
    id: `filter-${name}`,
    value: draft[name],
    onChange: (event: { target: { value: string } }) =>
      setDraft((current) => ({ ...current, [name]: event.target.value })),
  });
  const reload = () => {
    setMore({ events: [] });
    first.reload();
  };

  return (
    <>
      <PageHeading>{t('events.heading')}</PageHeading>
      <form className="filters" aria-label={t('events.filters')} onSubmit={apply}>
        <div className="field">
          <label htmlFor="filter-operator">{t('events.manager')}</label>
          <select {...field('operator')}>
            <option value="">{t('events.any')}</option>
            {operators.data?.operators.map((operator) => (
              <option key={operator.id} value={operator.id}>
                {operator.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-contact">{t('events.contact')}</label>
          <input {...field('contact')} spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="filter-type">{t('events.type')}</label>
          <select {...field('type')}>
            <option value="">{t('events.any')}</option>
            {eventTypeSchema.options.map((type) => (
              <option key={type} value={type}>
                {t(`eventType.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-state">{t('events.state')}</label>
          <select {...field('state')}>
            <option value="">{t('events.any')}</option>
            {deliveryStateSchema.options.map((state) => (
              <option key={state} value={state}>
                {t(`state.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-from">{t('events.from')}</label>
          <input type="date" {...field('from')} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t('events.to')}</label>
          <input type="date" {...field('to')} />
        </div>
        <div className="actions">
          <button type="submit">{t('events.apply')}</button>
          <button type="button" onClick={() => void exportCsv()}>
            {t('events.export')}
          </button>
        </div>
      </form>
      <p role="status" className="notice">
        {notice}
      </p>
      {first.problem && <LoadProblem message={first.problem} retry={first.reload} />}
      {first.data &&
        (events.length ? (
          <EventTable label={t('events.heading')} events={events} showContact onResent={reload} />
        ) : (
          <p>{t('events.empty')}</p>
        ))}
      {next && (
        <button type="button" onClick={() => void showMore()}>
          {t('events.more')}
        </button>
      )}
    </>
  );
}
