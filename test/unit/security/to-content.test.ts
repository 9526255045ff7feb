import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it } from 'vitest';
import { parseContentMessage } from '../../../lib/messaging/to-content';
import { contentScript, FORGED, optionsPage, popup } from './senders';

type Sender = Browser.runtime.MessageSender;

const TOGGLE = { to: 'content', name: 'panel.toggle', payload: {} };
const background: Sender = {
  id: fakeBrowser.runtime.id,
  url: `chrome-extension://${fakeBrowser.runtime.id}/background.js`,
};

/**
 * The one thing the background tells a tab (the keyboard shortcut's toggle) is heard from the background only: a page
 * cannot send runtime messages, but another extension, or our own content script in another frame, could try.
 */
describe('messages to the content script', () => {
  it('takes the panel toggle from the background (and our own pages, which are the extension too)', () => {
    expect(parseContentMessage(TOGGLE, background)).toEqual({ name: 'panel.toggle', payload: {} });
    expect(parseContentMessage(TOGGLE, popup)).toBeDefined();
    expect(parseContentMessage(TOGGLE, optionsPage)).toBeDefined();
  });

  it('ignores it from any content script, ours included, and from every forged sender', () => {
    expect(parseContentMessage(TOGGLE, contentScript('https://web.telegram.org/k/#777001'))).toBeUndefined();
    for (const [who, sender] of Object.entries(FORGED)) {
      if (sender.id === fakeBrowser.runtime.id && !sender.tab) continue;
      expect(parseContentMessage(TOGGLE, sender), who).toBeUndefined();
    }
  });

  it('ignores names outside its map, the background’s own requests, and wrong shapes', () => {
    for (const raw of [
      { ...TOGGLE, name: 'session.get' },
      { name: 'panel.toggle', payload: {} },
      { ...TOGGLE, name: 'toString' },
      { ...TOGGLE, payload: 'open' },
      'panel.toggle',
      undefined,
    ]) {
      expect(parseContentMessage(raw, background), JSON.stringify(raw)).toBeUndefined();
    }
  });
});
