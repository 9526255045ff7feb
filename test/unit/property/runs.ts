/**
 * How many cases each property generates. One table, so the total the issue asks for (at least 10,000 generated
 * cases of bad and good input) is a sum a test can check, and a property that grows slow is tuned in one place.
 */
export const RUNS = {
  amountNeverThrows: 2_000,
  amountTypedValue: 1_000,
  amountCanonicalRoundTrip: 500,
  amountFormattedStyles: 1_000,
  amountTooManyDecimals: 500,
  amountTooLarge: 300,
  amountSignsAndExponents: 300,
  amountAgreesWithContract: 500,
  currencyCodes: 500,
  eventInputValid: 400,
  eventInputMutated: 1_000,
  trackerEventMutated: 300,
  eventFormTyped: 1_000,
  eventFormAnything: 300,
  outboxRecordMutated: 500,
  outboxSummaryAndQuarantine: 200,
  settings: 600,
  sessionBodies: 400,
  contactLookup: 300,
  errorBodies: 200,
  messageRequests: 600,
  messageResponses: 400,
  envelopes: 300,
} as const;

export const runs = (name: keyof typeof RUNS) => ({ numRuns: RUNS[name] });
