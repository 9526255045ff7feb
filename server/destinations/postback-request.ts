import type { EventType } from '../../lib/schemas';
import type { DestinationInput, PostbackRequest, StatusMap } from '../../lib/schemas/destination';
import { macroValues } from './macro-values';
import type { PostbackFacts } from './postback-facts';
import { presets } from './presets';
import { renderRequest } from './request-template';
import type { RequestTemplate } from './request-template';

type DestinationTemplate = Pick<DestinationInput, 'kind' | 'url' | 'statusMap' | 'method' | 'headers' | 'body'>;

/** The destination as the one mechanism sees it: its kind's added query, its own method, headers and body. */
export function requestTemplate(destination: DestinationTemplate): RequestTemplate {
  const isWebhook = destination.kind === 'webhook';
  return {
    method: isWebhook ? (destination.method ?? 'GET') : 'GET',
    url: destination.url,
    query: presets[destination.kind].query,
    headers: destination.headers ?? {},
    body: isWebhook ? destination.body : undefined,
  };
}

/** The HTTP request that tells this destination about this event; pure, so every attempt sends the same request. */
export function postbackRequest(destination: DestinationTemplate, event: PostbackFacts): PostbackRequest {
  return renderRequest(requestTemplate(destination), macroValues(event, destination.statusMap[event.eventType]));
}

/** Whether a destination gets events of this type at all (server.md, "Delivery rules"). */
export function destinationTakes(
  destination: Pick<DestinationInput, 'enabled' | 'events'>,
  eventType: EventType,
): boolean {
  return destination.enabled && destination.events.includes(eventType);
}

/** The statuses a new destination of this kind starts with; the admin can change each. */
export function defaultStatusMap(kind: DestinationInput['kind']): StatusMap {
  return { ...presets[kind].defaultStatusMap };
}
