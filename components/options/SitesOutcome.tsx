import type { SitesOutcome as Outcome } from '../../lib/stores/sites-store';
import type { MessageId } from '../i18n/en';
import { useText } from '../i18n/text';
import { useSites } from './useSites';

const MESSAGES: Record<Exclude<Outcome['kind'], 'failed'>, MessageId> = {
  added: 'options.sites.added',
  removed: 'options.sites.removed',
  denied: 'options.sites.denied',
  builtIn: 'options.sites.builtIn',
};

/** Says what the last add or remove did; a refusal is an alert, a success a status. */
export function SitesOutcome() {
  const t = useText();
  const outcome = useSites((state) => state.outcome);
  const failed = outcome && outcome.kind !== 'added' && outcome.kind !== 'removed';
  const text =
    outcome && (outcome.kind === 'failed' ? outcome.message : t(MESSAGES[outcome.kind], { host: outcome.host }));
  return (
    <>
      <p role="status" className="td-saved">
        {failed ? '' : text}
      </p>
      {failed && (
        <p role="alert" className="td-form-error">
          {text}
        </p>
      )}
    </>
  );
}
