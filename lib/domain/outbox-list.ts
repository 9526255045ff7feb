import type { OutboxRecord } from '../schemas';

/** The list with this record first; a newer version of it already there (a list read after it was sent) stays. */
export function withRecord(
  records: readonly OutboxRecord[],
  record: OutboxRecord,
  replacing = record.event.id,
): OutboxRecord[] {
  const known = records.find((shown) => shown.event.id === record.event.id);
  const newest = known && known.updatedAt > record.updatedAt ? known : record;
  return [newest, ...records.filter((shown) => shown.event.id !== record.event.id && shown.event.id !== replacing)];
}
