import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RUNS } from './runs';

it('generates at least 10,000 cases in all, each property counted once', () => {
  const sources = readdirSync(__dirname)
    .filter((file) => file.endsWith('.test.ts') && file !== 'budget.test.ts')
    .map((file) => readFileSync(join(__dirname, file), 'utf8'))
    .join('\n');
  const used = [...sources.matchAll(/runs\('(\w+)'\)/g)].map((match) => match[1]);

  expect([...used].sort()).toEqual(Object.keys(RUNS).sort());
  expect(sources).not.toMatch(/numRuns:/);
  expect(Object.values(RUNS).reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(10_000);
});
