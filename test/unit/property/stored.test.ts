import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createOutboxStore } from '../../../lib/background/outbox-store';
import { readStored, writeStored, type StoredEntry } from '../../../lib/background/storage';
import {
  CURRENCY_CODES,
  DEFAULT_SETTINGS,
  eventFormSchemaIn,
  isLoopbackUrl,
  NOTE_MAX_LENGTH,
  outboxRecordSchema,
  outboxSummarySchema,
  parseAmount,
  quarantinedRecordSchema,
  sessionSummarySchema,
  settingsSchema,
  stored,
  trackerEventInputSchema,
} from '../../../lib/schemas';
import { anything, currencyCode, outboxRecord, REMOVE, replaceAt } from './arbitraries';
import { issuePaths, parseNamingIssues } from './issues';
import { runs } from './runs';

/** What storage can hold of these values: it keeps JSON, so a BigInt is written as its digits. */
function storable(values: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(values, (_key, value: unknown) =>
      typeof value === 'bigint' || value instanceof BigInt ? String(value) : value,
    ),
  ) as Record<string, unknown>;
}

describe('the Send event form', () => {
  const FORM_FIELDS = ['type', 'amount', 'currency', 'note'];
  const typed = fc.record({
    type: fc.oneof(fc.constantFrom('registration', 'deposit', 'redeposit'), fc.string({ maxLength: 12 })),
    amount: fc.oneof(fc.stringMatching(/^[ \d.,'\u00a0-]{0,18}$/), fc.string({ maxLength: 20 })),
    currency: fc.oneof(
      currencyCode,
      currencyCode.map((code) => ` ${code.toLowerCase()} `),
      fc.string({ maxLength: 5 }),
    ),
    note: fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer({ min: NOTE_MAX_LENGTH - 3, max: NOTE_MAX_LENGTH + 3 }).map((length) => 'n'.repeat(length)),
      fc.string({ maxLength: 5 }).map((text) => ` ${text}${' '.repeat(NOTE_MAX_LENGTH)}`),
    ),
  });

  it('turns what a manager typed into an event the contract accepts, or refuses it at the form’s own fields', () => {
    fc.assert(
      fc.property(typed, fc.constantFrom('en' as const, 'ru' as const), (values, language) => {
        const result = parseNamingIssues(eventFormSchemaIn(language), values);
        if (!result.success) {
          for (const path of issuePaths(result)) expect(FORM_FIELDS).toContain(path);
          return;
        }
        const event = {
          id: '3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13',
          contact: { channel: 'telegram', externalId: '777001' },
          occurredAt: '2026-11-25T09:30:00.000Z',
          ...result.data,
        };
        expect(trackerEventInputSchema.safeParse(event).error?.issues).toBeUndefined();
        expect(result.data.note).toBe(values.note.trim() || undefined);
        if ('amount' in result.data) {
          expect(result.data.currency).toBe(values.currency.trim().toUpperCase());
          expect(parseAmount(values.amount, result.data.currency, language)).toEqual({
            ok: true,
            value: result.data.amount,
          });
        }
      }),
      runs('eventFormTyped'),
    );
  });

  it('never throws on values that are not what a form holds, and names their fields', () => {
    const fields = fc.record(
      { type: anything, amount: anything, currency: anything, note: anything },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fields, anything), fc.constantFrom('en' as const, 'ru' as const), (values, language) => {
        parseNamingIssues(eventFormSchemaIn(language), values);
      }),
      runs('eventFormAnything'),
    );
  });

  it('says which rule an amount broke, in the words parseAmount uses', () => {
    const result = eventFormSchemaIn('en').safeParse({ type: 'deposit', amount: '1e5', currency: 'usd', note: '' });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['amount'],
        params: { rule: 'not_a_number' },
        message: expect.stringMatching(/^Not a number/),
      }),
    ]);
  });
});

