import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../components/popup/PopupApp';
import type { Locale } from '../../components/i18n/text';
import { stored, type MessageResponse, type Operator } from '../../lib/schemas';
import { createPopupStore } from '../../lib/stores/popup-store';
import './support/setup';
import { startFakeBackground } from './support/fake-background';

const ANNA: Operator = { id: 'op_anna', name: 'Anna', email: 'anna@tracker.test' };
const OLD_PLATFORM = 'https://old-tracker.example';

/**
 * The popup, Anna signed in, over a background holding events saved while signed out and events saved for another
 * platform: taking or dismissing them changes what it lists, as the real background does.
 */
function renderPopup(options: { savedSignedOut?: number; forOldPlatform?: number; locale?: Locale } = {}) {
  let savedSignedOut = options.savedSignedOut ?? 0;
  let forOldPlatform = options.forOldPlatform ?? 0;
  const touchOutbox = () => fakeBrowser.storage.local.set({ [`${stored.outboxRecord.prefix}changed`]: Date.now() });
  const background = startFakeBackground({
    'session.get': () => ({ signedIn: true, operator: ANNA }),
    'outbox.summary': () => ({ queued: savedSignedOut + forOldPlatform, failed: 0, quarantined: 0 }),
    'outbox.list': () => [],
    'outbox.log': () => [],
    'outbox.heldForOthers': (): MessageResponse<'outbox.heldForOthers'> =>
      savedSignedOut ? [{ operatorId: null, count: savedSignedOut }] : [],
    'outbox.adopt': async () => {
      const adopted = savedSignedOut;
      savedSignedOut = 0;
      await touchOutbox();
      return { adopted };
    },
    'outbox.forOtherPlatforms': () => (forOldPlatform ? [{ apiUrl: OLD_PLATFORM, count: forOldPlatform }] : []),
    'outbox.dismissForPlatform': async () => {
      const dismissed = forOldPlatform;
      forOldPlatform = 0;
      await touchOutbox();
      return { dismissed };
    },
  });
  render(<PopupApp store={createPopupStore()} locale={options.locale ?? 'en'} />);
  return { user: userEvent.setup(), background };
}

describe('events saved while signed out', () => {
  it('are offered to the operator who signed in, by name, and go as theirs only when they say so', async () => {
    const ui = renderPopup({ savedSignedOut: 3 });
    const offer = await screen.findByRole('group', { name: '3 events saved while signed out: send them as Anna?' });
    expect(ui.background.sentAs('outbox.adopt')).toHaveLength(0);

    await ui.user.click(within(offer).getByRole('button', { name: 'Send them as me' }));

    await waitFor(() => expect(screen.queryByRole('group', { name: /saved while signed out/ })).toBeNull());
    expect(ui.background.sentAs('outbox.adopt')).toEqual([{ operatorId: null }]);
  });

  it('"Not now" sends nothing and says they wait for the next sign-in', async () => {
    const ui = renderPopup({ savedSignedOut: 1 });
    const offer = await screen.findByRole('group', { name: '1 event saved while signed out: send it as Anna?' });
    await ui.user.click(within(offer).getByRole('button', { name: 'Not now' }));

    expect(screen.getByText('They wait: you are asked again at the next sign-in')).toBeTruthy();
    expect(ui.background.sentAs('outbox.adopt')).toHaveLength(0);
  });

  it('are offered in Russian', async () => {
    const ui = renderPopup({ savedSignedOut: 3, locale: 'ru' });
    const offer = await screen.findByRole('group', {
      name: 'Событий, сохранённых без входа: 3. Отправить их от имени Anna?',
    });
    await ui.user.click(within(offer).getByRole('button', { name: 'Отправить от моего имени' }));
    await waitFor(() => expect(ui.background.sentAs('outbox.adopt')).toEqual([{ operatorId: null }]));
  });
});

describe('events saved for another platform', () => {
  it('are listed with their platform, and dismissed when the manager gives up on them', async () => {
    const ui = renderPopup({ forOldPlatform: 2 });
    const waiting = await screen.findByRole('group', {
      name: `2 events saved for ${OLD_PLATFORM} wait until it is chosen again`,
    });

    await ui.user.click(within(waiting).getByRole('button', { name: 'Dismiss them' }));

    await waitFor(() => expect(screen.queryByRole('group', { name: /wait until it is chosen again/ })).toBeNull());
    expect(ui.background.sentAs('outbox.dismissForPlatform')).toEqual([{ apiUrl: OLD_PLATFORM }]);
  });

  it('are listed in Russian', async () => {
    renderPopup({ forOldPlatform: 1, locale: 'ru' });
    const waiting = await screen.findByRole('group', {
      name: `1 событие для ${OLD_PLATFORM} ждёт, пока эта платформа не будет выбрана снова`,
    });
    expect(within(waiting).getByRole('button', { name: 'Убрать их' })).toBeTruthy();
  });
});
