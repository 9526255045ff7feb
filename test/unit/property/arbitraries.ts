import fc from 'fast-check';
import {
  CURRENCY_CODES,
  minorUnitsOf,
  NOTE_MAX_LENGTH,
  type ContactRef,
  type OutboxRecord,
  type TrackerEventInput,
} from '../../../lib/schemas';

/** Generators of what reaches the schemas: good values, values one step from good, and anything at all. */

const DIGITS = [...'0123456789'];

export const digits = (minLength: number, maxLength: number) =>
  fc.array(fc.constantFrom(...DIGITS), { minLength, maxLength }).map((chars) => chars.join(''));

/** A whole number of exactly `length` digits with no leading zero. */
export const wholeNumber = (length: number) =>
  fc.tuple(fc.constantFrom(...DIGITS.slice(1)), digits(length - 1, length - 1)).map(([head, tail]) => head + tail);

export const currencyCode = fc.constantFrom(...CURRENCY_CODES);

/** Every currency the platform takes has its minor units; the generators only pick those. */
export function decimalsOf(currency: string): number {
  const decimals = minorUnitsOf(currency);
  if (decimals === undefined) throw new Error(`${currency} is not a currency the platform takes`);
  return decimals;
}

export interface AmountParts {
  /** No leading zeros; '0' only with a fraction. */
  integer: string;
  /** No trailing zeros. */
  fraction: string;
}

/** The parts of a canonical amount the currency allows: 1 to 12 integer digits, at most its minor units. */
export const amountParts = (decimals: number): fc.Arbitrary<AmountParts> =>
  fc
    .record({
      integer: fc.oneof(
        { arbitrary: fc.constant('0'), weight: 1 },
        { arbitrary: fc.integer({ min: 1, max: 12 }).chain(wholeNumber), weight: 5 },
      ),
      fraction: digits(0, decimals).map((fraction) => fraction.replace(/0+$/, '')),
    })
    .filter(({ integer, fraction }) => integer !== '0' || fraction !== '');

export const canonicalOf = ({ integer, fraction }: AmountParts) => (fraction ? `${integer}.${fraction}` : integer);

/** A currency and a canonical amount valid for it. */
export const currencyAndAmount = currencyCode.chain((currency) =>
  amountParts(decimalsOf(currency)).map((parts) => ({ currency, parts, amount: canonicalOf(parts) })),
);

/** The amount in the currency's minor units, exactly: BigInt, never a float. */
export function minorUnits(canonical: string, decimals: number): bigint {
  const [integer = '', fraction = ''] = canonical.split('.');
  return BigInt(integer + fraction.padEnd(decimals, '0'));
}

export const uuidV4 = fc.uuid({ version: 4 });

export const isoTime = fc
  .date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2100-01-01T00:00:00.000Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

export const contactRef: fc.Arbitrary<ContactRef> = fc.record(
  {
    channel: fc.constantFrom('telegram', 'whatsapp', 'web'),
    externalId: fc.string({ minLength: 1, maxLength: 128 }),
    displayName: fc.string({ maxLength: 256 }),
    username: fc.string({ maxLength: 64 }),
  },
  { requiredKeys: ['channel', 'externalId'] },
);

const note = fc.option(fc.string({ maxLength: NOTE_MAX_LENGTH }), { nil: undefined });

/** An event exactly as the contract wants it: a registration, or a deposit with a canonical amount. */
export const trackerEventInput: fc.Arbitrary<TrackerEventInput> = fc
  .oneof(
    fc.record({
      id: uuidV4,
      type: fc.constant('registration' as const),
      contact: contactRef,
      occurredAt: isoTime,
      note,
    }),
    fc
      .record({
        id: uuidV4,
        type: fc.constantFrom('deposit' as const, 'redeposit' as const),
        contact: contactRef,
        money: currencyAndAmount,
        occurredAt: isoTime,
        note,
      })
      .map(({ money, ...event }) => ({ ...event, amount: money.amount, currency: money.currency })),
  )
  .map(withoutUndefined);

export const apiError = fc.record(
  {
    code: fc.string(),
    message: fc.string(),
    // zod drops a `__proto__` field name rather than set a prototype; the contract test checks that on its own.
    fields: fc.dictionary(
      fc.string().filter((name) => name !== '__proto__'),
      fc.string(),
      { maxKeys: 3 },
    ),
  },
  { requiredKeys: ['code', 'message'] },
);

const epochMs = fc.integer({ min: 0, max: 4_102_444_800_000 });

export const outboxRecord: fc.Arbitrary<OutboxRecord> = fc
  .record(
    {
      event: trackerEventInput,
      state: fc.constantFrom('queued' as const, 'sent' as const, 'failed' as const),
      attempts: fc.nat({ max: 1_000 }),
      nextAttemptAt: epochMs,
      createdAt: epochMs,
      updatedAt: epochMs,
      lastError: apiError,
      operatorId: fc.string({ minLength: 1, maxLength: 20 }),
      dismissedAt: epochMs,
    },
    { requiredKeys: ['event', 'state', 'attempts', 'nextAttemptAt', 'createdAt', 'updatedAt'] },
  )
  .map(withoutUndefined);

/**
 * Anything a corrupted store, an older version or a hostile sender could hand over, as it arrives. Storage, messages
 * and HTTP bodies all come through a structured clone or JSON, which give every object Object.prototype, so no input
 * has a null prototype (one as a string field's `length` makes zod 4.6's length checks throw).
 */
export const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** A copy of `value` with the value at `path` replaced, or removed when `replacement` is `REMOVE`. */
export const REMOVE = Symbol('remove');
export function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const copy: unknown = structuredClone(value);
  let target = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== 'object' || next === null) target[key] = {};
    target = target[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (last === undefined) return replacement;
  if (replacement === REMOVE) delete target[last];
  else target[last] = replacement;
  return copy;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
