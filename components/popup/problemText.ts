import type { Problem } from '../../lib/stores/problem';
import type { MessageId } from '../i18n/en';
import type { Translate } from '../i18n/text';

const KNOWN: Readonly<Record<string, MessageId>> = {
  invalid_credentials: 'popup.error.invalid_credentials',
  rate_limited: 'popup.error.rate_limited',
};

/** Our own words for refusals a manager meets often; the platform's message for the rest. */
export function problemText(t: Translate, problem: Problem): string {
  const known = KNOWN[problem.code];
  return known ? t(known) : problem.message;
}
