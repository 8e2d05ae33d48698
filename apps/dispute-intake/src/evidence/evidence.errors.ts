import { DomainError, ValidationFailed } from '@settle/platform';

/*
 * The refusals of an evidence upload, each naming its rule (the problem's `code`) and the file (`errors[].field`,
 * `files[<n>]` in the order the request sent them). A refused request stores nothing: no object, no row, no event.
 */

function fileError(kind: DomainError['kind'], code: string, field: string, detail: string, extra = {}): DomainError {
  return new DomainError(kind, code, detail, { errors: [{ field, message: detail }], ...extra });
}

export const EvidenceRefusals = {
  notMultipart: () =>
    new DomainError(
      'unsupported_media_type',
      'EVIDENCE_NOT_MULTIPART',
      'Evidence is uploaded as multipart/form-data: a `kind` field (and an optional `note`) before each `file` part.',
    ),
  malformed: (detail: string) => new DomainError('validation', 'EVIDENCE_MALFORMED_MULTIPART', detail),
  noFiles: () => new ValidationFailed([{ field: 'file', message: 'at least one file part named "file" is required' }]),
  unknownPart: (name: string) =>
    new ValidationFailed([
      {
        field: name.slice(0, 100),
        message: 'is not a known part (kind, note and file are; a kind precedes each file)',
      },
    ]),
  kindRequired: (field: string) =>
    new ValidationFailed([
      { field: `${field}.kind`, message: 'must be one of PHOTO, VIDEO, DOCUMENT, TRACKING, sent before the file' },
    ]),
  noteTooLong: (field: string) =>
    new ValidationFailed([{ field: `${field}.note`, message: 'must be at most 2000 characters' }]),
  empty: (field: string) => fileError('rule', 'EVIDENCE_EMPTY_FILE', field, `${field} is empty.`),
  typeNotAllowed: (field: string, description: string) =>
    fileError(
      'unsupported_media_type',
      'EVIDENCE_TYPE_NOT_ALLOWED',
      field,
      `${field} is ${description}, judged by its content; evidence may be JPEG, PNG, WebP, PDF or MP4.`,
    ),
  kindMismatch: (field: string, kind: string, contentType: string) =>
    fileError(
      'rule',
      'EVIDENCE_KIND_MISMATCH',
      field,
      `${field} is ${contentType}, which is not ${kind} evidence (PHOTO: an image; VIDEO: MP4; DOCUMENT and TRACKING: PDF or an image).`,
    ),
  fileTooLarge: (field: string, limit: number) =>
    fileError('too_large', 'EVIDENCE_FILE_TOO_LARGE', field, `${field} is larger than ${limit} bytes.`, { limit }),
  disputeTotalExceeded: (field: string, limit: number) =>
    fileError(
      'too_large',
      'EVIDENCE_DISPUTE_TOTAL_EXCEEDED',
      field,
      `${field} takes the dispute's evidence over its total of ${limit} bytes.`,
      { limit },
    ),
  tooManyFiles: (field: string, limit: number) =>
    fileError(
      'rule',
      'EVIDENCE_TOO_MANY_FILES',
      field,
      `${field} is one file too many: a dispute holds at most ${limit} files.`,
      { limit },
    ),
  imageInvalid: (field: string, reason: string) =>
    fileError('rule', 'EVIDENCE_IMAGE_INVALID', field, `${field} is not a complete, readable image (${reason}).`),
  pdfInvalid: (field: string) =>
    fileError(
      'rule',
      'EVIDENCE_PDF_INVALID',
      field,
      `${field} starts like a PDF but is not one (no end-of-file marker %%EOF): truncated or disguised.`,
    ),
  disputeClosed: (disputeId: string, status: string) =>
    new DomainError(
      'conflict',
      'EVIDENCE_DISPUTE_CLOSED',
      `Dispute ${disputeId} is ${status}: it takes no more evidence.`,
    ),
  storeUnavailable: (cause: string) =>
    new DomainError('unavailable', 'EVIDENCE_STORE_UNAVAILABLE', `The evidence store did not answer: ${cause}`),
};
