import type { AdminIntake } from '../../../../lib/schemas/console';
import type { KeptPostback } from '../../../../lib/schemas/intake-calls';
import { useApi } from '../context';
import { useFormatTime, useText } from '../i18n/text';
import { LoadProblem } from '../parts/LoadProblem';
import { useLoad } from '../parts/use-load';

/**
 * Partner postbacks whose click id no contact had when they arrived: kept on the server, newest first, so the admin
 * sees which conversions the team could not place (a lead never linked, a partner sending another tracker's id).
 */
export function UnmatchedPostbacks({ intakes }: { intakes: readonly AdminIntake[] }) {
  const t = useText();
  const api = useApi();
  const kept = useLoad(() => api.unmatchedPostbacks(), [api]);
  return (
    <section>
      <h2>{t('unmatched.heading')}</h2>
      <p>{t('unmatched.intro')}</p>
      {kept.problem && <LoadProblem message={kept.problem} retry={kept.reload} />}
      {kept.data && <KeptTable postbacks={kept.data.postbacks} intakes={intakes} label={t('unmatched.heading')} />}
    </section>
  );
}

function KeptTable({
  postbacks,
  intakes,
  label,
}: {
  postbacks: readonly KeptPostback[];
  intakes: readonly AdminIntake[];
  label: string;
}) {
  const t = useText();
  const time = useFormatTime();
  if (!postbacks.length) return <p>{t('unmatched.none')}</p>;
  const intakeName = (id: string) => intakes.find((intake) => intake.id === id)?.name ?? id;
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('unmatched.received')}</th>
            <th scope="col">{t('unmatched.clickId')}</th>
            <th scope="col">{t('events.event')}</th>
            <th scope="col">{t('unmatched.tid')}</th>
            <th scope="col">{t('unmatched.intake')}</th>
          </tr>
        </thead>
        <tbody>
          {postbacks.map((postback) => (
            <tr key={postback.id}>
              <td>{time(postback.receivedAt)}</td>
              <th scope="row">
                <code>{postback.clickId}</code>
              </th>
              <td>
                {t(`eventType.${postback.type}`)}
                {postback.amount ? ` ${postback.amount} ${postback.currency ?? ''}` : ''}
              </td>
              <td>{postback.tid ?? '—'}</td>
              <td>{intakeName(postback.intakeId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
