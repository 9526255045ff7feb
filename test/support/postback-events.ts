import { defaultStatusMap } from '../../server/destinations';
import type { PostbackFacts } from '../../server/destinations';
import type { DestinationInput, DestinationKind, PostbackRequest } from '../../lib/schemas/destination';

/** A deposit as the delivery queue would describe it; tests change only what they are about. */
export function depositFacts(overrides: Partial<PostbackFacts> = {}): PostbackFacts {
  return {
    eventId: '0b6e5c1e-3f7a-4c1e-9a55-2d4b8f0e6a11',
    eventType: 'deposit',
    amount: '150',
    currency: 'USD',
    clickId: 'c1ick-42',
    channel: 'telegram',
    contactId: '1227280',
    username: 'lead_anna',
    operatorEmail: 'manager@team.example',
    occurredAt: '2026-12-05T08:00:00.000Z',
    ...overrides,
  };
}

export function registrationFacts(overrides: Partial<PostbackFacts> = {}): PostbackFacts {
  const { amount: _amount, currency: _currency, ...facts } = depositFacts({ eventType: 'registration', ...overrides });
  return facts;
}

/** A destination of a kind at a URL, taking every event type, with its kind's default statuses. */
export function destinationAt(
  kind: DestinationKind,
  url: string,
  overrides: Partial<DestinationInput> = {},
): DestinationInput {
  return {
    name: `${kind} of the team`,
    kind,
    url,
    enabled: true,
    events: ['registration', 'deposit', 'redeposit'],
    statusMap: defaultStatusMap(kind),
    ...overrides,
  };
}

/** Sends a postback the way the delivery queue will: the request exactly as the preset made it. */
export function sendPostback(request: PostbackRequest): Promise<Response> {
  return fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
}
