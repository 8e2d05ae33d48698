import { uuidv7 } from '@settle/contracts';
import {
  expectProblem,
  isolatedEnvironment,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { AppModule } from '../app.module';
import { tasselPendantCase } from '../rules/spec-fixtures';
import { ListingAuditService } from '../service';

/** A seller's listings with their latest audit, flagged first, and an audit on demand (the console's Listings screen). */
describe('listing-audit: a seller’s listings and an audit on demand (real Postgres)', () => {
  let environment: TestEnvironment;
  let service: RunningService;

  beforeAll(async () => {
    environment = await isolatedEnvironment('listing_audit_listings', { AUDIT_IMAGES: 'off' });
    service = await startService(AppModule, ListingAuditService);
  });

  afterAll(async () => {
    await service?.close();
    await environment?.cleanup();
  });

  const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as any });

  it('lists the seller’s listings flagged first with the finding and its fix, pages them, and audits one again', async () => {
    const sellerId = `S-${uuidv7().slice(-8)}`;
    const key = await service.createKey('seller', sellerId);
    const { listing, sellerListings } = tasselPendantCase();
    const ids = new Map<string, string>();
    const own = (id: string) => {
      const mine = `${id}-${sellerId}`;
      ids.set(id, mine);
      return mine;
    };
    for (const other of sellerListings) {
      const audited = await service.call('POST', '/v1/listing-audits', key, {
        ...other,
        listingId: own(other.listingId),
        sellerId,
      });
      expect(audited.status).toBe(200);
    }
    const flagged = await json(
      await service.call('POST', '/v1/listing-audits', key, {
        ...listing,
        listingId: own(listing.listingId),
        sellerId,
      }),
    );
    expect(flagged.body.verdict).toBe('BLOCK');

    const page = await json(await service.call('GET', '/v1/listings', key));
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(3);
    const [first, ...rest] = page.body.items;
    expect(first).toMatchObject({
      listingId: ids.get('L-TASSEL-NEW'),
      title: listing.title,
      saleUnit: { type: 'LOT', piecesPerLot: 10 },
      flagged: true,
      flaggedBy: 'AUDIT_BLOCK',
      audit: { verdict: 'BLOCK', trigger: 'MANUAL' },
    });
    const finding = first.audit.findings.find((item: { ruleId: string }) => item.ruleId === 'SALE_UNIT_PRICE_MISMATCH');
    expect(finding).toMatchObject({ field: expect.any(String), fix: expect.any(String) });
    expect(rest.map((item: { flagged: boolean }) => item.flagged)).toEqual([false, false]);

    // Keyset pages: one at a time, the same order, nothing twice.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=1&cursor=${encodeURIComponent(cursor)}` : '?limit=1';
      const next = await json(await service.call('GET', `/v1/listings${query}`, key));
      seen.push(...next.body.items.map((item: { listingId: string }) => item.listingId));
      cursor = next.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(page.body.items.map((item: { listingId: string }) => item.listingId));

    const again = await json(
      await service.call('POST', `/v1/listings/${encodeURIComponent(first.listingId)}/audits`, key),
    );
    expect(again).toMatchObject({
      status: 200,
      body: { listingId: first.listingId, trigger: 'MANUAL', verdict: 'BLOCK' },
    });
    expect(again.body.auditId).not.toBe(first.audit.auditId);
    const after = await json(await service.call('GET', '/v1/listings', key));
    expect(after.body.items[0].audit.auditId).toBe(again.body.auditId);
  });

  it('scopes to the seller: another seller sees none of them and may not audit them; staff name the seller', async () => {
    const sellerId = `S-${uuidv7().slice(-8)}`;
    const key = await service.createKey('seller', sellerId);
    const { listing } = tasselPendantCase();
    const listingId = `L-${uuidv7()}`;
    expect((await service.call('POST', '/v1/listing-audits', key, { ...listing, listingId, sellerId })).status).toBe(
      200,
    );

    const other = await service.createKey('seller', `S-${uuidv7().slice(-8)}`);
    expect((await json(await service.call('GET', '/v1/listings', other))).body.items).toEqual([]);
    await expectProblem(await service.call('POST', `/v1/listings/${listingId}/audits`, other), 404);
    await expectProblem(await service.call('POST', `/v1/listings/L-NEVER-SEEN/audits`, key), 404);

    const staff = await service.createKey('staff');
    expect((await expectProblem(await service.call('GET', '/v1/listings', staff), 400)).errors).toEqual([
      { field: 'sellerId', message: 'is required with this key' },
    ]);
    const named = await json(await service.call('GET', `/v1/listings?sellerId=${sellerId}`, staff));
    expect(named.body.items.map((item: { listingId: string }) => item.listingId)).toEqual([listingId]);
    expect((await expectProblem(await service.call('GET', '/v1/listings?cursor=nope', key), 400)).errors).toMatchObject(
      [{ field: 'cursor' }],
    );
  });
});
