/**
 * The versions of the single-key values in storage.local, and how an older value becomes one of the current version.
 * WXT's storage items keep the version beside the value (under `<key>$`); a value 0.1.0 stored has none, which WXT
 * reads as version 1. A step is added, never changed, when a value's shape changes; each is pure and must take any
 * value, a corrupted one too (the schema judges the result, and what does not parse is set aside with its raw value).
 */

type Migrations = Readonly<Record<number, (old: unknown) => unknown>>;

/**
 * Version 2: the first stored with its version. 0.1.0's unversioned settings, added sites, recent currencies and
 * session summary already have its shape (settings saved before the language existed read as the browser's language,
 * by the schema's default), so the step keeps the value and WXT records the version.
 */
export const FIRST_STORED_VERSION = 2;
export const UNCHANGED_SINCE_0_1_0: Migrations = { 2: (old) => old };
