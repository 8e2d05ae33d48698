import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiProblems,
  BODY_LIMITS,
  CurrentPrincipal,
  Roles,
  SettleIdPipe,
  StreamedBody,
  type Principal,
} from '@settle/platform';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { EvidenceUploadResponse } from './dto/evidence.response';
import { EvidenceService, type EvidenceDownload } from './evidence.service';

/**
 * Headers of every evidence file served: never rendered as the service's own content (no sniffing, a sandbox with
 * nothing allowed), downloaded rather than shown unless it is an image (docs/ARCHITECTURE.md, "Object store").
 */
function sendFile(response: Response, file: EvidenceDownload): Promise<void> {
  const inline = file.contentType.startsWith('image/');
  response.status(200);
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Length', String(file.size));
  response.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${file.fileName}"`);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  response.setHeader('Cache-Control', 'private, max-age=300');
  if (file.sha256) {
    response.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  }
  return pipeline(file.body, response);
}

@ApiTags('evidence')
@ApiBearerAuth()
@Controller()
@ApiProblems(401, 403)
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post('v1/disputes/:id/evidence')
  @HttpCode(201)
  @StreamedBody(BODY_LIMITS.evidence)
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({
    summary: 'Upload evidence files (the platform for the buyer, the owning seller, staff)',
    description:
      'multipart/form-data: for each file, a `kind` part (PHOTO, VIDEO, DOCUMENT, TRACKING) and an optional `note` ' +
      '(at most 2000 characters), then the `file` part. The type is decided by the content: JPEG, PNG, WebP, PDF or ' +
      'MP4. Limits (configurable): 10 MiB a file, 50 MiB a video, a total and a number of files per dispute. Images ' +
      'are stored re-encoded without any metadata (no GPS position) with a thumbnail; `sha256` is the digest of the ' +
      'stored bytes. All or nothing: a refused file stores nothing of the request.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', enum: ['PHOTO', 'VIDEO', 'DOCUMENT', 'TRACKING'] },
        note: { type: 'string', maxLength: 2000 },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiCreatedResponse({ type: EvidenceUploadResponse, description: 'Each file stored and chained (`evidence.added`)' })
  @ApiProblems(
    [400, 'A part is missing or unknown (`errors` names it)'],
    [404, 'No such dispute, or another seller’s'],
    [409, 'The dispute is closed (EVIDENCE_DISPUTE_CLOSED)'],
    [413, 'A file over its limit (EVIDENCE_FILE_TOO_LARGE) or the dispute’s total (EVIDENCE_DISPUTE_TOTAL_EXCEEDED)'],
    [415, 'Not multipart, or a file of a type not allowed (EVIDENCE_TYPE_NOT_ALLOWED)'],
    [
      422,
      'An empty file, an image that does not decode, a PDF that is not one, a kind that does not fit, too many files',
    ],
    [503, 'No object store configured, or it did not answer'],
  )
  async upload(
    @Param('id', new SettleIdPipe('Dispute')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<EvidenceUploadResponse> {
    return this.evidence.upload(id, principal, request);
  }

  @Get('v1/disputes/:id/export/archive')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({
    summary: 'The export with the evidence files: a tar of bundle.json and evidence/<evidenceId>.<ext>',
    description: '`npm run verify-export -- archive.tar` checks the chain and every file against its recorded SHA-256.',
  })
  @ApiProduces('application/x-tar')
  @ApiOkResponse({ description: 'The archive, streamed', schema: { type: 'string', format: 'binary' } })
  @ApiProblems([404, 'No such dispute, or another seller’s'], 503)
  async archive(
    @Param('id', new SettleIdPipe('Dispute')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ): Promise<void> {
    const archive = await this.evidence.archive(id, principal);
    response.status(200);
    response.setHeader('Content-Type', 'application/x-tar');
    response.setHeader('Content-Disposition', `attachment; filename="dispute-${id}.tar"`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-store');
    await pipeline(archive, response);
  }

  @Get('v1/evidence/:evidenceId')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({ summary: 'The stored bytes of a piece of evidence (the dispute’s parties and staff)' })
  @ApiProduces(...['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'video/mp4'])
  @ApiOkResponse({
    description: 'The file; attachment unless an image; `Repr-Digest` carries its SHA-256',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiProblems([404, 'No such evidence, another seller’s, or a URL that was not preserved'], 503)
  async download(
    @Param('evidenceId', new SettleIdPipe('Evidence')) evidenceId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ): Promise<void> {
    await sendFile(response, await this.evidence.download(evidenceId, principal));
  }

  @Get('v1/evidence/:evidenceId/thumbnail')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({ summary: 'An image’s thumbnail (WebP, at most 320 px a side)' })
  @ApiProduces('image/webp')
  @ApiOkResponse({ description: 'The thumbnail', schema: { type: 'string', format: 'binary' } })
  @ApiProblems([404, 'No such evidence, another seller’s, or not an image'], 503)
  async thumbnail(
    @Param('evidenceId', new SettleIdPipe('Evidence')) evidenceId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ): Promise<void> {
    await sendFile(response, await this.evidence.download(evidenceId, principal, 'thumbnail'));
  }
}
