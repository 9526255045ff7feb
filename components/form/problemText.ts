import { useMemo } from 'react';
import type { FieldError, FormErrors, FormProblem } from '../../lib/domain/event-draft';
import { formatDecimal } from '../format';
import type { Locale, Translate } from '../i18n/text';

function problemText(t: Translate, locale: Locale, problem: FormProblem): string {
  switch (problem.rule) {
    case 'amount.too_many_decimals':
      return problem.decimals === 0
        ? t('problem.amount.no_decimals', { currency: problem.currency })
        : t('problem.amount.too_many_decimals', { currency: problem.currency, decimals: problem.decimals });
    case 'amount.too_large':
      return t('problem.amount.too_large', { digits: problem.digits });
    case 'amount.ambiguous': {
      // Each reading written as the language writes it, so typing either one back is read as that amount.
      const [first, second] = problem.readings.map((reading) => formatDecimal(reading, locale));
      return t('problem.amount.ambiguous', { first: first ?? '', second: second ?? '' });
    }
    case 'note.too_long':
      return t('problem.note.too_long', { max: problem.max });
    default:
      return t(`problem.${problem.rule}`);
  }
}

/** A field's error in the UI's language; what the background or the platform said comes in its own words. */
export function fieldErrorText(t: Translate, locale: Locale, error: FieldError | undefined): string | undefined {
  return typeof error === 'object' ? problemText(t, locale, error) : error;
}

/** Every field's error of a form, as text. */
export function useErrorTexts(
  t: Translate,
  locale: Locale,
  errors: FormErrors,
): Partial<Record<keyof FormErrors, string>> {
  return useMemo(
    () => Object.fromEntries(Object.entries(errors).map(([field, error]) => [field, fieldErrorText(t, locale, error)])),
    [t, locale, errors],
  );
}
