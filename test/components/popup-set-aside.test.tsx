import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../components/popup/PopupApp';
import { stored, type QuarantinedRecord } from '../../lib/schemas';
import { createPopupStore } from '../../lib/stores/popup-store';
import './support/setup';
import { startFakeBackground } from './support/fake-background';

const OPERATOR = { id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' };
const KEY = `${stored.outboxRecord.prefix}7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6`;
const ASIDE: QuarantinedRecord = {
  key: KEY,
  value: { v: 9, event: { id: '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', type: 'registration' } },
  reason: 'Stored by a newer version of the extension (record version 9, this one knows 2)',
  at: 1_796_400_000_000,
};

/** The popup over a background holding one set-aside record, which its Retry puts back when `readsNow`. */
function renderPopup(readsNow: boolean) {
  let aside = [ASIDE];
  const background = startFakeBackground({
    'session.get': () => ({ signedIn: true, operator: OPERATOR }),
    'outbox.heldForOthers': () => [],
    'outbox.list': () => [],
    'outbox.log': () => [],
    'outbox.summary': () => ({ queued: 0, failed: 0, quarantined: aside.length }),
    'outbox.setAside': () => aside,
    'outbox.restoreSetAside': async () => {
      const restored = readsNow ? aside.length : 0;
      if (readsNow) aside = [];
      await fakeBrowser.storage.local.set({ [KEY]: Date.now() });
      return { restored, left: aside.length };
    },
  });
  render(<PopupApp store={createPopupStore()} />);
  return { user: userEvent.setup(), background };
}

describe('records set aside', () => {
  it('can be exported whole, as JSON with their keys, reasons and values', async () => {
    renderPopup(false);
    expect(await screen.findByText('1 saved record could not be read and was set aside')).toBeTruthy();
    const link = await screen.findByRole('link', { name: 'Export them' });

    expect(link.getAttribute('download')).toBe('tracker-data-set-aside.json');
    const href = link.getAttribute('href') ?? '';
    expect(href.startsWith('data:application/json')).toBe(true);
    expect(JSON.parse(decodeURIComponent(href.slice(href.indexOf(',') + 1)))).toEqual([ASIDE]);
  });

  it('are tried again on request, once, and what reads now comes back', async () => {
    const ui = renderPopup(true);
    await ui.user.dblClick(await screen.findByRole('button', { name: 'Try reading them again' }));

    expect(await screen.findByText('1 put back, 0 still set aside')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(/could not be read/)).toBeNull());
    expect(screen.queryByRole('link', { name: 'Export them' })).toBeNull();
    expect(ui.background.sentAs('outbox.restoreSetAside')).toHaveLength(1);
  });

  it('still says so when they still do not read, and can still be exported', async () => {
    const ui = renderPopup(false);
    await ui.user.click(await screen.findByRole('button', { name: 'Try reading them again' }));

    expect(await screen.findByText('0 put back, 1 still set aside')).toBeTruthy();
    expect(screen.getByText('1 saved record could not be read and was set aside')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Export them' })).toBeTruthy();
  });
});
