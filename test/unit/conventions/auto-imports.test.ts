import { describe, expect, it } from 'vitest';
import wxtConfig from '../../../wxt.config';

/** The design's "every file says what it uses", checked rather than remembered. */
describe('every file says what it uses', () => {
  it('because WXT’s auto-imports stay off (imports: false): a missing import fails to compile instead of resolving by name', () => {
    expect(wxtConfig.imports).toBe(false);
  });
});
