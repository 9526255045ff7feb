import { contactSchema } from '../../lib/schemas/api';
import type { Contact } from '../../lib/schemas/api';
import type { ContactRow } from '../db/tables';

const optional = (value: string | null) => value ?? undefined;

export function contactFromRow(row: ContactRow): Contact {
  const extra = JSON.parse(row.extra_tracker_data) as Record<string, string>;
  const known = { clickId: row.click_id, subId: row.sub_id, source: row.source, campaign: row.campaign };
  const trackerData = Object.fromEntries(Object.entries({ ...extra, ...known }).filter(([, value]) => value !== null));
  return contactSchema.parse({
    channel: row.channel,
    externalId: row.external_id,
    displayName: optional(row.display_name),
    username: optional(row.username),
    trackerData,
  });
}

/** The contact's tracker data split into the columns a query can find (click id…) and the rest. */
export function trackerDataColumns(trackerData: Contact['trackerData']) {
  const { clickId, subId, source, campaign, ...extra } = trackerData;
  return {
    click_id: clickId ?? null,
    sub_id: subId ?? null,
    source: source ?? null,
    campaign: campaign ?? null,
    extra_tracker_data: JSON.stringify(
      Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined)),
    ),
  };
}
