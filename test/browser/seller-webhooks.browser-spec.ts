import { required } from '@settle/contracts';
import { eventually } from '@settle/testing';
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { en } from '../../apps/console/web/src/i18n/en';
import { zhCN } from '../../apps/console/web/src/i18n/zh-CN';
import { Journeys, type Seller } from '../e2e/support/journey';
import { WebhookReceiver } from '../e2e/support/webhook-receiver';
import {
  auditScreen,
  chooseLanguage,
  launchChromium,
  personContext,
  screenshot,
  seriousViolations,
  signIn,
  tabTo,
} from './support/browser';

/**
 * Issue 17's seller tools (points 4 and 6) in Debian's Chromium against the real services, console, Kafka and
 * Postgres, in Chinese (the sellers' default) and in English, by the keyboard: a private address is refused in plain
 * words; the seller registers an endpoint pointing at a receiver on 127.0.0.1 (negotiation allows loopback targets by
 * WEBHOOK_URL_ALLOWLIST, as the journeys set it), sees its secret once and copies it, a dispute opened through the platform API appears in the endpoint's
 * delivery log, a replay sends it again, and the receiver verifies both deliveries with `standardwebhooks` using the
 * secret the page showed; turned off, the endpoint's replay is refused in plain words; a new secret is shown once
 * and signs the next delivery; the endpoint is deleted after a confirmation; the metrics page shows its sentence and
 * charts. axe finds no serious or critical violation on either screen in either language.
 */
const CATALOGUES = { en, 'zh-CN': zhCN } as const;
const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const starting = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

