import { OUTBOX_RECORD_VERSION } from './outbox';

type StoredShape = Record<string, unknown>;

/** What a step may need to know of the profile it runs in. */
export interface UpgradeContext {
  /** The platform the extension is set to now (settings.apiUrl). */
  apiUrl: string;
}

/**
 * How a stored outbox record of the version before each key becomes one of that version. Pure, so a test can run
 * every step over the shapes older builds stored. A step is added, never changed, when the record's shape changes.
 */
const MIGRATIONS: Readonly<Record<number, (old: StoredShape, context: UpgradeContext) => StoredShape>> = {
  /** 0.1.0 stored the record without a version; its shape is otherwise version 2's. */
  2: (old) => ({ ...old, v: 2 }),
  /**
   * Records remember their platform. Until now a changed API URL signed out but kept the queue for the new platform,
   * so the platform set when the update runs is the one these records would have gone to.
   */
  3: (old, context) => ({ ...old, v: 3, apiUrl: context.apiUrl }),
};

export type Upgraded = { ok: true; value: unknown; from: number } | { ok: false; reason: string };

/** The version a stored value says it has; 1 for the unversioned shape of 0.1.0. */
function versionOf(value: StoredShape): number {
  return value.v === undefined
    ? 1
    : typeof value.v === 'number' && Number.isSafeInteger(value.v) && value.v >= 1
      ? value.v
      : Number.NaN;
}

/**
 * A stored outbox record brought up to OUTBOX_RECORD_VERSION (the schema judges the result). One written by a newer
 * build (the extension was downgraded) is not guessed at: it is set aside, and the popup's Retry brings it back once
 * a build that knows it runs again.
 */
export function upgradeOutboxRecord(value: unknown, context: UpgradeContext): Upgraded {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: true, value, from: OUTBOX_RECORD_VERSION };
  const record = value as StoredShape;
  const from = versionOf(record);
  if (Number.isNaN(from)) return { ok: false, reason: `Not a valid outbox record (v: not a version number)` };
  if (from > OUTBOX_RECORD_VERSION)
    return {
      ok: false,
      reason: `Stored by a newer version of the extension (record version ${from}, this one knows ${OUTBOX_RECORD_VERSION})`,
    };
  let upgraded = record;
  for (let version = from + 1; version <= OUTBOX_RECORD_VERSION; version += 1) {
    const step = MIGRATIONS[version];
    if (step) upgraded = step(upgraded, context);
  }
  return { ok: true, value: upgraded, from };
}
