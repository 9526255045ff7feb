import { useState, type FormEvent } from 'react';
import { newOperatorSchema, type AdminOperator, type Role } from '../../../../lib/schemas/console';
import { ApiProblem } from '../api';
import { useApi } from '../context';
import { useFormatTime, useText } from '../i18n/text';
import { ConfirmedAction, useConfirmedActions } from '../parts/ConfirmedAction';
import { FormActions } from '../parts/FormActions';
import { CopyField } from '../parts/CopyField';
import { generateFirstPassword } from '../parts/first-password';
import { LoadProblem } from '../parts/LoadProblem';
import { PageHeading } from '../parts/PageHeading';
import { ProblemAlert } from '../parts/ProblemAlert';
import { TextField } from '../parts/TextField';
import { useLoad } from '../parts/use-load';
import { problemText } from '../parts/problem-text';

export function Managers() {
  const t = useText();
  const api = useApi();
  const operators = useLoad(() => api.listOperators(), [api]);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ email: string; password: string }>();
  const [notice, setNotice] = useState('');
  return (
    <>
      <PageHeading>{t('managers.heading')}</PageHeading>
      <p role="status" className="notice">
        {notice}
      </p>
      {created && (
        <section className="once" aria-labelledby="manager-created">
          <p id="manager-created">{t('managers.created', { email: created.email })}</p>
          <CopyField label={t('managers.passwordLabel', { email: created.email })} value={created.password} />
          <p className="hint">{t('managers.passwordHint')}</p>
        </section>
      )}
      {adding ? (
        <NewManagerForm
          onCancel={() => setAdding(false)}
          onCreated={(email, password) => {
            setAdding(false);
            setCreated({ email, password });
            operators.reload();
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
          {t('managers.add')}
        </button>
      )}
      {operators.problem && <LoadProblem message={operators.problem} retry={operators.reload} />}
      {operators.data && (
        <OperatorTable
          operators={operators.data.operators}
          onRemoved={(name) => {
            setNotice(t('managers.removed', { name }));
            operators.reload();
          }}
        />
      )}
    </>
  );
}

function OperatorTable({ operators, onRemoved }: { operators: AdminOperator[]; onRemoved(name: string): void }) {
  const t = useText();
  const api = useApi();
  const time = useFormatTime();
  const removal = useConfirmedActions(
    (operator: AdminOperator) => api.removeOperator(operator.id),
    (operator) => onRemoved(operator.name),
  );
  return (
    <div className="table-wrap" role="region" aria-label={t('managers.heading')} tabIndex={0}>
      <ProblemAlert problem={removal.problem} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('common.name')}</th>
            <th scope="col">{t('managers.email')}</th>
            <th scope="col">{t('managers.role')}</th>
            <th scope="col">{t('managers.lastSignIn')}</th>
            <th scope="col">{t('managers.eventsThisWeek')}</th>
            <th scope="col">{t('managers.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {operators.map((operator) => (
            <tr key={operator.id}>
              <th scope="row">{operator.name}</th>
              <td>{operator.email}</td>
              <td>{t(operator.role === 'admin' ? 'role.admin' : 'role.manager')}</td>
              <td>{operator.lastSignInAt ? time(operator.lastSignInAt) : t('common.never')}</td>
              <td className="number">{operator.eventsThisWeek}</td>
              <td>
                <ConfirmedAction
                  {...removal.actionFor(operator)}
                  label={t('managers.remove', { name: operator.name })}
                  question={t('managers.removeQuestion', { name: operator.name })}
                  confirm={t('managers.removeConfirm')}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewManagerForm({
  onCreated,
  onCancel,
}: {
  onCreated(email: string, password: string): void;
  onCancel(): void;
}) {
  const t = useText();
  const api = useApi();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('manager');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const password = generateFirstPassword();
    const parsed = newOperatorSchema.safeParse({ name: name.trim(), email: email.trim(), role, password });
    if (!parsed.success) {
      setFields(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      setProblem(t('common.checkFields'));
      return;
    }
    setBusy(true);
    try {
      await api.createOperator(parsed.data);
      onCreated(parsed.data.email, password);
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'email_taken') {
        setFields({ email: t('managers.emailTaken') });
        setProblem(t('common.checkFields'));
      } else if (error instanceof ApiProblem && Object.keys(error.fields).length) {
        setFields({ ...error.fields });
        setProblem(error.message);
      } else {
        setProblem(problemText(error));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={(event) => void submit(event)} aria-label={t('managers.add')} noValidate>
      <h2>{t('managers.add')}</h2>
      <TextField
        id="manager-name"
        label={t('common.name')}
        value={name}
        onChange={setName}
        problem={fields.name}
        autoComplete="off"
      />
      <TextField
        id="manager-email"
        label={t('managers.email')}
        value={email}
        onChange={setEmail}
        problem={fields.email}
        type="email"
        autoComplete="off"
      />
      <label htmlFor="manager-role">{t('managers.role')}</label>
      <select
        id="manager-role"
        value={role}
        onChange={(event) => setRole(event.target.value === 'admin' ? 'admin' : 'manager')}
      >
        <option value="manager">{t('role.manager')}</option>
        <option value="admin">{t('role.admin')}</option>
      </select>
      <FormActions problem={problem} busy={busy} submit={t('managers.create')} onCancel={onCancel} />
    </form>
  );
}
