import { eventually } from '@settle/testing';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { Journeys, type Seller } from '../e2e/support/journey';
import {
  auditScreen,
  chooseLanguage,
  launchChromium,
  personContext,
  screenshot,
  signIn,
  tabTo,
} from './support/browser';

/**
 * Issue 17's seller desk (points 1–3, 7) and issue 16's console evidence, in Debian's Chromium against the real
 * services, console, Kafka, Postgres and S3Proxy, in Chinese (the sellers' default) and in English: the list
 * under "awaiting your response" with its countdown, the dispute page, tone coaching, a reply template, a
 * counter-proposal the buyer accepts, another seller's dispute not found, an evidence upload and its preview.
 * Everything is done by the keyboard except choosing a file (the file chooser is the browser's own).
 */
const WORDS = {
  'zh-CN': {
    awaiting: '等待您回应',
    dueIn: /后到期/,
    messageLabel: '您给买家的留言',
    template: '回复模板',
    useTemplate: '使用模板',
    amount: /退款金额/,
    reject: '拒绝并发送方案',
    rejected: '您的方案已发送给买家。',
    agreement: '协议',
    notFound: '未找到该纠纷',
    chooseFiles: '选择文件',
    upload: '上传',
    uploaded: '已上传 1 个文件。',
    preview: '照片预览',
  },
  en: {
    awaiting: 'Awaiting your response',
    dueIn: /due in/,
    messageLabel: 'Your message to the buyer',
    template: 'Reply template',
    useTemplate: 'Use template',
    amount: /Refund in USD/,
    reject: 'Reject and send the proposal',
    rejected: 'Your proposal was sent to the buyer.',
    agreement: 'Agreement',
    notFound: 'Dispute not found',
    chooseFiles: 'Choose files',
    upload: 'Upload',
    uploaded: '1 file(s) uploaded.',
    preview: 'Photo preview',
  },
} as const;

describe('the seller’s dispute desk in a browser', () => {
  let journeys: Journeys;
  let browser: Browser;
  let consoleUrl = '';
  let seller: Seller;
  let otherDispute = '';
  let otherOrder = '';

  beforeAll(async () => {
    [journeys, browser] = await Promise.all([
      Journeys.start('seller-desk', { sellerResponse: 'PT2H', platformIntervention: 'PT3H' }, { console: true }),
      launchChromium(),
    ]);
    consoleUrl = journeys.cluster.url('console');
    seller = await journeys.seller();
    const other = await journeys.seller();
    otherOrder = `O-OTHER-${other.sellerId}`;
    otherDispute = await journeys.open(other, { orderId: otherOrder });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await journeys?.stop();
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`answers a dispute in ${language}: countdown, tone coaching, a template, a counter-proposal the buyer accepts, evidence with its preview`, async () => {
      const words = WORDS[language];
      const orderId = `O-DESK-${language}-${seller.sellerId}`;
      const disputeId = await journeys.open(seller, { orderId, paidMinor: 5_994 });
      const context = await personContext(browser);
      const page = await context.newPage();
      try {
        await signIn(page, consoleUrl, seller.key);
        // Chinese is the sellers' default; English is one choice away in the header.
        await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
        await chooseLanguage(page, language);
        await page.waitForURL(/\/seller\/disputes$/);
        const tab = page.getByRole('link', { name: new RegExp(words.awaiting) });
        await expect(tab.getAttribute('aria-current')).resolves.toBe('page');
        await tab.locator('.count', { hasText: /^[1-9]\d*$/ }).waitFor();
        const row = page.locator('.seller-table tbody tr', { hasText: orderId });
        await row.locator('.countdown').filter({ hasText: words.dueIn }).waitFor();
        if (language === 'en') {
          await auditScreen(page, 'seller-disputes');
        }

        await tabTo(page, row.getByRole('link'));
        await page.keyboard.press('Enter');
        await page.waitForURL(new RegExp(`/seller/disputes/${disputeId}$`));
        await page.locator('h1', { hasText: orderId }).waitFor();
        if (language === 'en') await auditScreen(page, 'seller-dispute');

        // Evidence: choose a photo with the file input, upload by keyboard, see its thumbnail through the gateway.
        const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } })
          .png()
          .toBuffer();
        await page
          .getByLabel(words.chooseFiles)
          .setInputFiles({ name: 'parcel.png', mimeType: 'image/png', buffer: photo });
        await tabTo(page, page.getByRole('button', { name: words.upload, exact: true }));
        await page.keyboard.press('Enter');
        await page.getByText(words.uploaded).waitFor();
        const preview = page.getByRole('img', { name: words.preview });
        await preview.waitFor();
        await eventually(
          async () => (await preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)) > 0,
          {
            what: 'the thumbnail to load',
          },
        );

        // Tone coaching as the seller types: the finding on its words and the suggested rewrite.
        const message = page.getByLabel(words.messageLabel);
        await tabTo(page, message);
        await page.keyboard.type("That's company policy");
        await page.locator('.tone-coaching mark', { hasText: "That's company policy" }).waitFor();
        await page
          .locator('.tone-coaching q', { hasText: 'Here is why we handle it this way, and what I can do for you.' })
          .first()
          .waitFor();
        await screenshot(page, `seller-tone-${language}`);

        // A reply template for the dispute's reason in the buyer's language (French), filled from the dispute.
        const counter = page.locator('.counter-form');
        await tabTo(page, counter.getByLabel(words.template));
        await page.keyboard.press('ArrowDown');
        await tabTo(page, counter.getByRole('button', { name: words.useTemplate }));
        await page.keyboard.press('Enter');
        await eventually(async () => !(await message.inputValue()).startsWith("That's company policy"), {
          what: 'the template in the message box',
        });
        expect((await message.inputValue()).length).toBeGreaterThan(40);

        // Reject with a counter-proposal: a refund of 20 USD (the default type is a refund only).
        await tabTo(page, page.getByLabel(words.amount));
        await page.keyboard.type('20');
        await tabTo(page, page.getByRole('button', { name: words.reject }));
        await page.keyboard.press('Enter');
        await page.getByText(words.rejected).waitFor();
        expect(await page.getByRole('alert').allTextContents()).toEqual([]);

        // The buyer (the platform, for the buyer) accepts the seller's proposal; the page shows the agreement.
        const proposals = await eventually(
          async () => {
            const answer = await journeys.cluster.call('negotiation', 'GET', `/v1/disputes/${disputeId}/proposals`, {
              key: journeys.platform,
            });
            const mine = (answer.body.items as { proposalId: string; by: string; state?: string }[]).find(
              (item) => item.by === 'SELLER',
            );
            return mine;
          },
          { what: 'the seller’s proposal' },
        );
        await journeys.act(journeys.platform, `/v1/disputes/${disputeId}/proposals/${proposals.proposalId}/accept`, {});
        const agreement = page.getByRole('region', { name: words.agreement });
        await agreement.waitFor({ timeout: 30_000 });
        await expect(agreement.textContent()).resolves.toMatch(/20/);
        await screenshot(page, `seller-agreed-${language}`);

        // Another seller's dispute, typed in the URL: not found, and nothing of it on the page.
        await page.goto(`${consoleUrl}/seller/disputes/${otherDispute}`);
        await page.getByRole('heading', { name: words.notFound }).waitFor();
        expect(await page.content()).not.toContain(otherOrder);
        if (language === 'en') await auditScreen(page, 'seller-dispute-not-found');
      } finally {
        await context.close();
      }
    }, 150_000);
  }
});
