import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { PopupApp } from '../../components/popup/PopupApp';
import { createPageStatusStore } from '../../lib/stores/page-status-store';
import { createPopupStore } from '../../lib/stores/popup-store';
import { startFakeBackground } from './support/fake-background';

const SIGNED_IN = {
  signedIn: true as const,
  operator: { id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' },
};

function renderPopup(
  status: { site: string; mount: 'header' | 'floating' | 'corner'; contact: 'read' | 'asked' | 'none' } | null,
) {
  const background = startFakeBackground({
    'session.get': () => SIGNED_IN,
    'outbox.summary': () => ({ queued: 0, failed: 0, quarantined: 0 }),
    'page.status': () => status,
  });
  render(<PopupApp store={createPopupStore()} pageStatus={createPageStatusStore(async () => 7)} />);
  return background;
}

describe('the popup on a chat tab', () => {
  it('says when the chat app changed its page and the floating button stands in', async () => {
    const background = renderPopup({ site: 'WhatsApp Web', mount: 'floating', contact: 'read' });
    expect(await screen.findByText('WhatsApp Web: header not found — using the floating button')).toBeTruthy();
    expect(background.sentAs('page.status')).toEqual([{ tabId: 7 }]);
  });

  it('says nothing about a page the extension does not run on', async () => {
    renderPopup(null);
    expect(await screen.findByText('Signed in as Demo Manager (demo@tracker.test)')).toBeTruthy();
    expect(screen.queryByText(/header/)).toBeNull();
  });
});
