import { useMemo, type FormEvent } from 'react';
import { currencyChoices } from '../../lib/domain/currency-choices';
import { isLanguage, LANGUAGES } from '../../lib/domain/language';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';
import { useText } from '../i18n/text';
import { useOptions } from './useOptions';

/** API URL, default currency and language; Save validates, asks for the API origin's permission when needed, then stores. */
export function SettingsForm() {
  const t = useText();
  const values = useOptions((state) => state.values);
  const errors = useOptions((state) => state.errors);
  const apiUrlProblem = useOptions((state) => state.apiUrlProblem);
  const outcome = useOptions((state) => state.outcome);
  const saving = useOptions((state) => state.saving);
  const edit = useOptions((state) => state.edit);
  const save = useOptions((state) => state.save);
  const currencies = useMemo(
    () => currencyChoices(values.defaultCurrency ? [values.defaultCurrency] : []),
    [values.defaultCurrency],
  );
  const denied = outcome?.kind === 'denied' ? t('options.permissionDenied', { origin: outcome.origin }) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Not awaited: the permission request inside must start in this click.
    void save();
  };

  return (
    <form className="td-form td-settings" noValidate onSubmit={submit}>
      <TextField
        label={t('options.apiUrl')}
        type="url"
        inputMode="url"
        autoComplete="url"
        value={values.apiUrl}
        hint={t('options.apiUrlHint')}
        error={apiUrlProblem ? t(`options.apiUrl.${apiUrlProblem}`) : (errors.apiUrl ?? denied)}
        onChange={(apiUrl) => edit({ apiUrl })}
      />
      <SelectField
        label={t('options.defaultCurrency')}
        value={values.defaultCurrency}
        options={currencies}
        error={errors.defaultCurrency}
        onChange={(defaultCurrency) => edit({ defaultCurrency })}
      />
      <SelectField
        label={t('options.language')}
        value={values.language}
        options={LANGUAGES}
        optionLabel={(language) => (isLanguage(language) ? t(`options.language.${language}`) : language)}
        error={errors.language}
        onChange={(language) => isLanguage(language) && edit({ language })}
      />
      {errors.form && (
        <p className="td-form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="td-actions">
        <button type="submit" className="td-button td-button-primary" disabled={saving} aria-busy={saving || undefined}>
          {t('options.save')}
        </button>
        <p role="status" className="td-saved">
          {outcome?.kind === 'saved' ? t('options.saved') : ''}
        </p>
      </div>
    </form>
  );
}