describe('outbox records in storage', () => {
  const recordField = fc.constantFrom(
    'event',
    'event.id',
    'event.amount',
    'event.contact.externalId',
    'state',
    'attempts',
    'nextAttemptAt',
    'createdAt',
    'lastError.code',
    'operatorId',
    'dismissedAt',
  );
  const replacement = fc.oneof(anything, fc.constantFrom(REMOVE, -1, 1.5, '', 'lost', null));

  it('reads every record the background writes, and names the field of one that no longer parses', () => {
    fc.assert(
      fc.property(outboxRecord, recordField, replacement, (record, path, value) => {
        expect(parseNamingIssues(outboxRecordSchema, record).data).toEqual(record);
        const result = parseNamingIssues(outboxRecordSchema, replaceAt(record, path.split('.'), value));
        if (result.success) return;
        const top = path.split('.')[0] ?? path;
        for (const issuePath of issuePaths(result)) expect(issuePath.split('.')[0]).toBe(top);
      }),
      runs('outboxRecordMutated'),
    );
  });

  it('keeps what no longer parses aside with its reason, counts it, and drops nothing', async () => {
    const stash = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }).map((suffix) => stored.outboxRecord.prefix + suffix),
      fc.oneof(anything, outboxRecord),
      { maxKeys: 6 },
    );
    await fc.assert(
      fc.asyncProperty(stash, fc.array(outboxRecord, { maxLength: 3 }), async (junk, good) => {
        fakeBrowser.reset();
        const goodEntries = Object.fromEntries(
          good.map((record) => [stored.outboxRecord.prefix + record.event.id, record]),
        );
        await fakeBrowser.storage.local.set(storable({ ...junk, ...goodEntries }));
        // What storage really holds (it keeps no undefined, say) is what the scan must account for.
        const held = await fakeBrowser.storage.local.get(null);
        const keys = Object.keys(held);
        const bad = keys.filter((key) => {
          const parsed = outboxRecordSchema.safeParse(held[key]);
          return !parsed.success || stored.outboxRecord.prefix + parsed.data.event.id !== key;
        });

        const { records, quarantined } = await createOutboxStore({ now: () => 0 }).scan();

        expect(quarantined).toBe(bad.length);
        expect(records.map((record) => record.event.id).sort()).toEqual(
          keys
            .filter((key) => !bad.includes(key))
            .map((key) => key.slice(stored.outboxRecord.prefix.length))
            .sort(),
        );
        const after = await fakeBrowser.storage.local.get(null);
        for (const key of bad) {
          expect(after[key]).toBeUndefined();
          const aside = quarantinedRecordSchema.parse(after[stored.quarantined.prefix + key]);
          expect(aside).toMatchObject({ key, value: held[key], reason: expect.stringMatching(/\S/) });
        }
      }),
      runs('quarantine'),
    );
  });

  it('reads a summary only as whole, non-negative counts', () => {
    const count = fc.oneof(fc.nat(), fc.integer({ min: -3, max: -1 }), fc.double(), anything);
    fc.assert(
      fc.property(count, count, count, (queued, failed, quarantined) => {
        const result = parseNamingIssues(outboxSummarySchema, { queued, failed, quarantined });
        const valid = [queued, failed, quarantined].every(
          (value) => Number.isSafeInteger(value) && (value as number) >= 0,
        );
        expect(result.success).toBe(valid);
      }),
      runs('outboxSummary'),
    );
  });
});

