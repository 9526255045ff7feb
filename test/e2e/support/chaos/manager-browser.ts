import { expect, type Locator, type Page } from '@playwright/test';
import { outboxRecordSchema, type OutboxRecord } from '../../../../lib/schemas';
import { serveChatSite } from '../chat-sites';
import { backgroundWorker, launchWithExtension, stopServiceWorkers, type LoadedExtension } from '../extension';
import { TELEGRAM_K } from '../fixtures';
import { chooseCurrency, openChat, openPanel } from '../manager';
import type { PlannedEvent } from './plan';

const TYPE_NAMES = { registration: 'Registration', deposit: 'Deposit', redeposit: 'Redeposit' } as const;

/**
 * The manager's browser for the chaos run: Chromium with the built extension on one profile, Telegram K open with the
 * Tracker Data panel beside it. It can be closed and opened again on the same profile, as a manager quits and
 * relaunches the browser.
 */
export class ManagerBrowser {
  private constructor(
    private extension: LoadedExtension,
    private chat: Page,
    private openLead: string | undefined,
  ) {}

  static async launch(): Promise<ManagerBrowser> {
    const extension = await launchWithExtension();
    await serveChatSite(extension.context, TELEGRAM_K);
    return new ManagerBrowser(extension, await extension.context.newPage(), undefined);
  }

  get loaded(): LoadedExtension {
    return this.extension;
  }

  get panel(): Locator {
    return this.chat.getByRole('complementary', { name: 'Tracker Data' });
  }

  /** Telegram K in a tab, the panel open; the chat the manager had open comes back. */
  async openTelegram(): Promise<void> {
    await this.chat.goto(TELEGRAM_K.baseUrl);
    const lead = this.openLead;
    this.openLead = undefined;
    if (lead) await this.switchTo(lead);
  }

  async switchTo(lead: string): Promise<void> {
    if (this.openLead === lead) return;
    await openChat(this.chat, lead);
    await openPanel(this.chat);
    await expect(this.panel.getByRole('region', { name: 'Contact' })).toContainText(lead);
    this.openLead = lead;
  }

  /**
   * Fills the Send event form and saves, then waits only for the background to have stored the event (the form
   * closes and the live region says Queued or Sent), not for delivery: a manager moves on at once.
   */
  async save(event: PlannedEvent): Promise<void> {
    await this.switchTo(event.lead);
    const { panel } = this;
    await panel.getByRole('button', { name: 'Send event' }).click();
    const form = panel.getByRole('form', { name: 'Send event' });
    await form
      .getByRole('radiogroup', { name: 'Event type' })
      .getByRole('radio', { name: TYPE_NAMES[event.type], exact: true })
      .check();
    if (event.typed !== undefined && event.currency !== undefined) {
      await chooseCurrency(form.getByRole('combobox', { name: 'Currency' }), event.currency);
      await form.getByRole('textbox', { name: 'Amount' }).fill(event.typed);
    }
    if (event.note !== undefined) await form.getByRole('textbox', { name: 'Note' }).fill(event.note);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(
      form,
      `the form closes once the background has stored the event (${JSON.stringify(event)})`,
    ).toBeHidden();
    await expect(panel.getByRole('status')).toHaveText(/^(Queued|Sent)\b/);
  }

  /**
   * The open lead's history as the panel shows it: the events logged by hand, and how many of them carry the Sent
   * badge. The page is loaded afresh first, so the panel asks the background and the platform again.
   */
  async historyOf(lead: string): Promise<{ byHand: number; sent: number }> {
    await this.switchTo(lead);
    const byHand = this.panel
      .getByRole('list', { name: 'Events' })
      .getByRole('listitem')
      .filter({ hasText: 'by hand' });
    const sent = byHand.filter({ has: this.chat.getByText('Sent', { exact: true }) });
    return { byHand: await byHand.count(), sent: await sent.count() };
  }

  /** Loads Telegram K again, so the panel starts from nothing and shows what the extension and platform hold now. */
  async reload(): Promise<void> {
    this.openLead = undefined;
    await this.chat.goto(TELEGRAM_K.baseUrl);
  }

  /** Stops the extension's service worker as Chrome does when it is idle, dropping everything it held in memory. */
  async stopWorker(): Promise<void> {
    await stopServiceWorkers(this.extension.context);
  }

  /** Quits the browser and starts it again on the same profile (storage.local and IndexedDB kept, storage.session not). */
  async restart(): Promise<void> {
    const { userDataDir } = this.extension;
    await this.extension.context.close();
    this.extension = await launchWithExtension(userDataDir);
    await serveChatSite(this.extension.context, TELEGRAM_K);
    this.chat = await this.extension.context.newPage();
    await this.openTelegram();
  }

  /**
   * Every outbox record, read by the service worker from its storage.local. A worker that is not running is waited
   * for (up to 15 s), never woken from here: what brings it back must be the extension's own alarm or a message.
   */
  async outbox(): Promise<OutboxRecord[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const worker = await backgroundWorker(this.extension.context);
        const everything = await worker.evaluate(() =>
          (
            globalThis as unknown as {
              chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } };
            }
          ).chrome.storage.local.get(null),
        );
        return Object.entries(everything)
          .filter(([key]) => key.startsWith('outbox:'))
          .map(([, value]) => outboxRecordSchema.parse(value));
      } catch (error) {
        // The worker went away between being found and answering: ask the next one.
        if (attempt === 3) throw error;
      }
    }
  }

  /** What the background holds besides the outbox, for the report of a run that did not drain: session and alarms. */
  async backgroundState(): Promise<unknown> {
    const worker = await backgroundWorker(this.extension.context);
    return worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          storage: {
            local: { get(key: string): Promise<unknown> };
            session: { get(key: string): Promise<Record<string, { expiresAt?: number }>> };
          };
          alarms: { getAll(): Promise<Array<{ name: string; scheduledTime: number }>> };
        };
      };
      const access = (await chrome.storage.session.get('accessToken')).accessToken;
      return {
        now: Date.now(),
        session: await chrome.storage.local.get('sessionSummary'),
        accessTokenExpiresAt: access?.expiresAt,
        alarms: await chrome.alarms.getAll(),
      };
    });
  }

  async close(): Promise<void> {
    await this.extension.context.close();
  }
}
