import type { LinkProblem } from '../../lib/stores/click-id-link';
import type { Translate } from '../i18n/text';

/** Why a click id was not linked, in the manager's language (the platform's own reason is passed on as it gave it). */
export function clickIdProblemText(t: Translate, problem: LinkProblem | undefined): string | undefined {
  if (!problem) return undefined;
  if (problem.kind === 'invalid') return t('clickId.invalid');
  if (problem.kind === 'signedOut') return t('clickId.signedOut');
  return t('clickId.failed', { message: problem.message });
}
