import { browser } from 'wxt/browser';
import type { z } from 'zod/mini';

/** A single-key entry of `stored` (lib/schemas/stored.ts). */
export interface StoredEntry<T> {
  area: 'local' | 'session';
  key: string;
  schema: z.ZodMiniType<T>;
}

/** The stored value, or undefined when it is missing or no longer parses (callers fall back to their default). */
export async function readStored<T>(entry: StoredEntry<T>): Promise<T | undefined> {
  const values = await browser.storage[entry.area].get(entry.key);
  const parsed = entry.schema.safeParse(values[entry.key]);
  return parsed.success ? parsed.data : undefined;
}

export async function writeStored<T>(entry: StoredEntry<T>, value: T): Promise<void> {
  await browser.storage[entry.area].set({ [entry.key]: value });
}

export async function removeStored<T>(entry: StoredEntry<T>): Promise<void> {
  await browser.storage[entry.area].remove(entry.key);
}
