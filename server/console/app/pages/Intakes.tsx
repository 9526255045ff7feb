import { useState, type FormEvent } from 'react';
import { intakeKindSchema, newIntakeSchema, type AdminIntake, type IntakeKind } from '../../../../lib/schemas/console';
import { ApiProblem } from '../api';
import { useApi } from '../context';
import { useFormatTime, useText } from '../i18n/text';
import { ConfirmedAction, useConfirmedActions } from '../parts/ConfirmedAction';
import { FormActions } from '../parts/FormActions';
import { CopyField } from '../parts/CopyField';
import { intakeLines } from '../parts/intake-lines';
import { LoadProblem } from '../parts/LoadProblem';
import { PageHeading } from '../parts/PageHeading';
import { ProblemAlert } from '../parts/ProblemAlert';
import { TextField } from '../parts/TextField';
import { useLoad } from '../parts/use-load';
import { PatternSetting } from './PatternSetting';
import { UnmatchedPostbacks } from './UnmatchedPostbacks';
import { problemText } from '../parts/problem-text';

interface CreatedIntake {
  name: string;
  kind: IntakeKind;
  url: string;
}

export function Intakes() {
  const t = useText();
  const api = useApi();
  const intakes = useLoad(() => api.listIntakes(), [api]);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedIntake>();
  return (
    <>
      <PageHeading>{t('intakes.heading')}</PageHeading>
      {created && <CreatedIntakePanel intake={created} />}
      {adding ? (
        <NewIntakeForm
          onCancel={() => setAdding(false)}
          onCreated={(intake) => {
            setAdding(false);
            setCreated(intake);
            intakes.reload();
          }}
        />
      ) : (
        <button
          type="button"
          onClick={() => {
            setCreated(undefined);
            setAdding(true);
          }}
        >
          {t('intakes.add')}
        </button>
      )}
      {intakes.problem && <LoadProblem message={intakes.problem} retry={intakes.reload} />}
      {intakes.data && <IntakeTable intakes={intakes.data.intakes} onRevoked={intakes.reload} />}
      <UnmatchedPostbacks intakes={intakes.data?.intakes ?? []} />
      <PatternSetting />
    </>
  );
}

function CreatedIntakePanel({ intake }: { intake: CreatedIntake }) {
  const t = useText();
  return (
    <section className="once" aria-labelledby="intake-created">
      <p id="intake-created">{t('intakes.createdOnce', { name: intake.name })}</p>
      <CopyField label={t('intakes.url')} value={intake.url} />
      {intakeLines(intake.kind, intake.url).map(({ label, line }) => (
        <CopyField key={label} label={t(label)} value={line} />
      ))}
    </section>
  );
}

function NewIntakeForm({ onCreated, onCancel }: { onCreated(intake: CreatedIntake): void; onCancel(): void }) {
  const t = useText();
  const api = useApi();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<IntakeKind>('links');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = newIntakeSchema.safeParse({ name: name.trim(), kind });
    if (!parsed.success) {
      setFields(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      setProblem(t('common.checkFields'));
      return;
    }
    setBusy(true);
    try {
      const answer = await api.createIntake(parsed.data.name, parsed.data.kind);
      onCreated(answer.intake);
    } catch (error) {
      if (error instanceof ApiProblem) setFields({ ...error.fields });
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" aria-label={t('intakes.add')} onSubmit={(event) => void submit(event)} noValidate>
      <h2>{t('intakes.add')}</h2>
      <TextField
        id="intake-name"
        label={t('common.name')}
        value={name}
        onChange={setName}
        problem={fields.name}
        autoComplete="off"
      />
      <fieldset>
        <legend>{t('common.kind')}</legend>
        {intakeKindSchema.options.map((each) => (
          <label key={each} className="check">
            <input
              type="radio"
              name="intake-kind"
              value={each}
              checked={kind === each}
              onChange={() => setKind(each)}
            />
            {t(`intakes.kind.${each}`)}
          </label>
        ))}
      </fieldset>
      <FormActions problem={problem} busy={busy} submit={t('intakes.create')} onCancel={onCancel} />
    </form>
  );
}

function IntakeTable({ intakes, onRevoked }: { intakes: AdminIntake[]; onRevoked(): void }) {
  const t = useText();
  const api = useApi();
  const time = useFormatTime();
  const revocation = useConfirmedActions((intake: AdminIntake) => api.revokeIntake(intake.id), onRevoked);
  if (!intakes.length) return <p>{t('common.none')}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={t('intakes.heading')} tabIndex={0}>
      <ProblemAlert problem={revocation.problem} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('common.name')}</th>
            <th scope="col">{t('common.kind')}</th>
            <th scope="col">{t('intakes.created')}</th>
            <th scope="col">{t('intakes.lastCall')}</th>
            <th scope="col">{t('intakes.state')}</th>
            <th scope="col">{t('intakes.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {intakes.map((intake) => (
            <tr key={intake.id}>
              <th scope="row">{intake.name}</th>
              <td>{t(`intakes.kindShort.${intake.kind}`)}</td>
              <td>{time(intake.createdAt)}</td>
              <td>
                {intake.lastCallAt
                  ? t('intakes.lastCallValue', { when: time(intake.lastCallAt), status: intake.lastCallStatus ?? '?' })
                  : t('common.never')}
              </td>
              <td>{intake.revokedAt ? t('intakes.revoked', { when: time(intake.revokedAt) }) : t('intakes.active')}</td>
              <td>
                {intake.revokedAt ? null : (
                  <ConfirmedAction
                    {...revocation.actionFor(intake)}
                    label={t('intakes.revoke', { name: intake.name })}
                    question={t('intakes.revokeQuestion', { name: intake.name })}
                    confirm={t('intakes.revokeConfirm')}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
