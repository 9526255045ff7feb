import type { CDPSession } from '@playwright/test';
import { attributeHeap, takeHeapSnapshot } from '../support/heap';

export interface ContentScriptHeap {
  /** Bytes attributed to the content script's isolated world. */
  contentScript: number;
  /** The whole renderer heap in the snapshot: the page, the content script, and what they share. */
  page: number;
}

/**
 * The content script's heap. Runtime.getHeapUsage cannot give it: it reports the whole isolate, and the page's main
 * world, the extension's isolated world (and Playwright's utility world) share one isolate. A heap snapshot names
 * every world's native context (`system / NativeContext / chrome-extension://<id>`), and attributeHeap assigns each
 * object to one of them; the snapshot also runs a full garbage collection first, so only live objects count.
 */
export async function contentScriptHeap(cdp: CDPSession, extensionId: string): Promise<ContentScriptHeap> {
  const snapshot = await takeHeapSnapshot(cdp);
  const world = `system / NativeContext / chrome-extension://${extensionId}`;
  const attribution = attributeHeap(snapshot, (context) => context === world);
  return { contentScript: attribution.attributedBytes, page: attribution.totalBytes };
}
