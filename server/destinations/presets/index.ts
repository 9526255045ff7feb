import type { DestinationKind } from '../../../lib/schemas/destination';
import { binomPreset } from './binom';
import { chatterfyPreset } from './chatterfy';
import { keitaroPreset } from './keitaro';
import type { Preset } from './preset';
import { redtrackPreset } from './redtrack';
import { voluumPreset } from './voluum';
import { webhookPreset } from './webhook';

export type { Preset } from './preset';

export const presets: Readonly<Record<DestinationKind, Preset>> = {
  keitaro: keitaroPreset,
  binom: binomPreset,
  voluum: voluumPreset,
  redtrack: redtrackPreset,
  chatterfy: chatterfyPreset,
  webhook: webhookPreset,
};
