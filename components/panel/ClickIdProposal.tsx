import { useId } from 'react';
import { contactKeyOf } from '../../lib/domain/contact-key';
import { FieldMessage } from '../fields/FieldMessage';
import { useText } from '../i18n/text';
import { clickIdProblemText } from './clickIdProblemText';
import { usePanel } from './usePanel';

/** The click id found in the lead's own message, offered with the one button that links it. */
export function ClickIdProposal() {
  const t = useText();
  const errorId = useId();
  const contactKey = usePanel((state) => (state.contact ? contactKeyOf(state.contact) : undefined));
  const link = usePanel((state) => state.clickIdLink);
  const accept = usePanel((state) => state.acceptClickIdProposal);
  const { proposal } = link;
  if (!proposal || proposal.contactKey !== contactKey) return null;
  const error = link.problem?.from === 'proposal' ? clickIdProblemText(t, link.problem.problem) : undefined;
  const question = proposal.time
    ? t('clickId.proposal', { clickId: proposal.clickId, time: proposal.time })
    : t('clickId.proposalUndated', { clickId: proposal.clickId });

  return (
    <div className="td-notice">
      <p>{question}</p>
      <button
        type="button"
        className="td-button td-button-primary"
        disabled={link.saving}
        aria-describedby={error ? errorId : undefined}
        onClick={() => void accept()}
      >
        {t('clickId.accept')}
      </button>
      <FieldMessage id={errorId} text={error} kind="error" />
    </div>
  );
}
