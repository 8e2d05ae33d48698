import {
  checklistEvidence,
  evidenceChecklist,
  type ActorDto,
  type EvidenceAddedPayload,
  type EvidenceChecklist,
  type EvidenceKind,
} from '@settle/contracts';
import type { DisputeEvidenceEntity } from './evidence.entity';

/** A piece of evidence as the API shows it (`GET /v1/disputes/{id}` lists them; the upload answers with them). */
export interface EvidenceView {
  evidenceId: string;
  kind: EvidenceAddedPayload['kind'];
  source: EvidenceAddedPayload['source'];
  url?: string;
  preserved: boolean;
  contentType?: string;
  size?: number;
  sha256?: string;
  note?: string;
  unpreservedReason?: string;
  addedBy: ActorDto;
  addedAt: string;
  /** Where to read the bytes and the thumbnail (images only), when preserved. */
  href?: string;
  thumbnailHref?: string;
}

export function evidenceView(row: DisputeEvidenceEntity): EvidenceView {
  const data = row.data as unknown as EvidenceAddedPayload;
  return {
    evidenceId: data.evidenceId,
    kind: data.kind,
    source: data.source,
    ...(data.url ? { url: data.url } : {}),
    preserved: data.preserved,
    ...(data.contentType ? { contentType: data.contentType, size: data.size, sha256: data.sha256 } : {}),
    ...(data.note ? { note: data.note } : {}),
    ...(data.unpreservedReason ? { unpreservedReason: data.unpreservedReason } : {}),
    addedBy: data.addedBy,
    addedAt: data.addedAt,
    ...(data.preserved ? { href: `/v1/evidence/${data.evidenceId}` } : {}),
    ...(data.thumbnail ? { thumbnailHref: `/v1/evidence/${data.evidenceId}/thumbnail` } : {}),
  };
}

/**
 * The evidence part of the dispute view: the files Settle holds (`evidenceFiles`) and the reason's checklist, which
 * counts those and the URLs named at opening that are not (yet) recorded as files, each for the party that gave it.
 */
export function evidenceSection(
  opened: { subReason: string; buyerId: string; evidence?: { evidenceId: string; kind: EvidenceKind }[] },
  rows: readonly DisputeEvidenceEntity[],
): { evidenceFiles: EvidenceView[]; evidenceChecklist: EvidenceChecklist } {
  const evidenceFiles = rows.map(evidenceView);
  const counted = checklistEvidence(
    opened.evidence,
    evidenceFiles.map((file) => ({ evidenceId: file.evidenceId, kind: file.kind, role: file.addedBy.role })),
  );
  return { evidenceFiles, evidenceChecklist: evidenceChecklist(opened.subReason, counted) };
}
