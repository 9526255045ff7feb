import type { Contact } from '../../lib/schemas';
import type { MessageId } from '../i18n/en';
import { useText } from '../i18n/text';

const KNOWN_KEYS: Readonly<Record<string, MessageId>> = {
  clickId: 'trackerData.clickId',
  subId: 'trackerData.subId',
  source: 'trackerData.source',
  campaign: 'trackerData.campaign',
};

/** The contact's tracker data: the four keys every tracker has first, then whatever else the platform keeps. */
export function TrackerDataList({ trackerData }: { trackerData: Contact['trackerData'] }) {
  const t = useText();
  const known = Object.keys(KNOWN_KEYS).filter((key) => trackerData[key] !== undefined);
  const other = Object.keys(trackerData)
    .filter((key) => !Object.hasOwn(KNOWN_KEYS, key) && trackerData[key] !== undefined)
    .sort();
  const rows = [...known, ...other];
  return (
    <section className="td-tracker-data" aria-label={t('trackerData.heading')}>
      <h3>{t('trackerData.heading')}</h3>
      {rows.length === 0 ? (
        <p className="td-muted">{t('trackerData.none')}</p>
      ) : (
        <dl className="td-pairs">
          {rows.map((key) => {
            const label = KNOWN_KEYS[key];
            return (
              <div key={key} className="td-pair">
                <dt>{label ? t(label) : key}</dt>
                <dd>{trackerData[key]}</dd>
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}
