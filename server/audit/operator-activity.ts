import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables';

/** Monday 00:00 UTC of the week `now` falls in: the console's "this week". */
export function startOfUtcWeek(now: Date): Date {
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysSinceMonday));
}

/** Each operator's latest successful sign-in (extension or console), in ms since the epoch, from the audit log. */
export async function lastSignInByOperator(db: Kysely<Tables>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['operator_id', (eb) => eb.fn.max('at').as('last')])
    .where('action', '=', 'sign_in')
    .where('operator_id', 'is not', null)
    .groupBy('operator_id')
    .execute();
  return new Map(rows.map((row) => [row.operator_id ?? '', Number(row.last)]));
}

/** How many events each operator logged since `since` (by the time the server received them). */
export async function eventsSinceByOperator(db: Kysely<Tables>, since: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('events')
    .select(['operator_id', (eb) => eb.fn.countAll().as('count')])
    .where('received_at', '>=', since.toISOString())
    .where('operator_id', 'is not', null)
    .groupBy('operator_id')
    .execute();
  return new Map(rows.map((row) => [row.operator_id ?? '', Number(row.count)]));
}
