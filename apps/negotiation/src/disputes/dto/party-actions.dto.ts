import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsSafeInteger, NestedArray, NestedObject } from '@settle/contracts/validation';
import {
  EVIDENCE_KINDS,
  KNOWN_CURRENCIES,
  PROPOSAL_TYPES,
  RETURN_CONDITIONS,
  SELLER_RESPONSE_ACTIONS,
  type EvidenceKind,
  type ProposalType,
  type ReturnCondition,
  type SellerResponseAction,
} from '@settle/contracts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

export class MoneyBody {
  @ApiProperty({ example: 1999, description: 'Integer minor units (cents for USD, yen for JPY)' })
  @IsInt()
  @Min(1)
  @IsSafeInteger()
  amountMinor!: number;

  @ApiProperty({ example: 'USD' })
  @IsIn(KNOWN_CURRENCIES, { message: 'currency must be a known ISO 4217 currency code' })
  currency!: string;
}

export class ProposalBody {
  @ApiProperty({ enum: PROPOSAL_TYPES, enumName: 'ProposalType' })
  @IsIn(PROPOSAL_TYPES)
  type!: ProposalType;

  @ApiPropertyOptional({
    type: MoneyBody,
    description: 'Required for REFUND_ONLY and RETURN_AND_REFUND, absent otherwise',
  })
  @ValidateIf(
    (body: ProposalBody) =>
      body.type === 'REFUND_ONLY' || body.type === 'RETURN_AND_REFUND' || body.refund !== undefined,
  )
  @IsDefined({ message: 'refund is required for REFUND_ONLY and RETURN_AND_REFUND' })
  @NestedObject(() => MoneyBody)
  refund?: MoneyBody;

  @ApiPropertyOptional({
    example: '2026-12-01T12:00:00Z',
    description: 'After this instant the proposal can no longer be accepted',
  })
  @IsOptional()
  @Matches(INSTANT, { message: 'expiresAt must be an RFC 3339 UTC instant (…Z)' })
  expiresAt?: string;
}

export class SellerResponseBody {
  @ApiProperty({ enum: SELLER_RESPONSE_ACTIONS, enumName: 'SellerResponseAction' })
  @IsIn(SELLER_RESPONSE_ACTIONS)
  action!: SellerResponseAction;

  @ApiPropertyOptional({ type: ProposalBody, description: 'The counter-proposal (REJECT only)' })
  @ValidateIf((body: SellerResponseBody) => body.action === 'REJECT' || body.proposal !== undefined)
  @IsDefined({ message: 'proposal (the counter-proposal) is required with REJECT' })
  @NestedObject(() => ProposalBody)
  proposal?: ProposalBody;

  @ApiPropertyOptional({ description: 'Required with REJECT: what the seller tells the buyer' })
  @ValidateIf((body: SellerResponseBody) => body.action === 'REJECT' || body.message !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  message?: string;

  @ApiPropertyOptional({ description: 'The dispute version the seller saw (default: the latest this service knows)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class SubmitProposalBody extends ProposalBody {
  @ApiPropertyOptional({ description: 'The same party’s earlier proposal this one replaces' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  supersedesProposalId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class AcceptProposalBody {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ReturnShipmentBody {
  @ApiProperty({ example: 'China Post' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  carrier!: string;

  @ApiProperty({ example: 'LX123456789CN' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  trackingNumber!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class EvidenceBody {
  @ApiProperty({ enum: EVIDENCE_KINDS, enumName: 'EvidenceKind' })
  @IsIn(EVIDENCE_KINDS)
  kind!: EvidenceKind;

  @ApiProperty({ example: 'https://evidence.example.com/photo.jpg' })
  @Matches(/^https?:\/\/\S+$/, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256?: string;
}

export class ReturnReceiptBody {
  @ApiProperty({
    enum: RETURN_CONDITIONS,
    enumName: 'ReturnCondition',
    description: 'Anything but AS_EXPECTED escalates the dispute',
  })
  @IsIn(RETURN_CONDITIONS)
  condition!: ReturnCondition;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  note?: string;

  @ApiPropertyOptional({ type: [EvidenceBody] })
  @IsOptional()
  @NestedArray(() => EvidenceBody, { max: 50 })
  evidence?: EvidenceBody[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
