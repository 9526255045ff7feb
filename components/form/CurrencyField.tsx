import { useId, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { choicesIn, currencyGroups, type CurrencyChoice } from '../../lib/domain/currency-choices';
import { describedBy } from '../fields/describedBy';
import { FieldMessage } from '../fields/FieldMessage';
import { useLocale, useText } from '../i18n/text';

export interface CurrencyFieldProps {
  value: string;
  /** The default currency, then the recently saved ones: offered first, in the Recent group. */
  first: readonly string[];
  onChange: (currency: string) => void;
  error?: string;
}

const optionText = ({ code, name }: CurrencyChoice) => (name ? `${code} — ${name}` : code);

/**
 * The Currency select (a native one: the browser and screen readers know its keys, and typing a code picks it) with a
 * find box after it, next in Tab order. Typing a code or a name there narrows the list and picks the best match at
 * once, so "bitcoin" then Enter saves in BTC; the arrow keys go back to the list, Escape empties the find box (a second
 * Escape closes the form).
 */
export function CurrencyField({ value, first, onChange, error }: CurrencyFieldProps) {
  const t = useText();
  const locale = useLocale();
  const id = useId();
  const filterHintId = `${id}-found`;
  const errorId = `${id}-error`;
  const [query, setQuery] = useState('');
  const list = useRef<HTMLSelectElement>(null);
  const groups = useMemo(() => currencyGroups(first, locale, query), [first, locale, query]);
  const matches = choicesIn(groups);
  const chosenShown = matches.some((choice) => choice.code === value);

  const find = (event: ChangeEvent<HTMLInputElement>) => {
    const next = event.target.value;
    setQuery(next);
    const best = choicesIn(currencyGroups(first, locale, next));
    if (next.trim() && best.length > 0 && !best.some((choice) => choice.code === value))
      onChange(best[0]?.code ?? value);
  };

  const keys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && query) {
      event.stopPropagation();
      setQuery('');
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      list.current?.focus();
    }
  };

  const found = query.trim()
    ? matches.length === 0
      ? t('currency.noMatch')
      : t('currency.found', { count: matches.length, code: value })
    : undefined;

  return (
    <div className="td-field td-currency">
      <label htmlFor={id}>{t('form.currency')}</label>
      <select
        id={id}
        name="currency"
        ref={list}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && errorId)}
        onChange={(event) => onChange(event.target.value)}
      >
        {!chosenShown && <option value={value}>{value}</option>}
        {groups.recent.length > 0 && (
          <optgroup label={t('currency.recent')}>
            {groups.recent.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {optionText(choice)}
              </option>
            ))}
          </optgroup>
        )}
        {groups.all.length > 0 && (
          <optgroup label={t('currency.all')}>
            {groups.all.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {optionText(choice)}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <input
        type="search"
        className="td-currency-find"
        value={query}
        onChange={find}
        onKeyDown={keys}
        aria-label={t('currency.find')}
        placeholder={t('currency.findPlaceholder')}
        aria-controls={id}
        aria-describedby={describedBy(found && filterHintId)}
        autoComplete="off"
        spellCheck={false}
      />
      <p id={filterHintId} className="td-field-hint" aria-live="polite">
        {found}
      </p>
      <FieldMessage id={errorId} text={error} kind="error" />
    </div>
  );
}
