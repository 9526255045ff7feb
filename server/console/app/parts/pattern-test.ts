import { problemText } from './problem-text';

/** What the first-message pattern finds in a message, as the tester shows it. */
export type PatternOutcome =
  | { kind: 'empty' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'groups'; count: number }
  | { kind: 'found'; code: string }
  | { kind: 'notFound' };

/** Messages longer than this are cut before matching: a first message with a code is short, and this keeps the tester quick. */
export const TESTED_MESSAGE_MAX = 2000;

export function testPattern(pattern: string, message: string): PatternOutcome {
  if (!pattern) return { kind: 'empty' };
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch (error) {
    return { kind: 'invalid', reason: problemText(error) };
  }
  // An alternative that matches the empty string makes every pattern match, so the result's length counts its groups.
  const count = (new RegExp(`${pattern}|`, 'u').exec('')?.length ?? 1) - 1;
  if (count !== 1) return { kind: 'groups', count };
  const code = regex.exec(message.slice(0, TESTED_MESSAGE_MAX))?.[1];
  return code ? { kind: 'found', code } : { kind: 'notFound' };
}
