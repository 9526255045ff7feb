import { stored, type PageStatus } from '../schemas';
import { readStored, removeStored, writeStored } from './storage';

export interface PageStatuses {
  report(tabId: number, status: PageStatus): Promise<void>;
  of(tabId: number): Promise<PageStatus | undefined>;
  forget(tabId: number): Promise<void>;
}

function entryFor(tabId: number) {
  const { area, prefix, schema } = stored.pageStatus;
  return { area, key: `${prefix}${tabId}`, schema };
}

/** What each tab's content script last said of its page, kept in storage.session so a stopped worker keeps it. */
export function createPageStatuses(): PageStatuses {
  return {
    report: (tabId, status) => writeStored(entryFor(tabId), status),
    of: (tabId) => readStored(entryFor(tabId)),
    forget: (tabId) => removeStored(entryFor(tabId)),
  };
}