describe('every other stored value', () => {
  const single = (['settings', 'recentCurrencies', 'sites', 'sessionSummary', 'accessToken'] as const).map((name) =>
    fc.constant<StoredEntry<unknown>>(stored[name]),
  );
  const perKey = (['chatIdentity', 'knownOperator', 'pageStatus'] as const).map((name) => {
    const { area, prefix, schema } = stored[name];
    return fc
      .string({ minLength: 1, maxLength: 8 })
      .map((suffix): StoredEntry<unknown> => ({ area, key: prefix + suffix, schema }));
  });
  const entry = fc.oneof(...single, ...perKey);
  /** A valid value of one entry or another, so most are not valid for the entry they are stored under. */
  const sample = fc.constantFrom<unknown>(
    DEFAULT_SETTINGS,
    ['USD', 'EUR'],
    [{ kind: 'chatwoot', host: 'chat.example.com' }],
    { signedIn: false },
    { token: 'token', expiresAt: 1 },
    '777001',
    { id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' },
    { site: 'WhatsApp Web', mount: 'header', contact: 'read' },
  );
  const value = fc.oneof(anything, sample);

  it('reads what parses, and sets aside what does not before a read falls back or a write replaces it', async () => {
    await fc.assert(
      fc.asyncProperty(entry, value, value, sample, async (target, first, second, next) => {
        fakeBrowser.reset();
        const area = fakeBrowser.storage[target.area];
        const bad: unknown[] = [];
        const storeRaw = async (raw: unknown) => {
          await area.set(storable({ [target.key]: raw }));
          const held: unknown = (await area.get(target.key))[target.key];
          const parsed = target.schema.safeParse(held);
          if (held !== undefined && !parsed.success) bad.push(held);
          return parsed;
        };

        const parsed = await storeRaw(first);
        expect(await readStored(target)).toEqual(parsed.success ? parsed.data : undefined);
        await storeRaw(second);
        await writeStored(target, next);

        const after = await area.get(null);
        expect(after[target.key]).toEqual(next);
        const aside = Object.keys(after).filter((key) => key.startsWith(stored.quarantined.prefix));
        expect(aside).toHaveLength(bad.length);
        for (const key of aside) {
          expect(quarantinedRecordSchema.parse(after[key])).toMatchObject({
            key: target.key,
            reason: expect.stringMatching(/\S/),
          });
        }
        expect(aside.map((key) => (after[key] as { value: unknown }).value)).toEqual(expect.arrayContaining(bad));
      }),
      runs('storedValues'),
    );
  });
});

describe('settings', () => {
  const apiUrl = fc.oneof(
    fc.webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true, withFragments: true }),
    fc.webUrl({ validSchemes: ['https'] }).map((url) => `${url}///`),
    fc.constantFrom(
      'http://127.0.0.1:8787',
      'http://localhost:8787/',
      'http://[::1]:8787',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
      'https://user:secret@tracker.example.com',
      'https://tracker.example.com/?next=/',
      'https://tracker.example.com/#/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ftp://tracker.example.com',
      'tracker.example.com',
      '',
    ),
    fc.string({ maxLength: 30 }),
  );

  it('keeps an API URL only when every call built on it goes to that origin, over https or to this computer', () => {
    fc.assert(
      fc.property(apiUrl, fc.oneof(currencyCode, fc.string({ maxLength: 5 })), (url, defaultCurrency) => {
        const result = parseNamingIssues(settingsSchema, { apiUrl: url, defaultCurrency });
        if (!result.success) {
          for (const path of issuePaths(result)) expect(['apiUrl', 'defaultCurrency']).toContain(path);
          return;
        }
        expect(CURRENCY_CODES).toContain(result.data.defaultCurrency);
        const base = new URL(result.data.apiUrl);
        expect(base.protocol === 'https:' || isLoopbackUrl(result.data.apiUrl)).toBe(true);
        expect(result.data.apiUrl.endsWith('/')).toBe(false);
        expect(base.username + base.password).toBe('');
        const call = new URL(`${result.data.apiUrl}/api/v1/events`);
        expect(call.origin).toBe(base.origin);
        expect(call.pathname.endsWith('/api/v1/events')).toBe(true);
        expect(call.search + call.hash).toBe('');
      }),
      runs('settings'),
    );
  });

  it('refuses an API URL with a query, a fragment or a password in it, at the API URL', () => {
    for (const url of [
      'https://tracker.example.com/?next=/',
      'https://tracker.example.com/#/',
      'https://user:secret@tracker.example.com',
    ]) {
      expect(issuePaths(settingsSchema.safeParse({ apiUrl: url, defaultCurrency: 'USD' })), url).toEqual(['apiUrl']);
    }
  });
});

describe('the session summary the UI reads', () => {
  it('is signed in with an operator, or signed out (maybe expired), and nothing else', () => {
    const summary = fc.oneof(
      fc.record({
        signedIn: fc.constant(true),
        operator: fc.record({ id: fc.string(), name: fc.string(), email: fc.string() }),
      }),
      fc.record({ signedIn: fc.constant(false), expired: fc.boolean() }, { requiredKeys: ['signedIn'] }),
      fc.record({ signedIn: anything, operator: anything, expired: anything }, { requiredKeys: [] }),
      anything,
    );
    fc.assert(
      fc.property(summary, (value) => {
        const result = parseNamingIssues(sessionSummarySchema, value);
        if (result.success) expect(result.data.signedIn ? 'operator' in result.data : true).toBe(true);
      }),
      runs('sessionSummary'),
    );
  });
});

beforeEach(() => fakeBrowser.reset());
