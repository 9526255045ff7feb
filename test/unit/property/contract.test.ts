import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CANONICAL_AMOUNT,
  contactLookupResponseSchema,
  CURRENCY_CODES,
  currencyCodeSchema,
  errorBodySchema,
  eventResponseSchema,
  loginRequestSchema,
  minorUnitsOf,
  refreshRequestSchema,
  sessionSchema,
  trackerEventInputSchema,
  trackerEventSchema,
  type TrackerEventInput,
} from '../../../lib/schemas';
import {
  anything,
  apiError,
  contactRef,
  isoTime,
  minorUnits,
  REMOVE,
  replaceAt,
  trackerEventInput,
} from './arbitraries';
import { issuePaths, parseNamingIssues } from './issues';
import { runs } from './runs';

/** Values one step from valid, per field: what a bug, an older version or a hostile sender would put there. */
const NEAR_MISSES: Readonly<Record<string, readonly unknown[]>> = {
  id: [
    '',
    'not-a-uuid',
    '3F1C2B9E-8D4A-4F6B-9C1E-2A7D5E8F0B13',
    '3f1c2b9e-8d4a-1f6b-9c1e-2a7d5e8f0b13',
    '3f1c2b9e8d4a4f6b9c1e2a7d5e8f0b13',
  ],
  type: ['Deposit', 'withdrawal', '', 'registration ', 'redeposit\u0000'],
  contact: [null, 'telegram/777001', [], {}],
  'contact.channel': ['Telegram', 'sms', '', 'email'],
  'contact.externalId': ['', 'x'.repeat(129), 777001],
  'contact.displayName': ['x'.repeat(257), 42, null],
  'contact.username': ['x'.repeat(65), false],
  amount: [
    '',
    '0',
    '0.0',
    '-5',
    '1e5',
    '1,5',
    '1.',
    '.5',
    '01',
    '1.50',
    ' 1',
    '1 000',
    '1234567890123',
    'NaN',
    'Infinity',
    150,
    1.5,
  ],
  currency: ['', 'usd', 'US', 'XYZ', 'USDTT', 'EURO', ' EUR', 840],
  occurredAt: ['', '2026-11-25', '2026-11-25T09:30:00+03:00', 'yesterday', '2026-13-40T99:99:99.000Z', 1764063000000],
  note: ['x'.repeat(501), 42, null],
};

/** Fields whose rules reach across: a changed type or currency may be refused at the amount. */
const RELATED: Readonly<Record<string, readonly string[]>> = {
  type: ['type', 'amount', 'currency'],
  currency: ['currency', 'amount'],
  amount: ['amount'],
};

const fieldPath = fc.constantFrom(...Object.keys(NEAR_MISSES));
const replacementFor = (path: string) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...(NEAR_MISSES[path] ?? [])), weight: 3 },
    { arbitrary: fc.constant(REMOVE), weight: 1 },
    { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
    { arbitrary: anything, weight: 1 },
  );
const mutation = fieldPath.chain((path) => fc.record({ path: fc.constant(path), replacement: replacementFor(path) }));

function expectOnlyAt(paths: string[], mutated: string): void {
  const top = mutated.split('.')[0] ?? mutated;
  const allowed = RELATED[top] ?? [top];
  for (const path of paths)
    expect(allowed, `refused at ${path} after changing ${mutated}`).toContain(path.split('.')[0]);
}

