import { contactKeySchema, contactLookupResponseSchema } from '../../lib/schemas/api';
import { trackerDataUpdateResponseSchema, trackerDataUpdateSchema } from '../../lib/schemas/tracker-data';
import type { AuthStore } from '../auth-store';
import { fail, jsonReply, parseBody, parseOrRefuse } from '../http';
import type { Route } from '../router';
import type { TrackerStore } from '../tracker-store';
import { requireOperator } from './bearer';

const MAX_EVENTS = 50;

export function contactRoutes(auth: AuthStore, tracker: TrackerStore): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/contacts/:channel/:externalId',
      handle(request) {
        requireOperator(request, auth);
        const key = parseOrRefuse(contactKeySchema, request.params, 'The contact address breaks the API contract');
        const contact = tracker.contact(key);
        if (!contact) fail(404, { code: 'contact_not_found', message: 'The platform knows nothing of this contact yet' });
        return jsonReply(200, contactLookupResponseSchema, { contact, events: tracker.latestEvents(key, MAX_EVENTS) });
      },
    },
    {
      method: 'PUT',
      pattern: '/api/v1/contacts/:channel/:externalId/tracker-data',
      handle(request) {
        requireOperator(request, auth);
        const key = parseOrRefuse(contactKeySchema, request.params, 'The contact address breaks the API contract');
        const update = parseBody(trackerDataUpdateSchema, request);
        return jsonReply(200, trackerDataUpdateResponseSchema, { contact: tracker.linkTrackerData(key, update) });
      },
    },
  ];
}
