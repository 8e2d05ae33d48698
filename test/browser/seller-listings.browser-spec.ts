import { eventually } from '@settle/testing';
import { randomBytes } from 'node:crypto';
import type { Browser, Page, Response } from 'playwright-core';
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
import { publishTasselPendants } from '../e2e/support/tassel';

/**
 * Issue 17 point 5 and issue 19 point 4 in Debian's Chromium against the real services, console, Kafka and Postgres,
 * in Chinese (the sellers' default) and in English: the seller's listings, flagged first (the lot published at the
 * price of one piece, flagged by the audit for its sale unit, with the finding and its fix; a listing flagged by a
 * buyer's dispute), an audit on demand and its result, a supply incident with its progress; then the dispute accept
 * flow, and another seller's dispute typed in the URL. All by the keyboard. axe on the listings page in both
 * languages (the disputes list and the dispute page are checked in both by seller-disputes.browser-spec.ts).
 */
const WORDS = {
  'zh-CN': {
    listings: '商品',
    disputes: '纠纷',
    flaggedAudit: '审核标记',
    flaggedDispute: '纠纷标记',
    rule: '价格与销售单位不符',
    fix: '修改建议：',
    auditNow: '立即审核',
    audited: /刚刚完成审核：.*得分 (\d+)\/100/,
    incident: /缺货/,
    affected: '受影响订单',
    notices: '已发送通知',
    offers: '已提供退款',
    accept: /接受买家的请求/,
    accepted: '您已接受买家的请求。',
    agreement: '协议',
    notFound: '未找到该纠纷',
  },
  en: {
    listings: 'Listings',
    disputes: 'Disputes',
    flaggedAudit: 'Flagged by the audit',
    flaggedDispute: 'Flagged by a dispute',
    rule: 'The price does not match the sale unit',
    fix: 'How to fix:',
    auditNow: 'Audit now',
    audited: /Audited just now: .*score (\d+)\/100/,
    incident: /out of stock/,
    affected: 'Affected orders',
    notices: 'Notices sent',
    offers: 'Refunds offered',
    accept: /Accept the buyer’s request/,
    accepted: 'You accepted the buyer’s request.',
    agreement: 'Agreement',
    notFound: 'Dispute not found',
  },
} as const;

interface Finding {
  ruleId: string;
  message: string;
  fix: string;
}
interface ListingRow {
  listingId: string;
  flaggedBy: string | null;
  audit: { findings: Finding[] } | null;
}

