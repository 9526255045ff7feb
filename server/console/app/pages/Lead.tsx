import type { MessageId } from '../i18n/en';
import { useApi } from '../context';
import { useFormatTime, useText } from '../i18n/text';
import { EventTable } from '../parts/EventRows';
import { LoadProblem } from '../parts/LoadProblem';
import { PageHeading } from '../parts/PageHeading';
import { useLoad } from '../parts/use-load';

const TRACKER_FIELDS: { key: 'clickId' | 'subId' | 'source' | 'campaign'; label: MessageId }[] = [
  { key: 'clickId', label: 'lead.clickId' },
  { key: 'subId', label: 'lead.subId' },
  { key: 'source', label: 'lead.source' },
  { key: 'campaign', label: 'lead.campaign' },
];

/** One lead: its tracker data, its events from every source with their deliveries, and who changed what. */
export function Lead({ channel, externalId }: { channel: string; externalId: string }) {
  const t = useText();
  const api = useApi();
  const time = useFormatTime();
  const lead = useLoad(() => api.lead(channel, externalId), [api, channel, externalId]);
  const contact = lead.data?.contact;
  const name = contact
    ? (contact.displayName ?? (contact.username ? `@${contact.username}` : contact.externalId))
    : externalId;
  return (
    <>
      <p>
        <a href="#/events">{t('lead.back')}</a>
      </p>
      <PageHeading>{t('lead.heading', { name })}</PageHeading>
      {lead.problem && <LoadProblem message={lead.problem} retry={lead.reload} />}
      {contact && lead.data && (
        <>
          <section aria-labelledby="lead-tracker">
            <h2 id="lead-tracker">{t('lead.trackerData')}</h2>
            <dl className="facts">
              {[
                [t('lead.channel'), contact.channel],
                [t('lead.id'), contact.externalId],
                [t('lead.username'), contact.username ? `@${contact.username}` : undefined],
                ...TRACKER_FIELDS.map(({ key, label }) => [t(label), contact.trackerData[key]]),
              ]
                .filter((row): row is [string, string] => !!row[1])
                .map(([label, value]) => (
                  <div key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
            </dl>
            {!contact.trackerData.clickId && <p className="hint">{t('lead.noClickId')}</p>}
          </section>
          <section aria-labelledby="lead-events">
            <h2 id="lead-events">{t('lead.events')}</h2>
            {lead.data.events.length ? (
              <EventTable
                label={t('lead.eventsTable', { name })}
                events={lead.data.events}
                showContact={false}
                onResent={lead.reload}
              />
            ) : (
              <p>{t('common.none')}</p>
            )}
          </section>
          <section aria-labelledby="lead-audit">
            <h2 id="lead-audit">{t('lead.audit')}</h2>
            {lead.data.audit.length ? (
              <div className="table-wrap" role="region" aria-label={t('lead.auditTable', { name })} tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('events.when')}</th>
                      <th scope="col">{t('lead.who')}</th>
                      <th scope="col">{t('lead.what')}</th>
                      <th scope="col">{t('lead.details')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {lead.data.audit.map((entry) => (
                      <tr key={entry.id}>
                        <td>{time(entry.at)}</td>
                        <td>{entry.actor}</td>
                        <td>{entry.action}</td>
                        <td>
                          {Object.entries(entry.details ?? {})
                            .map(([key, value]) => `${key}: ${value}`)
                            .join(', ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{t('common.none')}</p>
            )}
          </section>
        </>
      )}
    </>
  );
}
