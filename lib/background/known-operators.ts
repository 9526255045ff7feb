import { stored, type Operator } from '../schemas';
import { readStored, writeStored } from './storage';

export interface KnownOperators {
  remember(operator: Operator): Promise<void>;
  /** Undefined for an operator who never signed in on this browser since it was remembered. */
  find(id: string): Promise<Operator | undefined>;
}

function entryFor(id: string) {
  const { area, prefix, schema } = stored.knownOperator;
  return { area, key: `${prefix}${id}`, schema };
}

/** Who signed in here, one key per operator, so queued events can be named after the operator who saved them. */
export function createKnownOperators(): KnownOperators {
  return {
    remember: (operator) => writeStored(entryFor(operator.id), operator),
    find: (id) => readStored(entryFor(id)),
  };
}
