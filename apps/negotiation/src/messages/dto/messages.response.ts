import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorDto, EvidenceItemDto, MessageLintDto, TextSpanDto } from '@settle/contracts';
import { LANGUAGES, type Language } from '../../tone/phrases';
import type { ToneFinding, ToneReport } from '../../tone/tone-lint';
import type { DisputeMessage } from '../messages.repository';

/** One tone finding with its suggestion (`ToneFinding`). */
export class ToneFindingView implements ToneFinding {
  @ApiProperty({ example: 'FORBIDDEN_PHRASE:CALM_DOWN', description: '`FORBIDDEN_PHRASE:<PHRASE>`, else the rule' })
  rule!: string;

  @ApiProperty({ type: TextSpanDto })
  span!: TextSpanDto;

  @ApiProperty()
  suggestion!: string;

  @ApiProperty({ description: 'The words found, as written' })
  excerpt!: string;

  @ApiPropertyOptional({ enum: LANGUAGES, enumName: 'TemplateLocale' })
  language?: Language;
}

/** Tone coaching: warnings only, a message is never blocked (`ToneReport`). */
export class ToneReportView implements ToneReport {
  @ApiProperty({ description: 'No finding' })
  ok!: boolean;

  @ApiProperty({ type: [ToneFindingView] })
  findings!: ToneFindingView[];
}

/** A message of a dispute's thread (`DisputeMessage`). */
export class MessageView implements DisputeMessage {
  @ApiProperty({ format: 'uuid' })
  messageId!: string;

  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty({ type: ActorDto })
  author!: ActorDto;

  @ApiProperty()
  body!: string;

  @ApiPropertyOptional({ example: 'fr-FR' })
  locale?: string;

  @ApiProperty({ type: [EvidenceItemDto] })
  attachments!: EvidenceItemDto[];

  @ApiProperty({ type: MessageLintDto, description: 'The tone check run when it was posted' })
  lint!: MessageLintDto;

  @ApiProperty({ format: 'date-time' })
  postedAt!: string;
}

export class PostedMessageResponse {
  @ApiProperty({ type: MessageView })
  message!: MessageView;

  @ApiProperty({ type: ToneReportView })
  lint!: ToneReportView;
}

export class MessagePage {
  @ApiProperty({ type: [MessageView] })
  items!: MessageView[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page' })
  nextCursor!: string | null;
}
