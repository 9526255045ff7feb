import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './support/setup';
import { fillEvent } from './support/form';
import { renderPanel } from './support/render-panel';

const GROUP = { channel: 'whatsapp', chatKey: '120363000000000001@g.us', displayName: 'Leads Group' } as const;
const OTHER_GROUP = { channel: 'whatsapp', chatKey: '120363000000000002@g.us', displayName: 'VIP Leads' } as const;

/** The background's memory of typed ids, as chat.recall and chat.remember answer it. */
function rememberedIds() {
  const ids = new Map<string, string>();
  return {
    ids,
    handlers: {
      'chat.recall': ({ chatKey }: { chatKey: string }) => {
        const externalId = ids.get(chatKey);
        return externalId ? { externalId } : {};
      },
      'chat.remember': ({ chatKey, externalId }: { chatKey: string; externalId: string }) => {
        ids.set(chatKey, externalId);
        return { ok: true as const };
      },
    },
  };
}

describe('a chat that does not show who the lead is', () => {
  it('asks the manager for the number once, sends the event for it, and remembers it for that chat', async () => {
    const memory = rememberedIds();
    const ui = renderPanel(undefined, memory.handlers);
    const showChat = (chat: typeof GROUP | typeof OTHER_GROUP) =>
      act(() => ui.store.getState().setChat({ contact: undefined, unidentified: chat }));
    await showChat(GROUP);
    const panel = await ui.openPanel();

    expect(within(panel).getByText('Leads Group')).toBeTruthy();
    await ui.user.type(within(panel).getByRole('textbox', { name: 'Lead’s phone number or id' }), '+7 999 000-00-09');
    await ui.user.click(within(panel).getByRole('button', { name: 'Use this id' }));
    await waitFor(() => expect(within(panel).getByText('79990000009')).toBeTruthy());

    await fillEvent(ui.user, 'Registration');
    await ui.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(ui.background.sentAs('event.submit')).toHaveLength(1));
    expect(ui.background.sentAs('event.submit')[0]?.contact).toMatchObject({
      channel: 'whatsapp',
      externalId: '79990000009',
    });

    await showChat(OTHER_GROUP);
    expect(within(panel).getByRole('textbox', { name: 'Lead’s phone number or id' })).toHaveProperty('value', '');
    await showChat(GROUP);
    await waitFor(() => expect(within(panel).getByText('79990000009')).toBeTruthy());
    expect(ui.background.sentAs('chat.remember')).toHaveLength(1);
  });

  it('refuses what is not a phone number, at the field, and remembers nothing', async () => {
    const memory = rememberedIds();
    const ui = renderPanel(undefined, memory.handlers);
    await act(() => ui.store.getState().setChat({ contact: undefined, unidentified: GROUP }));
    const panel = await ui.openPanel();

    const field = within(panel).getByRole('textbox', { name: 'Lead’s phone number or id' });
    await ui.user.type(field, 'Anna');
    await ui.user.click(within(panel).getByRole('button', { name: 'Use this id' }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(within(panel).getByText(/with its country code, digits only/)).toBeTruthy();
    expect(memory.ids.size).toBe(0);
  });

  it('says what is wrong with the typed id in Russian, in the operators’ words', async () => {
    const memory = rememberedIds();
    const ui = renderPanel(undefined, memory.handlers, 'ru');
    await act(() => ui.store.getState().setChat({ contact: undefined, unidentified: GROUP }));
    const panel = await ui.openPanel();

    const field = within(panel).getByRole('textbox', { name: 'Телефон или id лида' });
    await ui.user.type(field, 'Anna');
    await ui.user.click(within(panel).getByRole('button', { name: 'Использовать этот id' }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(
      within(panel).getByText('Введите номер телефона с кодом страны, только цифры (например, 79991234567)'),
    ).toBeTruthy();
    expect(within(panel).queryByText(/country code/)).toBeNull();
    expect(memory.ids.size).toBe(0);
  });

  it('lets the manager correct a mistyped id', async () => {
    const memory = rememberedIds();
    memory.ids.set(GROUP.chatKey, '79990000001');
    const ui = renderPanel(undefined, memory.handlers);
    await act(() => ui.store.getState().setChat({ contact: undefined, unidentified: GROUP }));
    const panel = await ui.openPanel();
    await waitFor(() => expect(within(panel).getByText('79990000001')).toBeTruthy());

    await ui.user.click(within(panel).getByRole('button', { name: 'Change id' }));
    await ui.user.type(within(panel).getByRole('textbox', { name: 'Lead’s phone number or id' }), '79990000002');
    await ui.user.click(within(panel).getByRole('button', { name: 'Use this id' }));
    await waitFor(() => expect(within(panel).getByText('79990000002')).toBeTruthy());
    expect(memory.ids.get(GROUP.chatKey)).toBe('79990000002');
  });
});
