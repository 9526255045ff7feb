import type { OutboxRecord } from '../schemas';
import type { ApiClient } from './api-client';
import { retryDelayMs } from './backoff';
import { outcomeOf, type DeliveryOutcome } from './delivery-outcome';
import { recordAfter, type MachinePolicy, type Settled } from './outbox-machine';
import type { OutboxStore } from './outbox-store';
import type { AuthSession } from './session';

export interface AttemptOptions {
  store: OutboxStore;
  session: AuthSession;
  api: ApiClient;
  platform: () => Promise<string>;
  now: () => number;
  random: () => number;
  policy: MachinePolicy;
}

export interface Attempts {
  /**
   * One attempt, as the record's owner and to the platform it was saved for. Never without an owner; the platform is
   * asked right before the post, so a platform changed meanwhile is not sent it (`hold`).
   */
  post(record: OutboxRecord): Promise<DeliveryOutcome>;
  /** Stores what an attempt settled; resolves with the record as stored (undefined: gone). */
  store(id: string, outcome: Settled): Promise<OutboxRecord | undefined>;
  /** Ends every rest between refused writes: the write in rest gives up (throws), leaving the record as stored. */
  stop(): void;
}

/** Posting one record, and storing what the post settled. */
export function createAttempts(options: AttemptOptions): Attempts {
  const { store, session, api, platform, now, random, policy } = options;
  /** Writes resting before they try storage again; stop() ends their rest. */
  const resting = new Set<() => void>();
  let stopped = false;

  /** Waits `ms`, or less if stopped meanwhile: a stopped worker keeps no timer. */
  function rest(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      resting.add(wake);
    });
  }

  return {
    async post(record) {
      const { operatorId } = record;
      if (operatorId === undefined) return { kind: 'hold' };
      try {
        const result = await session.withAuth(
          async (token) => {
            if ((await platform()) !== record.apiUrl) throw new PlatformChanged();
            return api.postEvent(record.event, token);
          },
          { operatorId },
        );
        return outcomeOf(result);
      } catch (error) {
        if (error instanceof PlatformChanged) return { kind: 'hold' };
        throw error;
      }
    },

    /**
     * A write storage refuses (a full disk) is tried again after a growing rest, without posting again: after a 2xx
     * the platform has the event, and posting it each time would only ask it again. Stopped meanwhile, it gives up and
     * the record stays queued as stored; the next worker posts it (same id, stored once) and writes again.
     */
    async store(id, outcome) {
      const draw = random();
      for (let tries = 1; ; tries += 1) {
        try {
          return await store.update([id], (current) => {
            const latest = current.get(id);
            const next = latest && recordAfter(latest, { kind: 'attempted', outcome, draw }, now(), policy);
            return next ? { put: [next], result: next } : { put: [], result: latest };
          });
        } catch (error) {
          if (stopped) throw error;
          await rest(retryDelayMs(tries, policy.backoff, random));
        }
      }
    },

    stop() {
      stopped = true;
      for (const wake of [...resting]) wake();
    },
  };
}

/** The platform set now is not the one a record was saved for: the post is not made. */
class PlatformChanged extends Error {
  constructor() {
    super('Another platform is set than the one this event was saved for');
    this.name = 'PlatformChanged';
  }
}
