import { describe, expect, it } from 'vitest';
import {
  clickIdSchema,
  firstMessagePatternSchema,
  matchFirstMessage,
  MESSAGE_TEXT_MAX,
  teamSettingsSchema,
} from '../../lib/schemas';
import { linkPatternSchema } from '../../lib/schemas/link-pattern';

const REF = 'ref[:\\s]*([A-Za-z0-9_-]{6,64})';
const problem = (pattern: string) => {
  const result = linkPatternSchema.safeParse(pattern);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
};

describe('the first-message pattern an admin sets', () => {
  it('takes a pattern with one capturing group around the click id', () => {
    expect(problem(REF)).toBeUndefined();
    expect(problem('(?:start|ref)=([a-z0-9]{8,32})')).toBeUndefined();
  });

  it('refuses a pattern without a group, with two, or that does not compile, saying which', () => {
    expect(problem('ref[:\\s]*[A-Za-z0-9_-]{6,64}')).toBe(
      'The pattern needs exactly one capturing group, around the click id (it has 0)',
    );
    expect(problem('(ref)[:\\s]*([A-Za-z0-9_-]{6,64})')).toBe(
      'The pattern needs exactly one capturing group, around the click id (it has 2)',
    );
    expect(problem('ref([a-z')).toBe('Not a valid regular expression');
    expect(problem('')).toBe('Enter a pattern');
    expect(problem('ref=(?<click>[a-z0-9]{8,32})')).toMatch(/cannot be checked .*: use a plain group/);
  });

  it('refuses a pattern longer than 200 characters', () => {
    expect(problem(`(${'a'.repeat(199)})`)).toBe('The pattern is longer than 200 characters');
  });

  it('refuses patterns that backtrack catastrophically, which the extension alone would run', () => {
    expect(problem('ref=((?:a+)+)$')).toMatch(/backtrack catastrophically/);
    expect(problem('(\\d+\\d+)x')).toMatch(/backtrack catastrophically/);
    // The extension's own check is of shape only: it relies on the server having refused these.
    expect(firstMessagePatternSchema.safeParse('((?:a+)+)$').success).toBe(true);
  });

  it('reaches the extension as the team settings answer, the pattern optional', () => {
    expect(teamSettingsSchema.parse({ firstMessagePattern: REF })).toEqual({ firstMessagePattern: REF });
    expect(teamSettingsSchema.parse({})).toEqual({});
    expect(teamSettingsSchema.safeParse({ firstMessagePattern: 'no group' }).success).toBe(false);
  });
});

describe('a click id', () => {
  it('is 4 to 128 URL-safe characters', () => {
    expect(clickIdSchema.safeParse('ab12cd34').success).toBe(true);
    expect(clickIdSchema.safeParse('Cj0KCQiA-x_y.z~1').success).toBe(true);
    expect(clickIdSchema.safeParse('abc').error?.issues[0]?.message).toBe('A click id has at least 4 characters');
    expect(clickIdSchema.safeParse('ab 12').error?.issues[0]?.message).toBe(
      'A click id has only letters, digits and . _ ~ -',
    );
    expect(clickIdSchema.safeParse('a'.repeat(129)).error?.issues[0]?.message).toBe(
      'A click id has at most 128 characters',
    );
  });
});

describe("matching the lead's first messages", () => {
  it('finds the code and the time of the message it is in', () => {
    const messages = [
      { text: 'Hello!', time: '10:30' },
      { text: 'Ref: ab12cd34 I came from the ad', time: '10:31' },
    ];
    expect(matchFirstMessage(REF, messages)).toEqual({ clickId: 'ab12cd34', time: '10:31' });
  });

  it('matches whatever the case of the words around the code', () => {
    expect(matchFirstMessage(REF, [{ text: 'REF ab12cd34' }])).toEqual({ clickId: 'ab12cd34' });
  });

  it('finds nothing where no message carries a code', () => {
    expect(matchFirstMessage(REF, [{ text: 'I would like to top up', time: '10:31' }])).toBeUndefined();
  });

  it('proposes nothing that is not a click id', () => {
    expect(matchFirstMessage('ref[:\\s]*(\\S+)', [{ text: 'ref: a<b>c"d' }])).toBeUndefined();
    expect(matchFirstMessage('ref(\\w{0,3})', [{ text: 'ref' }])).toBeUndefined();
  });

  it('reads at most the first five messages', () => {
    const filler = Array.from({ length: 5 }, () => ({ text: 'hi' }));
    expect(matchFirstMessage(REF, [...filler, { text: 'ref ab12cd34' }])).toBeUndefined();
    expect(matchFirstMessage(REF, [...filler.slice(1), { text: 'ref ab12cd34' }])).toEqual({ clickId: 'ab12cd34' });
  });

  it(`reads each message up to ${MESSAGE_TEXT_MAX} characters`, () => {
    const padding = 'x'.repeat(MESSAGE_TEXT_MAX);
    expect(matchFirstMessage(REF, [{ text: `${padding} ref ab12cd34` }])).toBeUndefined();
    expect(matchFirstMessage(REF, [{ text: `${padding.slice(20)} ref ab12cd34` }])).toEqual({ clickId: 'ab12cd34' });
  });

  it('uses no pattern that is not one (a broken setting proposes nothing)', () => {
    expect(matchFirstMessage('ref (', [{ text: 'ref (ab12cd34' }])).toBeUndefined();
    expect(matchFirstMessage('ref ab12cd34', [{ text: 'ref ab12cd34' }])).toBeUndefined();
  });
});