describe('the seller’s listings and supply incidents in a browser', () => {
  let journeys: Journeys;
  let browser: Browser;
  let consoleUrl = '';
  let seller: Seller;
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  const red = `L-RED-${suffix}`;
  const green = `L-GREEN-${suffix}`;
  const lot = `L-LOT-${suffix}`;
  let saleUnitFinding: Finding;
  const other = { dispute: '', order: `O-OTHER-${suffix}`, buyer: `B-OTHER-${suffix}`, listing: `L-OTHER-${suffix}` };

  beforeAll(async () => {
    // The browser is kept as soon as it is up, so that afterAll closes it even when the cluster fails to start.
    const launching = launchChromium().then((launched) => (browser = launched));
    journeys = await Journeys.start(
      'listings',
      { sellerResponse: 'PT2H', platformIntervention: 'PT3H' },
      // One NOT_AS_DESCRIBED dispute is enough for the audit to take the buyers' feedback.
      { console: true, env: { AUDIT_FEEDBACK_THRESHOLD: '1' } },
    );
    await launching;
    consoleUrl = journeys.cluster.url('console');
    seller = await journeys.seller();

    // The marketplace publishes two pendants by the piece, then the lot of 10 at the price of one piece.
    await publishTasselPendants(journeys, seller, { red, green, lot });

    // A buyer says the red pendant is not as described: the audit looks at the listing again (DISPUTE_FEEDBACK).
    await journeys.open(seller, {
      listingId: red,
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'DIFFERENT_FROM_LISTING',
      evidence: [{ kind: 'PHOTO', url: `https://img.example.com/${red}-received.jpg` }],
      orderId: `O-RED-${suffix}`,
    });

    // An order of the green pendant is paid; then the seller declares it out of stock (a supply incident).
    const orderId = `O-GREEN-${suffix}`;
    await journeys.inbound(
      'order.paid',
      orderId,
      {
        orderId,
        buyerId: `B-GREEN-${suffix}`,
        sellerId: seller.sellerId,
        listingId: green,
        skuId: 'SKU-green',
        quantity: 1,
        amount: { amountMinor: 999, currency: 'USD' },
        paidAt: new Date().toISOString(),
        buyerCountry: 'FR',
        sellerCountry: 'CN',
        promisedDeliveryDays: 20,
        buyerLocale: 'fr-FR',
      },
      seller.sellerId,
    );
    const incident = await eventually(
      async () => {
        const declared = await journeys.cluster.call('negotiation', 'POST', '/v1/supply-incidents', {
          key: seller.key,
          body: { listingId: green, cause: 'OUT_OF_STOCK' },
        });
        return declared.status === 201 ? (declared.body as { id: string }) : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'negotiation to know the green pendant' },
    );
    await eventually(
      async () => {
        const progress = await journeys.cluster.call('negotiation', 'GET', `/v1/supply-incidents/${incident.id}`, {
          key: seller.key,
        });
        return progress.body.progress?.refundsOffered === 1;
      },
      { timeoutMs: 30_000, what: 'the paid order in the incident, notified and offered a refund' },
    );

    const listings = await eventually(
      async () => {
        const answer = await journeys.cluster.call('listing-audit', 'GET', '/v1/listings?limit=50', {
          key: seller.key,
        });
        const items = answer.body.items as ListingRow[];
        return items.find((item) => item.listingId === red)?.flaggedBy === 'DISPUTE_FEEDBACK' ? items : undefined;
      },
      { timeoutMs: 30_000, what: 'the red pendant flagged by the dispute' },
    );
    const found = listings
      .find((item) => item.listingId === lot)
      ?.audit?.findings.find((finding) => finding.ruleId === 'SALE_UNIT_PRICE_MISMATCH');
    if (!found) throw new Error(`the lot is not flagged for its sale unit: ${JSON.stringify(listings)}`);
    saleUnitFinding = found;

    // Another seller's dispute, whose id will be typed in the URL.
    const stranger = await journeys.seller();
    other.dispute = await journeys.open(stranger, {
      orderId: other.order,
      buyerId: other.buyer,
      listingId: other.listing,
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await journeys?.stop();
  });

  /** Follows a link of the seller's navigation with the keyboard alone. */
  async function navigateTo(page: Page, name: string): Promise<void> {
    await tabTo(page, page.locator('nav.seller-nav').getByRole('link', { name, exact: true }));
    await page.keyboard.press('Enter');
  }

  for (const language of ['zh-CN', 'en'] as const) {
    it(`shows the listings flagged first with the finding and its fix, audits on demand, shows the supply incident, accepts a dispute and hides another seller's, by keyboard, in ${language}`, async () => {
      const words = WORDS[language];
      const orderId = `O-ACCEPT-${language}-${suffix}`;
      const disputeId = await journeys.open(seller, { orderId, paidMinor: 2_500 });
      const context = await personContext(browser);
      const page = await context.newPage();
      try {
        await signIn(page, consoleUrl, seller.key);
        await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
        await chooseLanguage(page, language);
        await page.waitForURL(/\/seller\/disputes$/);

        // The listings page, flagged first: the lot (the audit) and the red pendant (the dispute), then the green one.
        await navigateTo(page, words.listings);
        await page.waitForURL(/\/seller\/listings$/);
        const cards = page.locator('.listing-cards > li');
        await cards.first().waitFor();
        const order = await cards.evaluateAll((items) => items.map((item) => item.querySelector('code')?.textContent));
        expect(order.indexOf(green)).toBeGreaterThan(Math.max(order.indexOf(lot), order.indexOf(red)));
        expect(order.indexOf(lot)).toBeGreaterThanOrEqual(0);
        expect(order.indexOf(red)).toBeGreaterThanOrEqual(0);

        // The lot: flagged by the audit for its sale unit, the finding in the seller's language and its fix.
        const lotCard = page.locator(`[data-listing="${lot}"]`);
        await lotCard.locator('.flag', { hasText: words.flaggedAudit }).waitFor();
        const finding = lotCard.locator('.findings li', { hasText: 'SALE_UNIT_PRICE_MISMATCH' });
        await expect(finding.locator('.finding-head').textContent()).resolves.toContain(words.rule);
        await expect(finding.locator('.finding-message').textContent()).resolves.toBe(saleUnitFinding.message);
        await expect(finding.locator('.finding-fix').textContent()).resolves.toBe(
          `${words.fix} ${saleUnitFinding.fix}`,
        );
        await page
          .locator(`[data-listing="${red}"] .flag`, { hasText: words.flaggedDispute })
          .waitFor({ state: 'visible' });

        // The supply incident on the green pendant with its progress: one order, its notice and its refund offer.
        const incident = page.locator('.incident', { hasText: green });
        await incident.locator('h3', { hasText: words.incident }).waitFor();
        for (const label of [words.affected, words.notices, words.offers]) {
          const figure = incident.locator('.figure', {
            has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }),
          });
          await expect(figure.locator('dd').textContent()).resolves.toBe('1');
        }
        await screenshot(page, `seller-listings-${language}`);

        // An audit of the green pendant on demand, by keyboard: its result on the page is the one Settle recorded.
        const greenCard = page.locator(`[data-listing="${green}"]`);
        await tabTo(page, greenCard.getByRole('button', { name: words.auditNow }));
        await page.keyboard.press('Enter');
        const said = greenCard.getByRole('status').filter({ hasText: words.audited });
        await said.waitFor();
        const score = Number(words.audited.exec((await said.textContent()) ?? '')?.[1]);
        const history = await journeys.cluster.call('listing-audit', 'GET', `/v1/listings/${green}/audits?limit=1`, {
          key: seller.key,
        });
        const [latest] = history.body.items as { trigger: string; score: number; auditedAt: string }[];
        expect({ trigger: latest?.trigger, score: latest?.score }).toEqual({ trigger: 'MANUAL', score });
        // The result is said in the language shown, also after switching.
        const otherLanguage = language === 'en' ? 'zh-CN' : 'en';
        await chooseLanguage(page, otherLanguage);
        await greenCard.getByRole('status').filter({ hasText: WORDS[otherLanguage].audited }).waitFor();
        await chooseLanguage(page, language);
        if (language === 'en') await auditScreen(page, 'seller-listings');

        // Accepting the buyer's request, by keyboard from the disputes list.
        await navigateTo(page, words.disputes);
        await page.waitForURL(/\/seller\/disputes$/);
        const row = page.locator('.seller-table tbody tr', { hasText: orderId });
        await tabTo(page, row.getByRole('link'));
        await page.keyboard.press('Enter');
        await page.waitForURL(new RegExp(`/seller/disputes/${disputeId}$`));
        await tabTo(page, page.getByRole('button', { name: words.accept }));
        await page.keyboard.press('Enter');
        await page.getByText(words.accepted).waitFor();
        // The page shows the agreement the services recorded: the buyer's request, accepted by the seller.
        await page.getByRole('region', { name: words.agreement }).waitFor({ timeout: 30_000 });
        const agreed = await journeys.dispute(disputeId);
        expect(agreed.agreement).toMatchObject({
          proposedBy: 'BUYER',
          acceptedBy: 'SELLER',
          refund: { amountMinor: 2_500, currency: 'USD' },
        });
        expect(await page.getByRole('alert').allTextContents()).toEqual([]);

        // Another seller's dispute typed in the URL: not found, and nothing of it reaches the page or the browser.
        const answers: Promise<{ url: string; status: number; body: string }>[] = [];
        const listen = (response: Response) => {
          if (!response.url().includes('/api/')) return;
          answers.push(
            response.text().then(
              (body) => ({ url: response.url(), status: response.status(), body }),
              () => ({ url: response.url(), status: response.status(), body: '' }),
            ),
          );
        };
        page.on('response', listen);
        await page.goto(`${consoleUrl}/seller/disputes/${other.dispute}`);
        await page.getByRole('heading', { name: words.notFound }).waitFor();
        await page.waitForLoadState('networkidle').catch(() => undefined);
        page.off('response', listen);
        const seen = await Promise.all(answers);
        const about = seen.filter((answer) => answer.url.includes(other.dispute));
        expect(about.length).toBeGreaterThan(0);
        expect(about.map((answer) => answer.status).filter((status) => status !== 404)).toEqual([]);
        const html = await page.content();
        for (const secret of [other.order, other.buyer, other.listing]) {
          expect({ secret, inPage: html.includes(secret) }).toEqual({ secret, inPage: false });
          expect(seen.filter((answer) => answer.body.includes(secret)).map((answer) => answer.url)).toEqual([]);
        }
      } finally {
        await context.close();
      }
    }, 180_000);
  }
});
