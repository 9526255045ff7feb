import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { en } from '../../components/i18n/en';
import { ru } from '../../components/i18n/ru';
import { expect, test, TELEGRAM_K } from './support/fixtures';
import type { LoadedExtension } from './support/extension';
import { setTelegramKNight } from './support/manager';

/**
 * axe-core over every screen a manager uses — the panel, the Send event form showing a refusal, the popup signed out
 * and in, the options page — in each language the UI speaks. A serious or critical violation fails; the rest are
 * attached to the report. The panel and its button live in open shadow roots on the chat page: axe is pointed into
 * them, so the chat app's own markup is not judged.
 */

const TABLES = { en, ru } as const;
type Language = keyof typeof TABLES;

/** Our UI on the chat page, through the shadow roots the content script mounts. */
const PANEL = { fromShadowDom: ['tracker-data-panel', 'aside'] } as const;
const BUTTON = { fromShadowDom: ['tracker-data-button', '.td-root'] } as const;

interface Finding {
  screen: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

async function scan(
  page: Page,
  screen: string,
  include: readonly (typeof PANEL | typeof BUTTON)[] = [],
): Promise<Finding[]> {
  let builder = new AxeBuilder({ page });
  for (const part of include) builder = builder.include({ fromShadowDom: [...part.fromShadowDom] as [string, string] });
  const { violations } = await builder.analyze();
  return violations.map((violation) => ({
    screen,
    rule: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    targets: violation.nodes.map((node) => JSON.stringify(node.target)),
  }));
}

/** The API URL, and the language chosen on the options page as a manager would. */
async function setUp(extension: LoadedExtension, apiUrl: string, language: Language): Promise<void> {
  const page = await extension.context.newPage();
  await page.goto(`chrome-extension://${extension.extensionId}/options.html`);
  const languageField = page.getByRole('combobox', { name: /^(Language|Язык)$/ });
  await expect(page.getByRole('textbox', { name: 'API URL' })).toBeVisible();
  await languageField.selectOption(language);
  await page.getByRole('textbox', { name: 'API URL' }).fill(apiUrl);
  await page.getByRole('button', { name: /^(Save|Сохранить)$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /^(Saved|Сохранено)$/ })).toBeVisible();
  await page.close();
}

for (const language of Object.keys(TABLES) as Language[]) {
  const t = TABLES[language];

  test(`axe finds no serious or critical violation on the panel, form, popup and options (${language})`, async ({
    extension,
    sandboxHost,
  }, testInfo) => {
    await setUp(extension, sandboxHost.url, language);
    const findings: Finding[] = [];

    const options = await extension.context.newPage();
    await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
    await expect(options.getByRole('textbox', { name: t['options.apiUrl'] })).toHaveValue(sandboxHost.url);
    findings.push(...(await scan(options, 'options page')));
    await options.close();

    const popup = await extension.context.newPage();
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
    await expect(popup.getByRole('button', { name: t['popup.signIn'] })).toBeVisible();
    findings.push(...(await scan(popup, 'popup, signed out')));
    await popup.getByRole('button', { name: t['popup.signIn'] }).click();
    await expect(popup.getByRole('textbox', { name: t['popup.email'] })).toHaveAttribute('aria-invalid', 'true');
    findings.push(...(await scan(popup, 'popup, sign-in refused')));
    await popup.getByRole('textbox', { name: t['popup.email'] }).fill('demo@tracker.test');
    await popup.getByLabel(t['popup.password']).fill('demo-password');
    await popup.getByRole('button', { name: t['popup.signIn'] }).click();
    await expect(popup.getByRole('button', { name: t['popup.signOut'] })).toBeVisible();
    findings.push(...(await scan(popup, 'popup, signed in')));
    await popup.close();

    const page = await extension.context.newPage();
    await page.goto(`${TELEGRAM_K.baseUrl}#@anna_leads`);
    await page.getByRole('button', { name: t['tracker.name'] }).click();
    const panel = page.getByRole('complementary', { name: t['tracker.name'] });
    await expect(panel.getByText('clk_7f3a9c')).toBeVisible();
    findings.push(...(await scan(page, 'panel', [PANEL, BUTTON])));
    /** Send event, Deposit and Save with no amount: the form shows its error. */
    const saveDepositWithoutAmount = async () => {
      await panel.getByRole('button', { name: t['panel.sendEvent'] }).click();
      await panel.getByRole('radio', { name: t['eventType.deposit'], exact: true }).check();
      await panel.getByRole('button', { name: t['form.save'] }).click();
      await expect(panel.getByRole('textbox', { name: t['form.amount'] })).toHaveAttribute('aria-invalid', 'true');
    };

    await saveDepositWithoutAmount();
    findings.push(...(await scan(page, 'form with a validation error', [PANEL])));

    await panel.getByRole('textbox', { name: t['form.amount'] }).fill('150');
    await panel.getByRole('button', { name: t['form.save'] }).click();
    await expect(panel.getByRole('status')).toContainText(t['status.sent'].replace(/:.*$/, ''));
    findings.push(...(await scan(page, 'panel after a save', [PANEL])));

    // Dark colours are a second palette whose contrast must hold too. Beside a chat app the panel follows the app's
    // theme, not the system's: Telegram K in night mode.
    await setTelegramKNight(page, true);
    expect(await panel.evaluate((aside) => getComputedStyle(aside).backgroundColor)).toBe('rgb(31, 35, 40)');
    findings.push(...(await scan(page, 'panel after a save, dark', [PANEL, BUTTON])));
    await saveDepositWithoutAmount();
    findings.push(...(await scan(page, 'form with a validation error, dark', [PANEL])));
    const darkPopup = await extension.context.newPage();
    await darkPopup.emulateMedia({ colorScheme: 'dark' });
    await darkPopup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
    await expect(darkPopup.getByRole('button', { name: t['popup.signOut'] })).toBeVisible();
    findings.push(...(await scan(darkPopup, 'popup, signed in, dark')));
    await darkPopup.goto(`chrome-extension://${extension.extensionId}/options.html`);
    await expect(darkPopup.getByRole('textbox', { name: t['options.apiUrl'] })).toHaveValue(sandboxHost.url);
    findings.push(...(await scan(darkPopup, 'options page, dark')));

    await testInfo.attach(`axe-${language}.json`, {
      body: JSON.stringify(findings, null, 2),
      contentType: 'application/json',
    });
    for (const finding of findings)
      console.log(
        `[axe ${language}] ${finding.screen}: ${finding.impact} ${finding.rule} — ${finding.help} ${finding.targets.join(' ')}`,
      );
    expect(findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical')).toEqual([]);
  });
}