describe('the seller’s webhooks and metrics in a browser', () => {
  let journeys: Journeys;
  let browser: Browser;
  let consoleUrl = '';
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    [journeys, browser] = await Promise.all([
      Journeys.start('seller-tools', { sellerResponse: 'PT2H', platformIntervention: 'PT3H' }, { console: true }),
      launchChromium(),
    ]);
    consoleUrl = journeys.cluster.url('console');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    await journeys?.stop();
  });

  /** A seller with a key and no endpoint yet (the page registers it), its receiver started. */
  async function sellerWithReceiver(): Promise<{ seller: Seller; url: string }> {
    const sellerId = `S-${randomBytes(3).toString('hex').toUpperCase()}`;
    const key = await journeys.cluster.createKey('seller', sellerId);
    const hooks = new WebhookReceiver();
    receivers.push(hooks);
    const url = await hooks.start();
    return { seller: { sellerId, key, hooks }, url };
  }

  for (const language of ['zh-CN', 'en'] as const) {
    it(`registers an endpoint, shows its secret once, logs a delivery, replays it, and shows the metrics, in ${language}`, async () => {
      const words = CATALOGUES[language];
      const { seller, url } = await sellerWithReceiver();
      const receiver = seller.hooks;
      const context = await personContext(browser);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: consoleUrl });
      const page = await context.newPage();
      try {
        await signIn(page, consoleUrl, seller.key);
        await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
        await chooseLanguage(page, language);
        await tabTo(page, page.getByRole('link', { name: words['seller.nav.webhooks'], exact: true }));
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/seller\/webhooks$/);
        await page.getByText(words['webhooks.none']).waitFor();

        // A private address is refused, and the page says why in plain words; nothing is added.
        const urlField = page.getByLabel(words['webhooks.url']);
        await tabTo(page, urlField);
        await page.keyboard.type('https://10.1.2.3/hooks');
        await tabTo(page, page.getByRole('button', { name: words['webhooks.addSubmit'], exact: true }));
        await page.keyboard.press('Enter');
        await page.getByRole('alert').getByText(words['problem.WEBHOOK_URL_NOT_ALLOWED']).waitFor();
        await expect(page.locator('.endpoints-table').count()).resolves.toBe(0);

        // Add an endpoint by keyboard: its URL, one more event type than the defaults, submit.
        await tabTo(page, urlField);
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(url);
        await tabTo(page, page.getByRole('checkbox', { name: new RegExp(words['webhookEvent.dispute.ruled']) }));
        await page.keyboard.press('Space');
        await tabTo(page, page.getByRole('button', { name: words['webhooks.addSubmit'], exact: true }));
        await page.keyboard.press('Enter');

        // The secret, once: a warning, the value, a copy button that copies exactly it.
        const secretPanel = page.getByRole('region', { name: words['webhooks.secretTitle'] });
        await secretPanel.waitFor();
        await secretPanel.getByText(words['webhooks.secretWarning']).waitFor();
        const secret = await secretPanel.getByRole('textbox').inputValue();
        expect(secret).toMatch(/^whsec_/);
        receiver.useSecret(secret);
        await tabTo(page, secretPanel.getByRole('button', { name: words['webhooks.copy'] }));
        await page.keyboard.press('Enter');
        await secretPanel.getByText(words['webhooks.copied']).waitFor();
        // In the page (the test's own types have no DOM): the clipboard holds exactly the secret.
        const clipboard = () =>
          (
            globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
          ).navigator.clipboard.readText();
        await expect(page.evaluate(clipboard)).resolves.toBe(secret);
        expect({ screen: 'secret', language, violations: await seriousViolations(page) }).toEqual({
          screen: 'secret',
          language,
          violations: [],
        });
        await screenshot(page, `seller-webhook-secret-${language}`);
        await tabTo(page, secretPanel.getByRole('button', { name: words['webhooks.saved'] }));
        await page.keyboard.press('Enter');
        await secretPanel.waitFor({ state: 'detached' });
        const row = page.locator('.endpoints-table tbody tr', { hasText: url });
        await row.getByText(words['endpointStatus.ACTIVE'], { exact: true }).waitFor();
        expect(await page.content()).not.toContain(secret);

        // An event for this seller through the platform API: the dispute's opening reaches the receiver, verified.
        const orderId = `O-HOOK-${language}-${seller.sellerId}`;
        const disputeId = await journeys.open(seller, { orderId });
        const first = await receiver.waitFor('dispute.opened', disputeId);

        // The delivery log of the endpoint, opened by keyboard: the event, delivered at the first attempt.
        await tabTo(page, row.getByRole('link', { name: starting(words['webhooks.log']) }));
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/seller\/webhooks\?endpoint=/);
        const log = page.getByRole('region', {
          name: starting(required(words['webhooks.deliveries'].split('{url}')[0], 'the title before the URL')),
        });
        const delivered = log.locator(`tr[data-delivery="${first.id}"]`);
        await delivered.getByText(words['deliveryStatus.SUCCEEDED'], { exact: true }).waitFor();
        await expect(delivered.locator('td.numeric').textContent()).resolves.toBe('1');
        await expect(delivered.locator('th').textContent()).resolves.toContain(words['webhookEvent.dispute.opened']);
        if (language === 'en') await auditScreen(page, 'seller-webhooks');

        // Replay by keyboard: a new delivery (its own webhook-id) of the same event, verified with the same secret.
        await tabTo(page, delivered.getByRole('button', { name: starting(words['webhooks.replay']) }));
        await page.keyboard.press('Enter');
        await log.getByRole('status').filter({ hasText: words['webhookEvent.dispute.opened'] }).waitFor();
        const both = await eventually(
          () => {
            const copies = receiver.received.filter((hook) => hook.event.id === first.event.id);
            return copies.length === 2 ? copies : undefined;
          },
          { timeoutMs: 30_000, what: 'the replayed delivery at the receiver' },
        );
        expect(new Set(both.map((hook) => hook.id)).size).toBe(2);
        expect(receiver.rejected).toBe(0);
        const replayRow = log.locator(`tr[data-delivery="${required(both[1], 'the replay').id}"]`);
        await replayRow.getByText(words['deliveryStatus.SUCCEEDED'], { exact: true }).waitFor();
        await replayRow.getByText(words['webhooks.replay'], { exact: true }).first().waitFor();
        await screenshot(page, `seller-webhook-log-${language}`);

        // Turned off, the endpoint takes no replay: the refusal in plain words; turned on again, it does.
        await tabTo(page, row.getByRole('button', { name: words['webhooks.disable'], exact: true }));
        await page.keyboard.press('Enter');
        await row.getByText(words['disabledReason.BY_SELLER'], { exact: true }).waitFor();
        await tabTo(page, delivered.getByRole('button', { name: starting(words['webhooks.replay']) }));
        await page.keyboard.press('Enter');
        await log.getByRole('alert').getByText(words['problem.WEBHOOK_ENDPOINT_NOT_ACTIVE']).waitFor();
        await tabTo(page, row.getByRole('button', { name: words['webhooks.enable'], exact: true }));
        await page.keyboard.press('Enter');
        await row.getByText(words['endpointStatus.ACTIVE'], { exact: true }).waitFor();

        // A new secret, shown once again; the next delivery verifies with it.
        await tabTo(page, row.getByRole('button', { name: words['webhooks.rotate'], exact: true }));
        await page.keyboard.press('Enter');
        await secretPanel.waitFor();
        await secretPanel.getByText(words['webhooks.previousSecret']).waitFor();
        const rotated = await secretPanel.getByRole('textbox').inputValue();
        expect(rotated).toMatch(/^whsec_/);
        expect(rotated).not.toBe(secret);
        receiver.useSecret(rotated);
        await tabTo(page, secretPanel.getByRole('button', { name: words['webhooks.saved'] }));
        await page.keyboard.press('Enter');
        await secretPanel.waitFor({ state: 'detached' });
        await tabTo(page, delivered.getByRole('button', { name: starting(words['webhooks.replay']) }));
        await page.keyboard.press('Enter');
        await eventually(() => receiver.received.filter((hook) => hook.event.id === first.event.id).length === 3, {
          timeoutMs: 30_000,
          what: 'the delivery signed with the new secret',
        });
        expect(receiver.rejected).toBe(0);

        // Delete, after a confirmation whose safe choice has the focus first.
        await tabTo(page, row.getByRole('button', { name: words['webhooks.delete'], exact: true }));
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: words['webhooks.deleteTitle'] });
        await dialog.waitFor();
        await expect(
          dialog
            .getByRole('button', { name: words['webhooks.deleteCancel'] })
            .evaluate((button) => button === button.ownerDocument.activeElement),
        ).resolves.toBe(true);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await page.getByText(words['webhooks.none']).waitFor();

        // The metrics: one sentence on what to improve first (one dispute, nothing shipped, nothing lost: keep going),
        // and the charts.
        await tabTo(page, page.getByRole('link', { name: words['seller.nav.metrics'], exact: true }));
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/seller\/metrics$/);
        const advice = page.getByRole('region', { name: words['metrics.adviceTitle'] });
        await advice.getByText(exact(words['metrics.advice.keep'])).waitFor();
        await page.getByRole('img', { name: words['metrics.ordersChart'] }).waitFor();
        await page.getByRole('img', { name: words['metrics.disputesChart'] }).waitFor();
        await expect(page.locator('figure.chart svg rect').count()).resolves.toBeGreaterThanOrEqual(6);
        // What supply incidents did for this seller (none declared here), in each window.
        const incidents = words['metrics.incidentCounts'].replace('{orders}', '0').replace('{avoided}', '0');
        await expect(page.getByText(exact(incidents)).count()).resolves.toBe(2);
        if (language === 'en') await auditScreen(page, 'seller-metrics');
        else await screenshot(page, `seller-metrics-${language}`);
      } finally {
        await context.close();
      }
    }, 150_000);
  }
});
