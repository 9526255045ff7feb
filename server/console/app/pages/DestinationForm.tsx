import { useState, type FormEvent } from 'react';
import { eventTypeSchema, type EventType } from '../../../../lib/schemas/api';
import {
  destinationInputSchema,
  destinationKindSchema,
  type Destination,
  type DestinationInput,
  type DestinationKind,
  type StatusMap,
} from '../../../../lib/schemas/destination';
import { DEFAULT_STATUS_MAPS } from '../../../../lib/schemas/default-status-maps';
import { ApiProblem } from '../api';
import { useApi } from '../context';
import { useText } from '../i18n/text';
import { FormActions } from '../parts/FormActions';
import { TextField } from '../parts/TextField';
import { problemText } from '../parts/problem-text';

const EVENT_TYPES = eventTypeSchema.options;
const KINDS = destinationKindSchema.options;

function headersText(headers: Record<string, string> | undefined): string {
  return Object.entries(headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

function parseHeaders(text: string): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const line of text
    .split('\n')
    .map((each) => each.trim())
    .filter(Boolean)) {
    const colon = line.indexOf(':');
    if (colon < 1) return undefined;
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Adds a destination from a preset, or edits one: the preset's help says where the tracker shows its postback URL. */
export function DestinationForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing?: Destination;
  onSaved(name: string): void;
  onCancel(): void;
}) {
  const t = useText();
  const api = useApi();
  const [kind, setKind] = useState<DestinationKind>(editing?.kind ?? 'keitaro');
  const [name, setName] = useState(editing?.name ?? '');
  const [url, setUrl] = useState(editing?.url ?? '');
  const [events, setEvents] = useState<EventType[]>(editing?.events ?? [...EVENT_TYPES]);
  const [statusMap, setStatusMap] = useState<StatusMap>(editing?.statusMap ?? DEFAULT_STATUS_MAPS.keitaro);
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);
  const [method, setMethod] = useState<'GET' | 'POST'>(editing?.method ?? 'POST');
  const [headers, setHeaders] = useState(headersText(editing?.headers));
  const [body, setBody] = useState(editing?.body ?? '');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const formId = editing ? `destination-${editing.id}` : 'destination-new';
  const title = editing ? t('destinations.edit', { name: editing.name }) : t('destinations.add');

  const chooseKind = (next: DestinationKind) => {
    setKind(next);
    setStatusMap(DEFAULT_STATUS_MAPS[next]);
  };
  const toggleEvent = (type: EventType, on: boolean) =>
    setEvents((current) => EVENT_TYPES.filter((each) => (each === type ? on : current.includes(each))));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsedHeaders = kind === 'webhook' ? parseHeaders(headers) : undefined;
    if (kind === 'webhook' && !parsedHeaders) {
      setFields({ headers: t('destinations.badHeaders') });
      setProblem(t('common.checkFields'));
      return;
    }
    const input: DestinationInput = {
      name: name.trim(),
      kind,
      url: url.trim(),
      enabled,
      events,
      statusMap,
      ...(kind === 'webhook' ? { method, headers: parsedHeaders, body: body || undefined } : {}),
    };
    // A saved URL comes back masked (its key as ***) and still has its kind's shape; sent back as it is, the server keeps the stored one.
    const parsed = destinationInputSchema.safeParse(input);
    if (!parsed.success) {
      setFields(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message])));
      setProblem(t('common.checkFields'));
      return;
    }
    setBusy(true);
    try {
      const saved = editing
        ? await api.updateDestination({ ...editing, ...input })
        : await api.createDestination(input);
      onSaved(saved.destination.name);
    } catch (error) {
      if (error instanceof ApiProblem && Object.keys(error.fields).length) setFields({ ...error.fields });
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" aria-label={title} onSubmit={(event) => void submit(event)} noValidate>
      <h2>{title}</h2>
      {!editing && (
        <div className="field">
          <label htmlFor={`${formId}-kind`}>{t('destinations.preset')}</label>
          <select
            id={`${formId}-kind`}
            value={kind}
            aria-describedby={`${formId}-kind-help`}
            onChange={(event) => chooseKind(destinationKindSchema.parse(event.target.value))}
          >
            {KINDS.map((each) => (
              <option key={each} value={each}>
                {t(`preset.${each}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <p id={`${formId}-kind-help`} className="hint">
        {t(`presetHelp.${kind}`)}
      </p>
      <TextField
        id={`${formId}-name`}
        label={t('common.name')}
        value={name}
        onChange={setName}
        problem={fields.name}
        autoComplete="off"
      />
      <TextField
        id={`${formId}-url`}
        label={t('destinations.url')}
        value={url}
        onChange={setUrl}
        problem={fields.url}
        type="url"
        autoComplete="off"
      />
      <fieldset aria-describedby={fields.events ? `${formId}-events-problem` : undefined}>
        <legend>{t('destinations.events')}</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="check">
            <input
              type="checkbox"
              checked={events.includes(type)}
              onChange={(event) => toggleEvent(type, event.target.checked)}
            />
            {t(`eventType.${type}`)}
          </label>
        ))}
        {fields.events && (
          <p id={`${formId}-events-problem`} className="problem-text">
            {fields.events}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('destinations.statusMap')}</legend>
        {EVENT_TYPES.map((type) => (
          <TextField
            key={type}
            id={`${formId}-status-${type}`}
            label={t('destinations.statusFor', { type: t(`eventType.${type}`) })}
            value={statusMap[type]}
            onChange={(value) => setStatusMap((current) => ({ ...current, [type]: value }))}
            problem={fields[`statusMap.${type}`]}
            autoComplete="off"
          />
        ))}
      </fieldset>
      {kind === 'webhook' && (
        <>
          <div className="field">
            <label htmlFor={`${formId}-method`}>{t('destinations.method')}</label>
            <select
              id={`${formId}-method`}
              value={method}
              onChange={(event) => setMethod(event.target.value === 'GET' ? 'GET' : 'POST')}
            >
              <option value="POST">POST</option>
              <option value="GET">GET</option>
            </select>
          </div>
          <TextField
            id={`${formId}-headers`}
            label={t('destinations.headers')}
            value={headers}
            onChange={setHeaders}
            problem={fields.headers}
            multiline
          />
          <TextField
            id={`${formId}-body`}
            label={t('destinations.body')}
            value={body}
            onChange={setBody}
            problem={fields.body}
            multiline
          />
        </>
      )}
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        {t('destinations.enabled')}
      </label>
      <FormActions problem={problem} busy={busy} submit={t('destinations.save')} onCancel={onCancel} />
    </form>
  );
}
