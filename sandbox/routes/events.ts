import { eventResponseSchema, trackerEventInputSchema } from '../../lib/schemas/api';
import type { AuthStore } from '../auth-store';
import { fail, invalid, jsonReply, parseBody } from '../http';
import type { Route } from '../router';
import { canonicalJson } from '../tracker-store';
import type { TrackerStore } from '../tracker-store';
import { requireOperator } from './bearer';

export function eventRoutes(auth: AuthStore, tracker: TrackerStore): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v1/events',
      handle(request) {
        const operator = requireOperator(request, auth);
        const input = parseBody(trackerEventInputSchema, request);
        if (request.headers['idempotency-key'] !== input.id) {
          invalid('The Idempotency-Key header must equal the event id', { id: 'The Idempotency-Key header must equal the event id' });
        }
        // A retry is recognised before any other rule, so a deposit that was stored answers 200, not deposit_exists.
        const stored = tracker.eventById(input.id);
        if (stored) {
          if (stored.canonicalBody !== canonicalJson(input)) {
            fail(409, { code: 'idempotency_conflict', message: 'An event with this id was stored with a different body' });
          }
          return jsonReply(200, eventResponseSchema, { event: stored.event });
        }
        if (input.type === 'deposit' && tracker.hasDeposit(input.contact)) {
          fail(409, { code: 'deposit_exists', message: 'This contact already has a deposit: send it as a redeposit' });
        }
        const event = tracker.record(input, {
          status: 'accepted',
          source: 'manual',
          operatorId: operator.id,
          receivedAt: new Date().toISOString(),
        });
        return jsonReply(201, eventResponseSchema, { event });
      },
    },
  ];
}
