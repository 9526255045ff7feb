/** Destinations of the team's server: how an event becomes a tracker's postback, and how its secrets are shown. */
export {
  maskBody,
  maskDestination,
  maskHeaders,
  maskPostbackRequest,
  maskUrl,
  MASK,
  restoreMaskedSecrets,
} from './mask-secrets';
export type { PostbackFacts } from './postback-facts';
export { defaultStatusMap, destinationTakes, postbackRequest, requestTemplate } from './postback-request';
export { presets } from './presets';
export type { Preset } from './presets';
export type { QueryParam, RequestTemplate } from './request-template';
