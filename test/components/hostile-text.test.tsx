import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { ANNA } from './support/demo-contacts';
import { renderPanel } from './support/render-panel';

/** Markup that would run or show as markup if any of it were parsed as HTML. */
const HOSTILE =
  '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script><b>bold</b><a href="javascript:alert(1)">go</a>';
const noMarkupIn = (element: HTMLElement) =>
  expect(element.querySelector('img, script, b, a[href^="javascript"]')).toBeNull();

describe('what the platform says, shown as text', () => {
  it('a refusal’s message and field messages, in the history and the live region', async () => {
    const ui = renderPanel(ANNA);
    const event = {
      id: '2b0c1d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
      type: 'registration' as const,
      contact: ANNA,
      occurredAt: '2026-11-24T08:00:00.000Z',
    };
    await ui.outbox.add(event);
    const panel = await ui.openPanel();
    await ui.outbox.refuse(event.id, { code: 'validation_failed', message: HOSTILE, fields: { [HOSTILE]: HOSTILE } });

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(`Failed: Registration. ${HOSTILE}`));
    expect(within(panel).getByText(`The platform refused it: ${HOSTILE}`)).toBeTruthy();
    expect(within(panel).getByText(`${HOSTILE}: ${HOSTILE}`)).toBeTruthy();
    noMarkupIn(panel);
    expect(Reflect.get(window, 'pwned')).toBeUndefined();
  });

  it('a lookup error’s message', async () => {
    const ui = renderPanel(ANNA, {
      'contact.lookup': () => ({ status: 'error', error: { code: 'internal_error', message: HOSTILE } }),
    });
    const panel = await ui.openPanel();
    expect(within(panel).getByText(`Could not load this contact: ${HOSTILE}`)).toBeTruthy();
    noMarkupIn(panel);
  });

  it('tracker data keys and values, a bot step name and a username', async () => {
    const contact = { ...ANNA, username: '<b>anna</b>' };
    const ui = renderPanel(contact, {
      'contact.lookup': () => ({
        status: 'found',
        contact: { ...contact, trackerData: { [HOSTILE]: HOSTILE } },
        events: [
          {
            id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
            type: 'registration',
            contact: ANNA,
            occurredAt: '2026-11-20T10:00:00.000Z',
            status: 'forwarded',
            receivedAt: '2026-11-20T10:00:01.000Z',
            source: 'flow',
            stepName: HOSTILE,
          },
        ],
      }),
    });
    const panel = await ui.openPanel();
    expect(within(panel).getAllByText(HOSTILE)).toHaveLength(2);
    expect(within(panel).getByText(`bot flow: ${HOSTILE}`)).toBeTruthy();
    expect(within(panel).getByText('@<b>anna</b>')).toBeTruthy();
    noMarkupIn(panel);
  });
});
