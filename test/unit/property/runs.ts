/**
 * How many cases each property generates. One table, so the total the issue asks for (at least 10,000 generated
 * cases of bad and good input) is a sum a test can check, and a property that grows slow is tuned in one place.
 * Each key is used by exactly one property.
 */
export const RUNS = {
  amountNeverThrows: 2_000,
  amountTypedValue: 1_000,
  amountCanonicalRoundTrip: 500,
  amountFormattedStyles: 1_000,
  amountSameInEveryCurrency: 1_000,
  amountAmbiguousAsks: 500,
  amountCommaGroups: 300,
  amountTooManyDecimals: 500,
  amountTooLarge: 300,
  amountSignsAndExponents: 300,
  amountAgreesWithContract: 500,
  canonicalGenerator: 100,
  currencyCodes: 500,
  eventInputValid: 400,
  eventInputMutated: 1_000,
  amountPresenceByType: 100,
  trackerEventMutated: 300,
  contactLookup: 200,
  errorBodies: 200,
  sessionBodies: 300,
  signInRequests: 300,
  eventFormTyped: 1_000,
  eventFormAnything: 300,
  outboxRecordMutated: 500,
  quarantine: 100,
  storedValues: 100,
  outboxSummary: 200,
  settings: 600,
  sessionSummary: 200,
  messageRequests: 600,
  messageResponses: 400,
  envelopes: 400,
} as const;

export type PropertyName = keyof typeof RUNS;

export const runs = (name: PropertyName) => ({ numRuns: RUNS[name] });