describe('the event the extension posts (TrackerEventInput)', () => {
  it('accepts every event the contract allows, unchanged, with its amount exact', () => {
    fc.assert(
      fc.property(trackerEventInput, (event) => {
        const result = parseNamingIssues(trackerEventInputSchema, event);
        expect(result.error?.issues).toBeUndefined();
        expect(result.data).toEqual(event);
        if (event.amount !== undefined && event.currency !== undefined) {
          const decimals = minorUnitsOf(event.currency) ?? 0;
          expect(event.amount).toMatch(CANONICAL_AMOUNT);
          expect(minorUnits(event.amount, decimals)).toBeGreaterThan(0n);
        }
      }),
      runs('eventInputValid'),
    );
  });

  it('refuses a field one step from valid at that field (or the amount it governs), and never throws', () => {
    fc.assert(
      fc.property(trackerEventInput, mutation, (event, { path, replacement }) => {
        const changed = replaceAt(event, path.split('.'), replacement);
        const result = parseNamingIssues(trackerEventInputSchema, changed);
        if (result.success) return;
        expectOnlyAt(issuePaths(result), path);
      }),
      runs('eventInputMutated'),
    );
  });

  it('refuses a registration with an amount, and a deposit without one, at the amount', () => {
    const registration = trackerEventInput.filter((event) => event.type === 'registration');
    const deposit = trackerEventInput.filter((event) => event.type !== 'registration');
    fc.assert(
      fc.property(registration, deposit, (reg, dep) => {
        const withAmount: TrackerEventInput = { ...reg, amount: dep.amount, currency: dep.currency };
        expect(issuePaths(parseNamingIssues(trackerEventInputSchema, withAmount))).toEqual(['amount', 'currency']);
        const { amount: _amount, ...noAmount } = dep;
        expect(issuePaths(parseNamingIssues(trackerEventInputSchema, noAmount))).toEqual(['amount']);
      }),
      runs('amountPresenceByType'),
    );
  });
});

describe('what the platform answers', () => {
  const trackerEvent = fc
    .record({
      input: trackerEventInput,
      status: fc.constantFrom('accepted', 'forwarded', 'rejected'),
      receivedAt: isoTime,
      source: fc.constantFrom('manual', 'flow', 'postback'),
      stepName: fc.option(fc.string(), { nil: undefined }),
      operatorId: fc.option(fc.string(), { nil: undefined }),
    })
    .map(({ input, stepName, operatorId, ...rest }) => ({
      ...input,
      ...rest,
      ...(stepName === undefined ? {} : { stepName }),
      ...(operatorId === undefined ? {} : { operatorId }),
    }));
  const platformField = fc.constantFrom(
    'status',
    'receivedAt',
    'source',
    'stepName',
    'operatorId',
    'id',
    'type',
    'contact.channel',
    'occurredAt',
  );

  it('reads events, contacts and error bodies it can trust, and names the field of any it cannot', () => {
    fc.assert(
      fc.property(trackerEvent, platformField, anything, (event, path, replacement) => {
        expect(parseNamingIssues(trackerEventSchema, event).success).toBe(true);
        expect(parseNamingIssues(eventResponseSchema, { event }).success).toBe(true);
        const result = parseNamingIssues(
          eventResponseSchema,
          replaceAt({ event }, ['event', ...path.split('.')], replacement),
        );
        if (!result.success)
          for (const issue of issuePaths(result)) expect(issue.startsWith(`event.${path.split('.')[0]}`)).toBe(true);
      }),
      runs('trackerEventMutated'),
    );
  });

  it('takes a contact lookup of at most 50 events, with any tracker keys as strings', () => {
    const lookup = fc.record({
      contact: contactRef.chain((contact) =>
        fc
          .dictionary(fc.string({ maxLength: 12 }), fc.string(), { maxKeys: 6 })
          .map((trackerData) => ({ ...contact, trackerData })),
      ),
      events: fc.array(trackerEvent, { maxLength: 60 }),
    });
    fc.assert(
      fc.property(lookup, anything, (body, junk) => {
        const result = parseNamingIssues(contactLookupResponseSchema, body);
        expect(result.success).toBe(body.events.length <= 50);
        if (!result.success) expect(issuePaths(result)).toContain('events');
        const badTracker = replaceAt(body, ['contact', 'trackerData', 'clickId'], junk);
        const tracked = parseNamingIssues(contactLookupResponseSchema, badTracker);
        if (!tracked.success)
          expect(issuePaths(tracked).some((path) => path === 'events' || path.startsWith('contact.trackerData'))).toBe(
            true,
          );
      }),
      runs('contactLookup'),
    );
  });

  it('reads every error body by its code and message, and refuses one without them at that field', () => {
    fc.assert(
      fc.property(apiError, fc.constantFrom('code', 'message', 'fields'), anything, (error, field, junk) => {
        expect(parseNamingIssues(errorBodySchema, { error }).data).toEqual({ error });
        const result = parseNamingIssues(errorBodySchema, replaceAt({ error }, ['error', field], junk));
        if (!result.success)
          for (const path of issuePaths(result)) expect(path.startsWith(`error.${field}`)).toBe(true);
      }),
      runs('errorBodies'),
    );
  });
});

