import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Tables } from './tables';

/** Runs a unit of work all or nothing and resolves only once what it wrote is committed. */
export type Commits = <T>(work: (trx: Kysely<Tables>) => Promise<T>) => Promise<T>;

/**
 * PostgreSQL: a transaction per unit. The pool runs them side by side on several connections, and PostgreSQL already
 * flushes the log of commits that wait at the same time together.
 */
export const transactionEach =
  (db: Kysely<Tables>): Commits =>
  (work) =>
    db.transaction().execute(work);

interface Unit {
  work: (trx: Kysely<Tables>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Done = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * SQLite: the units that arrived since the last commit share one transaction, so one disk sync commits them all.
 * better-sqlite3 commits on the event loop, and with `synchronous=FULL` each commit waits for the disk; one commit per
 * unit capped the server at the disk's sync rate, and requests that arrived during a sync each waited for their own.
 * The group is written once the event loop has taken in what arrived (setImmediate runs after the poll phase), so
 * nothing waits on a timer. Each unit runs inside a savepoint: one that throws (a retry's id already stored, a
 * second first deposit) is rolled back alone and rejects with its own error, the others still commit. Every unit
 * settles only after the commit, so an answer never reports a write that could still be lost.
 */
export function groupCommit(db: Kysely<Tables>): Commits {
  let queued: Unit[] = [];

  async function runGroup(group: readonly Unit[]): Promise<Done[]> {
    return db.transaction().execute(async (trx) => {
      const done: Done[] = [];
      for (const unit of group) {
        await sql`savepoint unit`.execute(trx);
        try {
          done.push({ ok: true, value: await unit.work(trx) });
          await sql`release unit`.execute(trx);
        } catch (error) {
          await sql`rollback to unit`.execute(trx);
          await sql`release unit`.execute(trx);
          done.push({ ok: false, error });
        }
      }
      return done;
    });
  }

  function flush(): void {
    const group = queued;
    queued = [];
    runGroup(group).then(
      (done) =>
        done.forEach((result, index) => {
          if (result.ok) group[index]!.resolve(result.value);
          else group[index]!.reject(result.error);
        }),
      // The commit itself failed (disk full, database gone): nothing of the group is stored.
      (error: unknown) => group.forEach((unit) => unit.reject(error)),
    );
  }

  return <T>(work: (trx: Kysely<Tables>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (queued.length === 1) setImmediate(flush);
    });
}
