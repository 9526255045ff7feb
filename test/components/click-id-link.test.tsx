import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import type { Contact, IncomingMessage } from '../../lib/schemas';
import { PROPOSAL_RETRY_MS } from '../../lib/stores/click-id-link';
import { ANNA, CLARA, LOOKUPS } from './support/demo-contacts';
import type { Handler } from './support/fake-background';
import { renderPanel } from './support/render-panel';

const REF = 'ref[:\\s]*([A-Za-z0-9_-]{6,64})';
/** The first test of the file types two values key by key and pays for warming up: on a busy machine it needs longer. */
const TYPING_TIMEOUT_MS = 15_000;
const FIRST_MESSAGE: IncomingMessage[] = [{ text: 'Hi! ref: ab12cd34 I came from your ad', time: '10:31' }];

/** The platform as the background relays it: it takes any click id and answers with the contact as it now is. */
const linking: Handler<'contact.linkClickId'> = ({ trackerData, ...key }) => {
  const known = LOOKUPS[key.externalId];
  const base: Contact = known?.status === 'found' ? known.contact : { ...CLARA, trackerData: {} };
  return { status: 'linked', contact: { ...base, trackerData: { ...base.trackerData, ...trackerData } } };
};

/** The page's lead messages, counting every read: the panel may read them only when it has reason to. */
function pageMessages(messages: IncomingMessage[]) {
  const reads: number[] = [];
  return { reads, readIncomingMessages: (limit: number) => (reads.push(limit), messages.slice(0, limit)) };
}

const trackerClickId = (panel: HTMLElement) =>
  within(within(panel).getByRole('region', { name: 'Tracker data' })).queryByText('Click id')?.nextSibling?.textContent;

describe('a lead without a click id', () => {
  it(
    'is said to have none, and takes one typed by hand: checked first, then saved and shown',
    async () => {
      const ui = renderPanel(CLARA, { 'contact.linkClickId': linking });
      const panel = await ui.openPanel();
      expect(
        within(panel).getByText('No click id for this lead yet: the tracker cannot count their events.'),
      ).toBeTruthy();

      const field = within(panel).getByRole('textbox', { name: 'Click id' });
      await ui.user.type(field, 'ab 12');
      await ui.user.click(within(panel).getByRole('button', { name: 'Link click id' }));
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
        'A click id is 4 to 128 letters, digits or . _ ~ -',
      );
      expect(ui.background.sentAs('contact.linkClickId')).toEqual([]);

      await ui.user.clear(field);
      await ui.user.type(field, 'ab12cd34');
      await ui.user.click(within(panel).getByRole('button', { name: 'Link click id' }));

      await waitFor(() => expect(trackerClickId(panel)).toBe('ab12cd34'));
      expect(ui.background.sentAs('contact.linkClickId')).toEqual([
        { channel: 'telegram', externalId: '777003', trackerData: { clickId: 'ab12cd34' } },
      ]);
      expect(within(panel).queryByText(/No click id for this lead yet/)).toBeNull();
    },
    TYPING_TIMEOUT_MS,
  );

  it('keeps what was typed and says why when the manager is signed out', async () => {
    const ui = renderPanel(CLARA, { 'contact.linkClickId': () => ({ status: 'signedOut' }) });
    const panel = await ui.openPanel();
    const field = within(panel).getByRole('textbox', { name: 'Click id' });
    await ui.user.type(field, 'ab12cd34');
    await ui.user.click(within(panel).getByRole('button', { name: 'Link click id' }));

    expect(
      await within(panel).findByText('Signed out — sign in from the Tracker Data toolbar button to link the click id'),
    ).toBeTruthy();
    expect((field as HTMLInputElement).value).toBe('ab12cd34');
  });
});

describe('a click id already linked', () => {
  it('is shown and can be corrected', async () => {
    const ui = renderPanel(ANNA, { 'contact.linkClickId': linking });
    const panel = await ui.openPanel();
    expect(trackerClickId(panel)).toBe('clk_7f3a9c');
    expect(within(panel).queryByText(/No click id for this lead yet/)).toBeNull();

    await ui.user.click(within(panel).getByRole('button', { name: 'Correct click id' }));
    const field = within(panel).getByRole('textbox', { name: 'Click id' });
    expect((field as HTMLInputElement).value).toBe('clk_7f3a9c');
    await ui.user.clear(field);
    await ui.user.type(field, 'clk_fixed01');
    await ui.user.click(within(panel).getByRole('button', { name: 'Link click id' }));

    await waitFor(() => expect(trackerClickId(panel)).toBe('clk_fixed01'));
    expect(within(panel).queryByRole('textbox', { name: 'Click id' })).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Correct click id' })).toBeTruthy();
  });
});

