import type { AdminEvent } from '../../../../lib/schemas/admin-deliveries';

export const EVENTS_CSV_COLUMNS = [
  'occurred_at',
  'received_at',
  'event_id',
  'type',
  'amount',
  'currency',
  'source',
  'step',
  'channel',
  'contact_id',
  'username',
  'operator_email',
  'deliveries',
] as const;

/**
 * One cell: quoted when it holds a separator, quote or line break; a leading = + - @ or tab is defused with a quote
 * mark, because a spreadsheet would otherwise run a lead's username as a formula.
 */
function cell(value: string | undefined): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The events as CSV (RFC 4180, CRLF lines), one row each, deliveries as "destination: state" joined by "; ". */
export function eventsCsv(events: readonly AdminEvent[]): string {
  const rows = events.map((event) =>
    [
      event.occurredAt,
      event.receivedAt,
      event.id,
      event.type,
      event.amount,
      event.currency,
      event.source,
      event.stepName,
      event.contact.channel,
      event.contact.externalId,
      event.contact.username,
      event.operator?.email,
      event.deliveries.map((delivery) => `${delivery.destination}: ${delivery.state}`).join('; '),
    ]
      .map(cell)
      .join(','),
  );
  return [EVENTS_CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** Hands the file to the browser's download. */
export function downloadCsv(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
