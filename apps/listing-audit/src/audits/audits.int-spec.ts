import { EventType, Topics, uuidv7, type EventEnvelope, type ListingDto } from '@settle/contracts';
import { sampleEnvelope, samplePayload } from '@settle/contracts/testing';
import {
  eventually,
  expectProblem,
  isolatedEnvironment,
  KafkaTestClient,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { encodeJpeg, encodePng } from '../images/test-images';
import { ListingAuditService } from '../service';
import { AuditsRepository } from './audits.repository';

/** listing-audit against real Kafka and Postgres, with a local image server for the main images. */
describe('listing-audit (real Kafka + Postgres, local image server)', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let kafka: KafkaTestClient;
  let images: Server;
  let imageBase: string;
  let keys: { platform: string; seller1: string; seller2: string; staff: string };
  const run = uuidv7().slice(-6);

  beforeAll(async () => {
    images = createServer((request, response) => {
      if (request.url?.startsWith('/big')) return response.writeHead(200).end(encodeJpeg(1200, 1200));
      if (request.url?.startsWith('/tiny')) return response.writeHead(200).end(encodePng(120, 120));
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    environment = await isolatedEnvironment('listing_audit', {
      AUDIT_IMAGES: 'on',
      IMAGE_PROBE_ALLOW_PRIVATE: 'true',
      IMAGE_PROBE_TIMEOUT_MS: '2000',
      AUDIT_FEEDBACK_THRESHOLD: '3',
    });
    kafka = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafka.watch([Topics.LISTING_EVENTS]);
    await kafka.ensureTopics([Topics.DISPUTE_EVENTS]);
    service = await startService(AppModule, ListingAuditService);
    keys = {
      platform: await service.createKey('platform'),
      seller1: await service.createKey('seller', 'S-1'),
      seller2: await service.createKey('seller', 'S-2'),
      staff: await service.createKey('staff'),
    };
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
    await environment?.cleanup();
    await new Promise<void>((resolve) => images.close(() => resolve()));
  });

  const call = (method: string, path: string, key?: string, body?: unknown) => service.call(method, path, key, body);

  const listingEvents = (type: string, listingId: string): EventEnvelope<any>[] =>
    kafka.events(Topics.LISTING_EVENTS).filter((event) => event.type === type && event.subject === listingId);

  /** A clean pendant; each test uses its own colour so the seller's listings are not duplicates of each other. */
  function pendant(listingId: string, overrides: Partial<ListingDto> = {}, colour = 'red'): ListingDto {
    return {
      listingId,
      sellerId: 'S-1',
      category: 'jewellery/pendants',
      title: `Tassel pendant, ${colour} silk thread, 8 cm`,
      description: `A hand-made tassel pendant of ${colour} silk thread, 8 cm long, with a gold-plated cap.`,
      images: [
        { url: `${imageBase}/big/${listingId}-1.jpg` },
        { url: `${imageBase}/big/${listingId}-2.jpg` },
        { url: `${imageBase}/big/${listingId}-3.jpg` },
      ],
      attributes: { material: 'silk', colour, length: '8 cm' },
      saleUnit: { type: 'PIECE' },
      skus: [{ skuId: 'SKU-1', attributes: { colour }, price: { amountMinor: 999, currency: 'USD' }, stock: 40 }],
      shipping: {
        fee: { amountMinor: 150, currency: 'USD' },
        processingDays: 3,
        promisedDeliveryDays: 20,
        shipsFrom: 'CN',
        shipsTo: ['FR', 'US'],
      },
      brand: 'Generic',
      ...overrides,
    };
  }

  describe('HTTP', () => {
    it('serves the rule catalogue to any key, and 401 without one', async () => {
      await expectProblem(await call('GET', '/v1/rules'), 401);
      const response = await call('GET', '/v1/rules', keys.staff);
      expect(response.status).toBe(200);
      const { items } = (await response.json()) as { items: { id: string; severity: string; fix: string }[] };
      expect(items.map((rule) => rule.id)).toEqual(
        expect.arrayContaining(['SALE_UNIT_PRICE_MISMATCH', 'SUPPLY_OUT_OF_STOCK']),
      );
      for (const rule of items) expect(rule.fix.length).toBeGreaterThan(0);
    });

    it('blocks the tassel-pendant lot before any buyer orders, stores the audit and announces it', async () => {
      for (const [id, colour] of [
        [`L-RED-${run}`, 'red'],
        [`L-GREEN-${run}`, 'green'],
      ] as const) {
        const ok = await call('POST', '/v1/listing-audits', keys.seller1, pendant(id, {}, colour));
        expect(ok.status).toBe(200);
        expect(await ok.json()).toMatchObject({ verdict: 'PASS', score: 100, findings: [], listingVersion: 1 });
      }
      const lotId = `L-LOT-${run}`;
      const lot = pendant(lotId, {
        title: 'Tassel pendant, blue silk thread, 8 cm, lot of 10',
        attributes: { material: 'silk', colour: 'blue', length: '8 cm' },
        skus: [
          { skuId: 'SKU-1', attributes: { colour: 'blue' }, price: { amountMinor: 999, currency: 'USD' }, stock: 200 },
        ],
        saleUnit: { type: 'LOT', piecesPerLot: 10 },
        images: [{ url: `${imageBase}/tiny/${lotId}.png` }, ...pendant(lotId).images.slice(1)],
      });
      const response = await call('POST', '/v1/listing-audits', keys.platform, lot);
      expect(response.status).toBe(200);
      const audit = (await response.json()) as {
        auditId: string;
        verdict: string;
        findings: { ruleId: string; message: string }[];
      };
      expect(audit.verdict).toBe('BLOCK');
      expect(audit.findings.map((finding) => finding.ruleId)).toEqual(
        expect.arrayContaining(['SALE_UNIT_PRICE_MISMATCH', 'IMAGE_MAIN_UNUSABLE']),
      );
      // The image rule read the real 120x120 PNG the image server sent.
      expect(audit.findings.find((finding) => finding.ruleId === 'IMAGE_MAIN_UNUSABLE')!.message).toContain('120x120');

      const audited = await kafka.waitForMessage(
        Topics.LISTING_EVENTS,
        (message) => message.value.includes(audit.auditId) && message.value.includes(EventType.LISTING_AUDITED),
      );
      expect(audited.key).toBe(lotId);
      const flagged = await eventually(() => listingEvents(EventType.LISTING_FLAGGED, lotId)[0], {
        what: 'listing.flagged',
      });
      expect(flagged.data).toMatchObject({ reason: 'AUDIT_BLOCK', verdict: 'BLOCK', auditId: audit.auditId });

      const history = await call('GET', `/v1/listings/${lotId}/audits`, keys.seller1);
      expect(await history.json()).toMatchObject({
        items: [{ auditId: audit.auditId, trigger: 'MANUAL' }],
        nextCursor: null,
      });
    });

    it('blocks the renamed import (issue 18): a lot of 10 at the price of the seller’s single piece with its photos', async () => {
      const sellerId = `S-RENAMED-${run}`;
      const singleId = `L-CHARM-${run}`;
      const photos = [1, 2, 3].map((n) => ({ url: `${imageBase}/big/charm-${run}-${n}.jpg` }));
      const single = pendant(singleId, {
        sellerId,
        title: 'Bohemian fringe charm for necklaces',
        description: 'Hand-made fringe charm of blue silk thread, 8 cm long.',
        attributes: { material: 'silk', colour: 'blue', length: '8 cm' },
        skus: [
          { skuId: 'SKU-1', attributes: { colour: 'blue' }, price: { amountMinor: 999, currency: 'USD' }, stock: 40 },
        ],
        images: photos,
      });
      const first = await call('POST', '/v1/listing-audits', keys.platform, single);
      expect(await first.json()).toMatchObject({ verdict: 'PASS', findings: [] });
      const lotId = `L-IMPORT-${run}`;
      const lot = pendant(lotId, {
        sellerId,
        title: 'Silk tassel pendant, blue, 8 cm',
        attributes: { material: 'silk', colour: 'blue', length: '8 cm' },
        saleUnit: { type: 'LOT', piecesPerLot: 10 },
        skus: [
          { skuId: 'SKU-1', attributes: { colour: 'blue' }, price: { amountMinor: 999, currency: 'USD' }, stock: 200 },
        ],
        images: photos,
      });
      const response = await call('POST', '/v1/listing-audits', keys.platform, lot);
      const audit = (await response.json()) as {
        verdict: string;
        findings: { ruleId: string; field: string; message: string }[];
      };
      expect(audit.verdict).toBe('BLOCK');
      const finding = audit.findings.find((candidate) => candidate.ruleId === 'SALE_UNIT_PRICE_MISMATCH');
      expect(finding).toMatchObject({ field: 'saleUnit' });
      expect(finding!.message).toContain(`${singleId} ("Bohemian fringe charm for necklaces", one piece for 9.99 USD`);
      expect(finding!.message).toContain('costs 1.00 USD a piece');
      // The shared photos show the same product: not "reused across unrelated listings".
      expect(audit.findings.map((candidate) => candidate.ruleId)).not.toContain('IMAGE_REUSED_ACROSS_LISTINGS');
    });

    it('blames the later of two listings of one product: a piece published at the price of the seller’s lot of 10', async () => {
      const sellerId = `S-REVERSE-${run}`;
      const dataSource = service.app.get(DataSource);
      const at = (amountMinor: number) => [
        { skuId: 'SKU-1', attributes: { colour: 'blue' }, price: { amountMinor, currency: 'USD' }, stock: 40 },
      ];
      const lot = pendant(`L-LOT10-${run}`, {
        sellerId,
        title: 'Silk tassel pendant, blue, 8 cm, lot of 10',
        description: 'Ten tassel pendants of blue silk thread, 8 cm long.',
        attributes: { material: 'silk', colour: 'blue', length: '8 cm' },
        saleUnit: { type: 'LOT', piecesPerLot: 10 },
        skus: at(9_990),
      });
      expect(await (await call('POST', '/v1/listing-audits', keys.platform, lot)).json()).toMatchObject({
        verdict: 'PASS',
      });
      // On sale for two months already (the catalogue's validFrom of its first version).
      await dataSource.query(
        `UPDATE listing_versions SET valid_from = now() - interval '60 days' WHERE listing_id = $1`,
        [lot.listingId],
      );
      const piece = pendant(`L-PIECE-${run}`, {
        sellerId,
        title: 'Silk tassel pendant, blue, 8 cm',
        attributes: { material: 'silk', colour: 'blue', length: '8 cm' },
        skus: at(9_990),
        images: lot.images,
      });
      const audit = (await (await call('POST', '/v1/listing-audits', keys.platform, piece)).json()) as {
        verdict: string;
        findings: { ruleId: string; message: string }[];
      };
      expect(audit.verdict).toBe('BLOCK');
      const finding = audit.findings.find((candidate) => candidate.ruleId === 'SALE_UNIT_PRICE_MISMATCH');
      expect(finding?.message).toContain('One piece at 99.90 USD is priced like a lot');
      expect(finding?.message).toContain(lot.listingId);
      // The lot, audited again, stays clear: it is the source, not the mistake.
      const again = await call('POST', '/v1/listing-audits', keys.platform, {
        ...lot,
        description: `${lot.description} `,
      });
      const reaudit = (await again.json()) as { findings: { ruleId: string }[] };
      expect(reaudit.findings.map((candidate) => candidate.ruleId)).not.toContain('SALE_UNIT_PRICE_MISMATCH');
    });

    it('compares an import with its source even when the seller has more listings than an audit loads', async () => {
      const sellerId = `S-BIG-${run}`;
      const dataSource = service.app.get(DataSource);
      const source = pendant(`Z-SOURCE-${run}`, { sellerId });
      await dataSource.query(
        `INSERT INTO listing_versions (id, listing_id, seller_id, version, listing, content_hash, valid_from, recorded_at)
         SELECT gen_random_uuid(), $1, $2, 1, $3::jsonb, 'h', now() - interval '1 year', now() - interval '1 year'`,
        [source.listingId, sellerId, JSON.stringify(source)],
      );
      // 520 newer listings of another category, whose ids sort before the source's.
      await dataSource.query(
        `INSERT INTO listing_versions (id, listing_id, seller_id, version, listing, content_hash, valid_from, recorded_at)
         SELECT gen_random_uuid(), 'A-' || n, $1, 1,
                jsonb_build_object('listingId', 'A-' || n, 'sellerId', $1::text, 'category', 'home/kitchen',
                                   'title', 'Ceramic mug ' || n, 'images', '[]'::jsonb),
                'h', now(), now()
           FROM generate_series(1, 520) AS n`,
        [sellerId],
      );
      const repository = service.app.get(AuditsRepository);
      const loaded = await repository.sellerListings(dataSource.manager, sellerId, `L-NEW-IMPORT-${run}`, {
        imageUrls: source.images.slice(0, 1).map((image) => image.url),
        category: 'jewellery/pendants',
      });
      expect(loaded).toHaveLength(500);
      expect(loaded[0]?.listingId).toBe(source.listingId);
    });

    it('answers 404 to a seller on another seller’s listing, in either direction', async () => {
      const id = `L-RED-${run}`;
      await expectProblem(await call('GET', `/v1/listings/${id}/audits`, keys.seller2), 404);
      await expectProblem(await call('POST', '/v1/listing-audits', keys.seller2, pendant(id)), 404);
      await expectProblem(await call('POST', '/v1/listing-audits', keys.seller2, pendant(`L-NEW-${run}`)), 404);
      await expectProblem(await call('GET', `/v1/rules`, 'not-a-key'), 401);
    });

    it('refuses bad input with problem+json naming the field, and stores nothing', async () => {
      const id = `L-BAD-${run}`;
      const unknownField = await expectProblem(
        await call('POST', '/v1/listing-audits', keys.platform, { ...pendant(id), colour: 'red' }),
        400,
      );
      expect(unknownField.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'colour' })]));
      const badMoney = await expectProblem(
        await call(
          'POST',
          '/v1/listing-audits',
          keys.platform,
          pendant(id, {
            skus: [{ skuId: 'S', attributes: {}, price: { amountMinor: 9.99, currency: 'USD' }, stock: 1 }],
          }),
        ),
        400,
      );
      expect(badMoney.errors?.map((error) => error.field)).toContain('skus.0.price.amountMinor');
      const badAt = await expectProblem(
        await call('GET', `/v1/listings/${id}/audits?at=yesterday`, keys.platform),
        400,
      );
      expect(badAt.errors?.map((error) => error.field)).toContain('at');
      const history = await call('GET', `/v1/listings/${id}/audits`, keys.platform);
      expect(await history.json()).toEqual({ items: [], nextCursor: null });
      await expectProblem(await call('GET', `/v1/listings/${id}/audits?at=2025-01-01T00:00:00Z`, keys.platform), 404);
    });
  });

  describe('Kafka', () => {
    it('audits a listing.upserted, stores it, announces listing.audited, and keeps every version for ?at=', async () => {
      const id = `L-KAFKA-${run}`;
      const upsert = (listing: ListingDto, version: number) =>
        sampleEnvelope(EventType.LISTING_UPSERTED, {
          ...samplePayload(EventType.LISTING_UPSERTED),
          ...listing,
          version,
          updatedAt: new Date().toISOString(),
          status: 'ACTIVE',
        });
      const first = upsert(pendant(id, {}, 'black'), 1);
      await kafka.produce(Topics.LISTING_EVENTS, [{ key: id, value: JSON.stringify(first) }]);
      const audited = await eventually(() => listingEvents(EventType.LISTING_AUDITED, id)[0], {
        what: 'listing.audited',
      });
      expect(audited.data).toMatchObject({ listingId: id, trigger: 'UPSERT', listingVersion: 1, verdict: 'PASS' });
      expect(audited.causationid).toBe(first.id);

      // The same event again (a redelivery) changes nothing.
      await kafka.produce(Topics.LISTING_EVENTS, [{ key: id, value: JSON.stringify(first) }]);
      const between = new Date().toISOString();
      // Version 2 must be valid from strictly after that instant (the clock moves on; no fixed sleep).
      await eventually(() => Date.now() > Date.parse(between) + 1, { what: 'the clock to move past the instant' });
      const second = upsert(
        pendant(id, { title: 'Tassel pendant, black silk thread, 8 cm, free shipping' }, 'black'),
        2,
      );
      await kafka.produce(Topics.LISTING_EVENTS, [{ key: id, value: JSON.stringify(second) }]);
      const secondAudit = await eventually(
        () => listingEvents(EventType.LISTING_AUDITED, id).find((event) => event.data.listingVersion === 2),
        { what: 'the audit of version 2' },
      );
      expect(secondAudit.data.findings.map((finding: { ruleId: string }) => finding.ruleId)).toContain(
        'TITLE_CLAIM_CONTRADICTED',
      );

      const history = (await (await call('GET', `/v1/listings/${id}/audits`, keys.seller1)).json()) as {
        items: { listingVersion: number }[];
      };
      expect(history.items.map((item) => item.listingVersion)).toEqual([2, 1]);

      const atBetween = await call('GET', `/v1/listings/${id}/audits?at=${between}`, keys.platform);
      expect(atBetween.status).toBe(200);
      expect(await atBetween.json()).toMatchObject({
        listingId: id,
        listingVersion: 1,
        listing: { title: 'Tassel pendant, black silk thread, 8 cm' },
        audit: { auditId: audited.data.auditId, verdict: 'PASS' },
      });
    });

    it('flags and re-audits a listing once enough NOT_AS_DESCRIBED disputes point at it, naming the attribute', async () => {
      const id = `L-FEEDBACK-${run}`;
      const created = await call('POST', '/v1/listing-audits', keys.platform, pendant(id, {}, 'white'));
      expect(created.status).toBe(200);
      const opened = (reason: 'NOT_AS_DESCRIBED' | 'NOT_RECEIVED', subReason: string, description: string) => {
        const disputeId = uuidv7();
        const payload = {
          ...samplePayload(EventType.DISPUTE_OPENED),
          disputeId,
          listingId: id,
          reason,
          subReason,
          description,
        };
        delete (payload as { listingAtPurchase?: unknown }).listingAtPurchase;
        return { disputeId, envelope: sampleEnvelope(EventType.DISPUTE_OPENED, payload, { id: uuidv7() }) };
      };
      const disputes = [
        opened('NOT_AS_DESCRIBED', 'DIFFERENT_FROM_LISTING', 'The pendant is orange, not white as in the photos.'),
        opened('NOT_RECEIVED', 'IN_TRANSIT_OVERDUE', 'Still not here, and the colour I ordered was white.'),
        opened('NOT_AS_DESCRIBED', 'DIFFERENT_FROM_LISTING', 'Wrong colour: it is pink.'),
        opened('NOT_AS_DESCRIBED', 'QUALITY', 'The colour faded after one day.'),
      ];
      await kafka.produce(
        Topics.DISPUTE_EVENTS,
        disputes.map(({ disputeId, envelope }) => ({ key: disputeId, value: JSON.stringify(envelope) })),
      );
      const flag = await eventually(
        () => listingEvents(EventType.LISTING_FLAGGED, id).find((event) => event.data.reason === 'DISPUTE_FEEDBACK'),
        { what: 'listing.flagged for dispute feedback', timeoutMs: 30_000 },
      );
      expect(flag.data.disputeIds).toHaveLength(3);
      expect(flag.data.disputeIds).not.toContain(disputes[1]?.disputeId);
      const finding = flag.data.findings.find(
        (entry: { ruleId: string }) => entry.ruleId === 'DISPUTE_FEEDBACK_ATTRIBUTE',
      );
      expect(finding).toMatchObject({ severity: 'BLOCK', field: 'attributes.colour' });
      expect(finding.message).toContain('the listing says "white"');

      const history = (await (await call('GET', `/v1/listings/${id}/audits`, keys.platform)).json()) as {
        items: { trigger: string; auditId: string; disputeId?: string }[];
      };
      // Disputes are keyed by their own id, so they arrive in any order: the third NOT_AS_DESCRIBED one re-audits.
      expect(history.items[0]).toMatchObject({ trigger: 'DISPUTE_FEEDBACK', auditId: flag.data.auditId });
      expect(flag.data.disputeIds).toContain(history.items[0]?.disputeId);
      expect(history.items.filter((item) => item.trigger === 'DISPUTE_FEEDBACK')).toHaveLength(1);
    });
  });
});
