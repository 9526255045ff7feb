import { expect } from 'vitest';
import type { z } from 'zod/mini';

/** What kind of value a schema takes at its root: an object (or union of objects), an array, or a single value. */
export type Root = 'object' | 'array' | 'value';

export function rootOf(schema: z.ZodMiniType): Root {
  const { def } = schema._zod;
  if (def.type === 'nullable' || def.type === 'optional')
    return rootOf((def as unknown as { innerType: z.ZodMiniType }).innerType);
  const type = def.type;
  if (type === 'array') return 'array';
  if (type === 'object' || type === 'union' || type === 'pipe' || type === 'record') return 'object';
  return 'value';
}

function isObjectLike(input: unknown): boolean {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/**
 * Parses without throwing, and when it refuses, every issue names its rule (a zod code and a message a person can
 * read) and, wherever the input had the right shape at the root, the field it is about.
 */
export function parseNamingIssues<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
): z.util.SafeParseResult<z.output<S>> {
  let result: z.util.SafeParseResult<z.output<S>> | undefined;
  expect(() => {
    result = schema.safeParse(input);
  }).not.toThrow();
  if (!result) throw new Error('safeParse returned nothing');
  if (result.success) return result;
  const root = rootOf(schema);
  const rightShape = (root === 'object' && isObjectLike(input)) || (root === 'array' && Array.isArray(input));
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const issue of result.error.issues) {
    expect(typeof issue.code).toBe('string');
    expect(issue.message.trim()).not.toBe('');
    // A list that is too long or too short is a problem of the list itself, the one place with no field to name.
    const aboutTheList = root === 'array' && (issue.code === 'too_big' || issue.code === 'too_small');
    if (rightShape && !aboutTheList) expect(issue.path, `"${issue.message}" names no field`).not.toEqual([]);
  }
  return result;
}

/** The dotted paths of a refusal's issues (`contact.externalId`). */
export function issuePaths(result: z.util.SafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map((issue) => issue.path.map(String).join('.'));
}
