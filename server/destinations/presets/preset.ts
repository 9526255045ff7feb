import type { DestinationKind, StatusMap } from '../../../lib/schemas/destination';
import type { QueryParam } from '../request-template';

/** A destination kind: what it adds to the URL the tracker gave, and the statuses the tracker knows by default. */
export interface Preset {
  kind: DestinationKind;
  /** From lib/schemas/default-status-maps.ts, which the console reads too. */
  defaultStatusMap: Readonly<StatusMap>;
  /** Parameters added to the URL; a parameter whose value is an absent macro (amount on a registration) is left out. */
  query: readonly QueryParam[];
  /** The tracker's own pages this preset follows. */
  documentation: readonly string[];
  /** Indexes of the URL path segments that hold the tracker's key (to mask them); none when the key is elsewhere. */
  secretPathSegments: (segments: readonly string[]) => number[];
}

export const noSecretPathSegments = (): number[] => [];
