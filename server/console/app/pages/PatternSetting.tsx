import { useEffect, useState, type FormEvent } from 'react';
import { ApiProblem } from '../api';
import { useApi } from '../context';
import { useText } from '../i18n/text';
import { testPattern } from '../parts/pattern-test';
import { TextField } from '../parts/TextField';
import { useLoad } from '../parts/use-load';
import { LoadProblem } from '../parts/LoadProblem';
import { problemText } from '../parts/problem-text';

/** The first-message pattern (issue 17) and a live tester: paste a lead's message, see the code the extension would propose. */
export function PatternSetting() {
  const t = useText();
  const api = useApi();
  const saved = useLoad(() => api.firstMessagePattern(), [api]);
  const [pattern, setPattern] = useState('');
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState('');
  // The saved pattern arrives after the field exists; it fills the field once, when it comes, and the admin edits on.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (saved.data) setPattern(saved.data.pattern ?? '');
  }, [saved.data]);
  const outcome = testPattern(pattern.trim(), message);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const value = pattern.trim() || null;
    if (value !== null && outcome.kind !== 'found' && outcome.kind !== 'notFound') {
      setProblem(
        outcome.kind === 'invalid'
          ? t('pattern.invalid', { reason: outcome.reason })
          : t('pattern.oneGroup', { count: outcome.kind === 'groups' ? outcome.count : 0 }),
      );
      return;
    }
    try {
      const answer = await api.saveFirstMessagePattern(value);
      setNotice(answer.pattern ? t('pattern.saved') : t('pattern.cleared'));
    } catch (error) {
      setProblem(error instanceof ApiProblem && error.fields.pattern ? error.fields.pattern : problemText(error));
    }
  };
  return (
    <section aria-labelledby="pattern-heading" className="panel">
      <h2 id="pattern-heading">{t('pattern.heading')}</h2>
      <p className="hint">{t('pattern.intro')}</p>
      {saved.problem && <LoadProblem message={saved.problem} retry={saved.reload} />}
      <form onSubmit={(event) => void save(event)} noValidate>
        <TextField
          id="pattern"
          label={t('pattern.label')}
          value={pattern}
          onChange={setPattern}
          problem={problem}
          autoComplete="off"
        />
        <button type="submit">{t('pattern.save')}</button>
        <p role="status" className="notice">
          {notice}
        </p>
      </form>
      <TextField id="pattern-message" label={t('pattern.message')} value={message} onChange={setMessage} multiline />
      <p role="status" aria-live="polite" className="pattern-outcome">
        {outcome.kind === 'found'
          ? t('pattern.found', { code: outcome.code })
          : outcome.kind === 'notFound'
            ? message
              ? t('pattern.notFound')
              : ''
            : outcome.kind === 'invalid'
              ? t('pattern.invalid', { reason: outcome.reason })
              : outcome.kind === 'groups'
                ? t('pattern.oneGroup', { count: outcome.count })
                : ''}
      </p>
    </section>
  );
}