it('reads a field named __proto__ in an error body as data, never as the prototype', () => {
  const body: unknown = JSON.parse(
    '{"error":{"code":"validation_failed","message":"m","fields":{"__proto__":"polluted"}}}',
  );
  const parsed = errorBodySchema.parse(body);
  expect(Object.getPrototypeOf(parsed.error.fields)).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('the auth bodies', () => {
  const operator = fc.record({ id: fc.string({ minLength: 1 }), name: fc.string(), email: fc.emailAddress() });
  const session = fc.record({
    accessToken: fc.string({ minLength: 1 }),
    refreshToken: fc.string({ minLength: 1 }),
    expiresIn: fc.integer({ min: 1, max: 86_400 }),
    operator,
  });

  it('reads a session only with both tokens, a positive lifetime and an operator, naming what is missing', () => {
    const sessionField = fc.constantFrom(
      'accessToken',
      'refreshToken',
      'expiresIn',
      'operator',
      'operator.id',
      'operator.email',
    );
    fc.assert(
      fc.property(
        session,
        sessionField,
        fc.oneof(anything, fc.constantFrom('', 0, -1, REMOVE)),
        (body, path, replacement) => {
          expect(parseNamingIssues(sessionSchema, body).data).toEqual(body);
          const result = parseNamingIssues(sessionSchema, replaceAt(body, path.split('.'), replacement));
          if (!result.success) for (const issue of issuePaths(result)) expect(issue.startsWith(path)).toBe(true);
        },
      ),
      runs('sessionBodies'),
    );
  });

  it('checks sign-in and refresh requests field by field', () => {
    const credentials = fc.record({
      email: fc.oneof(fc.emailAddress(), fc.string(), anything),
      password: fc.oneof(fc.string(), anything),
    });
    fc.assert(
      fc.property(credentials, anything, (body, token) => {
        const login = parseNamingIssues(loginRequestSchema, body);
        if (login.success) {
          expect(login.data.email).toContain('@');
          expect(login.data.password.length).toBeGreaterThan(0);
        }
        parseNamingIssues(refreshRequestSchema, { refreshToken: token });
      }),
      runs('signInRequests'),
    );
  });
});

describe('currency codes', () => {
  it('accepts exactly the ISO 4217 codes and the platform’s crypto tickers, whatever else is typed', () => {
    const code = fc.oneof(
      fc.constantFrom(...CURRENCY_CODES),
      fc.string({ maxLength: 6 }),
      fc.stringMatching(/^[A-Z]{3,4}$/),
      anything,
    );
    fc.assert(
      fc.property(code, (value) => {
        const result = parseNamingIssues(currencyCodeSchema, value);
        expect(result.success).toBe(typeof value === 'string' && CURRENCY_CODES.includes(value));
        if (!result.success && typeof value === 'string')
          expect(result.error.issues[0]?.message).toMatch(/Unknown currency/);
      }),
      runs('currencyCodes'),
    );
  });

  it('keeps every code with its minor units, so the amount rules always know the decimals', () => {
    for (const code of CURRENCY_CODES) expect(minorUnitsOf(code), code).toBeGreaterThanOrEqual(0);
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
  });
});
