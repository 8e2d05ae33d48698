import { Injectable } from '@nestjs/common';
import { AddressPolicy, Allowlist } from '@settle/platform';
import { ListingAuditConfig } from '../config/listing-audit.config';
import type { AuditedListing, ImageFacts } from '../rules/types';
import { probeImage } from './image-probe';

/** Probes a listing's main image (the one the image rules read) when AUDIT_IMAGES is on. */
@Injectable()
export class ImageProber {
  /** The platform's outbound address policy: public addresses only, unless configured otherwise. */
  private readonly policy: AddressPolicy;

  constructor(private readonly config: ListingAuditConfig) {
    this.policy = config.IMAGE_PROBE_ALLOW_PRIVATE
      ? AddressPolicy.permissive()
      : new AddressPolicy(new Allowlist(config.IMAGE_URL_ALLOWLIST));
  }

  get enabled(): boolean {
    return this.config.AUDIT_IMAGES === 'on';
  }

  /** Facts aligned with `listing.images` (only the main one probed); undefined when images are off. */
  async probe(listing: AuditedListing): Promise<(ImageFacts | undefined)[] | undefined> {
    const [mainImage] = listing.images;
    if (!this.enabled || !mainImage) return undefined;
    const { bytesRead: _bytesRead, ...main } = await probeImage(mainImage.url, {
      connectTimeoutMs: this.config.IMAGE_PROBE_CONNECT_TIMEOUT_MS,
      totalTimeoutMs: this.config.IMAGE_PROBE_TIMEOUT_MS,
      maxBytes: this.config.IMAGE_PROBE_MAX_BYTES,
      policy: this.policy,
    });
    return [main];
  }
}
