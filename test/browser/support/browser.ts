import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium, installed by deploy/scripts/bootstrap.sh with apt-get; never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENS_DIR = path.resolve('.cache/artifacts/screens');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // root in a container: Chromium's sandbox needs user namespaces it may not have.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/** A person's browser: their own cookies, a language and a time zone other than UTC (instants are shown in it). */
export async function personContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1360, height: 900 },
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

/** axe's serious and critical violations on the page as it is now ([] when there are none). */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }));
}

/** Presses Tab (only the keyboard) until `target` has focus: proves it is reachable in the tab order. */
export async function tabTo(page: Page, target: Locator, maxPresses = 250): Promise<void> {
  for (let press = 0; press < maxPresses; press += 1) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target.toString()} with Tab in ${maxPresses} presses`);
}

/** Signs a person in as they would: the key typed into the sign-in field, reached by keyboard, then Enter. */
export async function signIn(page: Page, consoleUrl: string, key: string): Promise<void> {
  await page.goto(consoleUrl);
  const input = page.getByLabel(/API key|API 密钥/);
  await tabTo(page, input);
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  await page.locator('.who').waitFor();
}

/** Switches the header's language with the keyboard alone (Tab to the select, then the arrow keys). */
export async function chooseLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const select = page.locator('header select');
  if ((await select.inputValue()) === language) return;
  await tabTo(page, select);
  await page.keyboard.press(language === 'zh-CN' ? 'ArrowDown' : 'ArrowUp');
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}

/**
 * Each screen in both languages: no serious or critical axe violation, and a screenshot of each
 * (`<name>-en.png`, `<name>-zh-CN.png`). Leaves the page in English.
 */
export async function auditScreen(page: Page, name: string): Promise<void> {
  for (const language of ['en', 'zh-CN'] as const) {
    await chooseLanguage(page, language);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    expect({ screen: name, language, violations: await seriousViolations(page) }).toEqual({
      screen: name,
      language,
      violations: [],
    });
    await screenshot(page, `${name}-${language}`);
  }
  await chooseLanguage(page, 'en');
}
