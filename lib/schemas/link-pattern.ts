import { isSafePattern } from 'redos-detector';
import { z } from 'zod/mini';
import { firstMessagePatternSchema } from './first-message';

/**
 * The first-message pattern as an admin sets it for the team (GET /api/v1/team-settings hands it to the extension):
 * its shape (first-message.ts) and its safety against catastrophic backtracking.
 *
 * redos-detector (tjenkinson) follows every path an input can take through the pattern and never calls an unsafe
 * pattern safe. It is asked about the pattern anchored at the start: a search tries the pattern once at every
 * position, which costs the length of the (bounded) message times one attempt, and an attempt is what can explode —
 * unanchored, the detector counts the implicit `[^]*?` prefix against the pattern and refuses even
 * `ref[:\s]*([A-Za-z0-9_-]{6,64})`. Steps and time are capped; a pattern it cannot finish checking is refused too.
 *
 * Not exported from the schemas index: the extension never needs it, and its parser would weigh on every bundle.
 */
const DETECTOR_LIMITS = { maxSteps: 2000, timeout: 1000 } as const;

/** Why the pattern is not safe to run, or undefined; a pattern that does not compile is the shape check's to report. */
export function backtrackingProblem(pattern: string): string | undefined {
  if (!firstMessagePatternSchema.safeParse(pattern).success) return undefined;
  let result: ReturnType<typeof isSafePattern>;
  try {
    result = isSafePattern(`^(?:${pattern})`, { caseInsensitive: true, ...DETECTOR_LIMITS });
  } catch {
    return 'The pattern uses syntax that cannot be checked for catastrophic backtracking (a named group, say): use a plain group';
  }
  if (result.safe) return undefined;
  if (result.error === 'hitMaxScore')
    return 'The pattern can backtrack catastrophically: make its repeated parts unable to match the same text';
  return 'The pattern is too complex to check for catastrophic backtracking: simplify it';
}

export const linkPatternSchema = firstMessagePatternSchema.check(
  z.superRefine((pattern, ctx) => {
    const problem = backtrackingProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: pattern });
  }),
);
