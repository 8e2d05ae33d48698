import { required } from '@settle/contracts';
import { eventually } from '@settle/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Journeys } from '../e2e/support/journey';
import { auditScreen, launchChromium, personContext, screenshot, signIn, tabTo } from './support/browser';
import { ConsoleScenario, STAFF_RULING_SLA_SECONDS, type EscalatedCase } from './support/scenario';

/**
 * Issue 14's "Done when", in Debian's Chromium against the four services, the console, Kafka and Postgres run as
 * `npm start` runs them (processes from dist/), the policy in seconds. Every action is done by the keyboard alone
 * (Tab, Enter, Space, arrows, the queue's j/k/c); axe checks every screen in English and in Chinese; each screen is
 * saved to .cache/artifacts/screens/.
 */
describe('the staff console in a browser', () => {
  let journeys: Journeys;
  let scenario: ConsoleScenario;
  let consoleApp: { url: string };
  let browser: Browser;
  let tassel: EscalatedCase;
  let parcel: EscalatedCase;
  let staff2Key = '';
  let staff2Id = '';
  let staff1: { context: BrowserContext; page: Page };

  beforeAll(async () => {
    [journeys, browser] = await Promise.all([
      Journeys.start('console', { staffRulingSla: `PT${STAFF_RULING_SLA_SECONDS}S` }, { console: true }),
      launchChromium(),
    ]);
    consoleApp = { url: journeys.cluster.url('console') };
    scenario = new ConsoleScenario(journeys);
    tassel = await scenario.tasselCase();
    staff2Key = await journeys.cluster.createKey('staff');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await journeys?.stop();
  });

  it('signs in only with a person’s key: a platform key is refused in plain words; no key stays in the page', async () => {
    const context = await personContext(browser);
    const page = await context.newPage();
    await page.goto(consoleApp.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await auditScreen(page, 'sign-in');

    await tabTo(page, page.getByLabel('API key'));
    await page.keyboard.type(journeys.platform);
    await page.keyboard.press('Enter');
    const refusal = page.getByRole('alert');
    await expect(refusal.textContent()).resolves.toContain('This is a platform key');
    await screenshot(page, 'sign-in-platform-refused-en');
    expect(await context.cookies()).toEqual([]);

    await page.getByLabel('API key').fill('');
    await page.keyboard.type(journeys.staff);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Escalations' }).waitFor();
    // The key went to the server once: nothing in storage, the cookie is HttpOnly and SameSite=Strict.
    const stored = await page.evaluate<string>(
      'JSON.stringify({ ...localStorage, ...sessionStorage }) + document.cookie',
    );
    expect(stored).not.toContain(journeys.staff);
    expect(stored).not.toContain('settle_session');
    expect(await context.cookies()).toEqual([
      expect.objectContaining({ name: 'settle_session', httpOnly: true, sameSite: 'Strict' }),
    ]);
    staff1 = { context, page };
  }, 120_000);

  it('refuses a forged cross-origin POST, even with the session cookie the browser sends along', async () => {
    const cookie = required((await staff1.context.cookies())[0], 'the session cookie');
    // A page on another origin (same site: 127.0.0.1, so SameSite=Strict still sends the cookie) posts a form.
    const evil = await forgerPage(`${consoleApp.url}/api/escalation-timer/v1/escalations/${tassel.escalationId}/claim`);
    try {
      const page = await staff1.context.newPage();
      const refused = page.waitForResponse((response) => response.url().includes('/claim'));
      await page.goto(evil.url);
      expect((await refused).status()).toBe(403);
      await page.close();
    } finally {
      await new Promise((resolve) => evil.server.close(resolve));
    }
    // The same call without the console's header, straight from a script with the cookie: refused, nothing claimed.
    const forged = await fetch(`${consoleApp.url}/api/escalation-timer/v1/escalations/${tassel.escalationId}/claim`, {
      method: 'POST',
      headers: {
        cookie: `${cookie.name}=${cookie.value}`,
        origin: 'http://evil.example',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    const view = await journeys.cluster.call('escalation-timer', 'GET', `/v1/escalations/${tassel.escalationId}`, {
      key: journeys.lead,
    });
    expect(view.body.escalation.claimedBy).toBeNull();
  }, 90_000);

  it('finds the overdue case at the top, sees the listing at payment and the prediction, claims, rules citing two items; the seller’s webhook gets it', async () => {
    const { page } = staff1;
    await scenario.overdue(tassel.escalationId);
    // The saved view is in the URL; reach it from the tabs by keyboard.
    await tabTo(page, page.getByRole('link', { name: 'Overdue' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/view=overdue/);
    const firstRow = page.locator('.queue-table tbody tr').first();
    await expect(firstRow.textContent()).resolves.toContain(tassel.disputeId.slice(-8));
    await page.locator('.queue-table tbody tr', { hasText: '$59.94' }).first().waitFor();
    await firstRow.filter({ hasText: /overdue by/ }).waitFor();
    await expect(firstRow.textContent()).resolves.toContain('$59.94');
    await expect(firstRow.textContent()).resolves.toContain('Asked for more money after payment');
    await auditScreen(page, 'queue-overdue');

    // j/k move, c claims the selected case, Enter opens it.
    await page.locator('h1').click();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await screenshot(page, 'queue-shortcuts-en');
    await page.keyboard.press('Escape');
    // A person reads the page again before the next key: the dialog's close reaches the page first.
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.keyboard.press('c');
    await page.locator('[role=status]:has-text("You claimed case"), [role=alert]').first().waitFor();
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/cases/${tassel.escalationId}`));

    const listing = page.locator('section', { has: page.getByRole('heading', { name: /as the buyer saw it/ }) });
    await expect(listing.textContent()).resolves.toContain('Tassel pendant, blue silk thread, 8 cm, lot of 10');
    await expect(listing.textContent()).resolves.toContain('Lot of 10 pieces');
    await expect(listing.textContent()).resolves.toContain('SALE_UNIT_PRICE_MISMATCH');
    const prediction = page.locator('section', { has: page.getByRole('heading', { name: 'Predicted ruling' }) });
    await expect(prediction.textContent()).resolves.toContain('Refund the buyer in full');
    await expect(prediction.textContent()).resolves.toContain('A seller must honour a paid order');
    await expect(page.locator('.tone').textContent()).resolves.toContain('Shouting');
    await expect(page.getByText('You hold this case.').count()).resolves.toBe(1);
    await auditScreen(page, 'case');

    // The ruling, by keyboard: outcome, rationale, exactly two ticked items, preview.
    await tabTo(page, page.getByRole('radio', { name: 'Refund the buyer in full' }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByLabel('Rationale'));
    await page.keyboard.type(
      'The seller published a lot priced like one piece and then refused to sell at that price.',
    );
    for (const box of await page.locator('.citations input[type=checkbox]').all()) {
      if (await box.isChecked()) {
        await tabTo(page, box);
        await page.keyboard.press('Space');
      }
    }
    for (const name of [/SALE_UNIT_PRICE_MISMATCH/, /chat-screenshot/]) {
      await tabTo(page, page.getByRole('checkbox', { name }));
      await page.keyboard.press('Space');
    }
    await tabTo(page, page.getByRole('button', { name: 'Preview the ruling' }));
    await page.keyboard.press('Enter');
    const preview = page.getByRole('region', { name: /what will happen/ });
    await expect(preview.textContent()).resolves.toContain('is refunded $59.94');
    await expect(preview.textContent()).resolves.toContain('dispute.ruled, dispute.resolved');
    await auditScreen(page, 'case-ruling-preview');

    // The next case arrives meanwhile (a parcel that never came): "Rule and open the next" opens it.
    parcel = await scenario.escalate(await scenario.parcelCase());
    await tabTo(page, page.getByRole('button', { name: 'Rule and open the next' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/cases/${parcel.escalationId}`));

    const ruled = await scenario.seller.hooks.waitFor('dispute.ruled', tassel.disputeId);
    expect(ruled.event.data).toMatchObject({
      ruling: expect.objectContaining({
        outcome: 'REFUND_BUYER',
        refund: { amountMinor: 5994, currency: 'USD' },
        citations: [
          expect.objectContaining({ kind: 'EVIDENCE' }),
          expect.objectContaining({ kind: 'AUDIT_FINDING', ref: 'SALE_UNIT_PRICE_MISMATCH' }),
        ],
      }),
    });
  }, 240_000);

  it('claims the next case and extends its deadline with a reason code, by keyboard', async () => {
    const { page } = staff1;
    await tabTo(page, page.getByRole('button', { name: 'Claim this case' }));
    await page.keyboard.press('Enter');
    await page.getByText('You hold this case.').waitFor();
    const reason = page.getByLabel('Reason code');
    await tabTo(page, reason);
    await reason.press('ArrowDown'); // Customs hold
    await reason.press('ArrowDown'); // Carrier exception
    await tabTo(page, page.getByLabel('Note (optional)'));
    await page.keyboard.type('China Post lost the parcel’s scans for a week.');
    await tabTo(page, page.getByRole('button', { name: 'Extend the deadline' }));
    await page.keyboard.press('Enter');
    await page.getByText('The deadline was extended.').waitFor();
    const deadlines = await journeys.cluster.call(
      'escalation-timer',
      'GET',
      `/v1/disputes/${parcel.disputeId}/deadlines`,
      {
        key: journeys.lead,
      },
    );
    const sla = (deadlines.body.items as { kind: string; adjustments: { reasonCode: string }[] }[]).find(
      (deadline) => deadline.kind === 'STAFF_RULING_SLA',
    );
    expect(sla?.adjustments).toEqual([expect.objectContaining({ action: 'EXTEND', reasonCode: 'CARRIER_EXCEPTION' })]);
    await expect(
      page.locator('section', { has: page.getByRole('heading', { name: 'Deadlines' }) }).textContent(),
    ).resolves.toContain('Carrier exception');
    await auditScreen(page, 'case-extended');
  }, 120_000);

  it('a second staff member sees the case claimed and cannot rule it; the refusal is in plain words and the form is kept', async () => {
    const context = await personContext(browser);
    const page = await context.newPage();
    try {
      await signIn(page, consoleApp.url, staff2Key);
      staff2Id = ((await page.locator('.who').textContent()) ?? '').split('·')[1]?.trim() ?? '';
      expect(staff2Id).toMatch(/\S/);
      await page.goto(`${consoleApp.url}/?view=all`);
      const row = page.locator('.queue-table tbody tr', { hasText: parcel.disputeId.slice(-8) });
      await expect(row.textContent()).resolves.toContain('Claimed');
      await page.goto(`${consoleApp.url}/cases/${parcel.escalationId}`);
      await page.getByText(/holds this case/).waitFor();
      // A radio group is one tab stop; the arrow keys choose within it.
      await tabTo(page, page.getByRole('radio', { name: 'Refund the buyer in full' }));
      for (let press = 0; press < 3; press += 1) await page.keyboard.press('ArrowDown');
      const rationale = 'Tracking shows the parcel in the buyer’s country.';
      await tabTo(page, page.getByLabel('Rationale'));
      await page.keyboard.type(rationale);
      await tabTo(page, page.getByRole('button', { name: 'Preview the ruling' }));
      await page.keyboard.press('Enter');
      await tabTo(page, page.getByRole('button', { name: 'Rule', exact: true }));
      await page.keyboard.press('Enter');
      const alert = page.getByRole('alert');
      await expect(alert.textContent()).resolves.toContain('You may not do this; nothing was changed.');
      await expect(alert.textContent()).resolves.toContain('who claimed the case, or a lead may rule on it');
      await expect(page.getByLabel('Rationale').inputValue()).resolves.toBe(rationale);
      await expect(page.getByRole('radio', { name: 'In the seller’s favour' }).isChecked()).resolves.toBe(true);
      await auditScreen(page, 'case-refused');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('a lead reassigns the case and reads the service levels', async () => {
    const context = await personContext(browser);
    const page = await context.newPage();
    try {
      await signIn(page, consoleApp.url, journeys.lead);
      await page.goto(`${consoleApp.url}/cases/${parcel.escalationId}`);
      await tabTo(page, page.getByLabel('Reassign to (staff id)'));
      await page.keyboard.type(staff2Id);
      await page.keyboard.press('Enter');
      await page.getByText(`The case now belongs to ${staff2Id}.`).waitFor();
      const view = await journeys.cluster.call('escalation-timer', 'GET', `/v1/escalations/${parcel.escalationId}`, {
        key: journeys.lead,
      });
      expect(view.body.escalation.claimedBy).toBe(staff2Id);
      await auditScreen(page, 'case-reassigned');

      await tabTo(page, page.getByRole('link', { name: 'Service levels' }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Service levels' }).waitFor();
      await tabTo(page, page.getByRole('link', { name: '7 days' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/window=7d/);
      await page.locator('figure svg').nth(1).waitFor();
      await expect(page.locator('figure svg').count()).resolves.toBe(2);
      await auditScreen(page, 'service-levels');

      await page.goto(`${consoleApp.url}/?view=ruled`);
      await page.locator('.queue-table').waitFor();
      await auditScreen(page, 'queue-ruled');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('a seller lands on the seller desk, in Chinese first', async () => {
    const context = await personContext(browser);
    const page = await context.newPage();
    try {
      await signIn(page, consoleApp.url, scenario.seller.key);
      await page.waitForURL(/\/seller\/disputes$/);
      await page.getByRole('heading', { name: '您的纠纷' }).waitFor();
      await auditScreen(page, 'seller-desk');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('signing out ends the session: the old cookie gets 401', async () => {
    const { page, context } = staff1;
    const cookie = required((await context.cookies())[0], 'the session cookie');
    await tabTo(page, page.getByRole('button', { name: 'Sign out' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const old = `${cookie.name}=${cookie.value}`;
    await eventually(
      async () => (await fetch(`${consoleApp.url}/api/session`, { headers: { cookie: old } })).status === 401,
    );
    const gateway = await fetch(`${consoleApp.url}/api/escalation-timer/v1/escalations`, { headers: { cookie: old } });
    expect(gateway.status).toBe(401);
    await context.close();
  }, 90_000);
});

/** A page on another origin that posts a form to the console as soon as it loads (a classic CSRF attempt). */
async function forgerPage(action: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(
      `<!doctype html><form method="POST" action="${action}" enctype="text/plain"><input name="x" value="1"></form>` +
        '<script>document.forms[0].submit()</script>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
