import { IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ActorRole } from '../enums';
import { ActorDto, EvidenceItemDto } from '../shared/common.dto';
import { ActorRoleIn, IsLocaleTag, IsSettleId, IsText, IsUtcInstant, Nested, NestedArray } from '../validation';

/* Events of settle.messages.events.v1, published by negotiation, keyed by disputeId. */

export const MESSAGE_AUTHOR_ROLES: readonly ActorRole[] = [
  ActorRole.BUYER,
  ActorRole.SELLER,
  ActorRole.STAFF,
  ActorRole.PLATFORM,
];

export class TextSpanDto {
  @IsInt()
  @Min(0)
  start!: number;

  @IsInt()
  @Min(0)
  end!: number;
}

export class LintFindingDto {
  /** The tone rule, e.g. `BLAME_THE_BUYER`. */
  @IsText(100)
  rule!: string;

  @Nested(() => TextSpanDto)
  span!: TextSpanDto;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  suggestion?: string;
}

/** The tone check negotiation ran before the message was sent (warnings only: messages are never blocked). */
export class MessageLintDto {
  @IsBoolean()
  ok!: boolean;

  @NestedArray(() => LintFindingDto, { max: 100 })
  findings!: LintFindingDto[];
}

/** A message was posted on a dispute (append-only). */
export class MessagePostedPayload {
  @IsSettleId()
  messageId!: string;

  @IsSettleId()
  disputeId!: string;

  @ActorRoleIn(MESSAGE_AUTHOR_ROLES)
  @Nested(() => ActorDto)
  author!: ActorDto;

  @IsText(20_000)
  body!: string;

  @IsOptional()
  @IsLocaleTag()
  locale?: string;

  @IsOptional()
  @NestedArray(() => EvidenceItemDto, { max: 20 })
  attachments?: EvidenceItemDto[];

  @IsOptional()
  @Nested(() => MessageLintDto)
  lint?: MessageLintDto;

  @IsUtcInstant()
  postedAt!: string;
}
