import type { Kysely } from 'kysely';
import { z } from 'zod/mini';
import type { Tables } from '../db/tables';

const SETTING = 'first_message_pattern';
const storedSchema = z.nullable(z.string());

/** The team's first-message pattern, or null when the admin set none. Stored only after linkPatternSchema took it. */
export async function readFirstMessagePattern(db: Kysely<Tables>): Promise<string | null> {
  const row = await db.selectFrom('team_settings').select('value').where('name', '=', SETTING).executeTakeFirst();
  return row ? storedSchema.parse(JSON.parse(row.value)) : null;
}

export async function writeFirstMessagePattern(db: Kysely<Tables>, pattern: string | null): Promise<void> {
  const now = Date.now();
  const value = JSON.stringify(pattern);
  await db
    .insertInto('team_settings')
    .values({ name: SETTING, value, updated_at: now })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ value, updated_at: now }))
    .execute();
}