describe("a click id in the lead's first message", () => {
  it('is found when the chat draws the messages only after the panel first looked', async () => {
    const shown: IncomingMessage[] = [];
    const page = pageMessages(shown);
    const ui = renderPanel(CLARA, { 'team.settings': () => ({ firstMessagePattern: REF }) }, 'en', page);
    const panel = await ui.openPanel();
    await waitFor(() => expect(page.reads).toEqual([5]));

    shown.push(...FIRST_MESSAGE);

    expect(await within(panel).findByRole('button', { name: 'Link' }, { timeout: PROPOSAL_RETRY_MS * 3 })).toBeTruthy();
  });

  it('is proposed with the time of its message, and sent only on the click, alone', async () => {
    const page = pageMessages(FIRST_MESSAGE);
    const ui = renderPanel(
      CLARA,
      { 'team.settings': () => ({ firstMessagePattern: REF }), 'contact.linkClickId': linking },
      'en',
      page,
    );
    const panel = await ui.openPanel();

    expect(await within(panel).findByText('Link click id ab12cd34 (from the message of 10:31)?')).toBeTruthy();
    expect(ui.background.sentAs('contact.linkClickId')).toEqual([]);
    expect(JSON.stringify(ui.background.sent)).not.toContain('came from your ad');

    await ui.user.click(within(panel).getByRole('button', { name: 'Link' }));

    await waitFor(() => expect(trackerClickId(panel)).toBe('ab12cd34'));
    expect(ui.background.sentAs('contact.linkClickId')).toEqual([
      { channel: 'telegram', externalId: '777003', trackerData: { clickId: 'ab12cd34' } },
    ]);
    expect(JSON.stringify(ui.background.sent)).not.toContain('came from your ad');
    expect(within(panel).queryByRole('button', { name: 'Link' })).toBeNull();
  });

  it('is proposed in Russian on a Russian panel', async () => {
    const page = pageMessages(FIRST_MESSAGE);
    const ui = renderPanel(CLARA, { 'team.settings': () => ({ firstMessagePattern: REF }) }, 'ru', page);
    const panel = await ui.openPanel();

    expect(await within(panel).findByText('Привязать click id ab12cd34 (из сообщения от 10:31)?')).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Привязать' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Привязать click id' })).toBeTruthy();
  });

  it('is not looked for when the lead already has a click id: the page is not read', async () => {
    const page = pageMessages(FIRST_MESSAGE);
    const ui = renderPanel(ANNA, { 'team.settings': () => ({ firstMessagePattern: REF }) }, 'en', page);
    const panel = await ui.openPanel();

    expect(trackerClickId(panel)).toBe('clk_7f3a9c');
    expect(ui.background.sentAs('team.settings')).toEqual([]);
    expect(page.reads).toEqual([]);
  });

  it('is not looked for when the team set no pattern: the page is not read', async () => {
    const page = pageMessages(FIRST_MESSAGE);
    const ui = renderPanel(CLARA, { 'team.settings': () => ({}) }, 'en', page);
    const panel = await ui.openPanel();

    await waitFor(() => expect(ui.background.sentAs('team.settings')).toHaveLength(1));
    expect(page.reads).toEqual([]);
    expect(within(panel).queryByRole('button', { name: 'Link' })).toBeNull();
  });

  it('proposes nothing when no message of the lead carries a code, after one more look, and the field still takes one', async () => {
    const page = pageMessages([{ text: 'I would like to top up', time: '10:42' }]);
    const ui = renderPanel(CLARA, { 'team.settings': () => ({ firstMessagePattern: REF }) }, 'en', page);
    const panel = await ui.openPanel();

    await waitFor(() => expect(page.reads).toEqual([5, 5]), { timeout: PROPOSAL_RETRY_MS * 3 });
    expect(within(panel).queryByRole('button', { name: 'Link' })).toBeNull();
    expect(within(panel).getByRole('textbox', { name: 'Click id' })).toBeTruthy();
  });

  it('goes away when the manager switches to another chat', async () => {
    const page = pageMessages(FIRST_MESSAGE);
    const ui = renderPanel(CLARA, { 'team.settings': () => ({ firstMessagePattern: REF }) }, 'en', page);
    const panel = await ui.openPanel();
    expect(await within(panel).findByRole('button', { name: 'Link' })).toBeTruthy();

    await ui.switchTo(ANNA);

    await waitFor(() =>
      expect(trackerClickId(screen.getByRole('complementary', { name: 'Tracker Data' }))).toBe('clk_7f3a9c'),
    );
    expect(screen.queryByRole('button', { name: 'Link' })).toBeNull();
  });
});
