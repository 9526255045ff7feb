/** A URL's query as the admin wrote it, pair by pair: parsing it with URL would re-encode what was already right. */

export function splitPair(pair: string): [name: string, value: string | undefined] {
  const equals = pair.indexOf('=');
  return equals === -1 ? [pair, undefined] : [pair.slice(0, equals), pair.slice(equals + 1)];
}

/** A query name or value decoded as a tracker reads it; text that is not valid percent-encoding stays as it is. */
export function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
