import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NestedArray } from '@settle/contracts/validation';
import { EvidenceBody } from '../../disputes/dto/party-actions.dto';

const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export class PostMessageBody {
  @ApiProperty({ example: 'Hello, I am sorry about the delay. I will send a replacement today.' })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  body!: string;

  @ApiPropertyOptional({ example: 'en' })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must be a BCP 47 language tag such as en or pt-BR' })
  locale?: string;

  @ApiPropertyOptional({ type: [EvidenceBody], description: 'Evidence references (URLs, optional sha256)' })
  @IsOptional()
  @NestedArray(() => EvidenceBody, { max: 20 })
  attachments?: EvidenceBody[];
}

export class LintBody {
  @ApiProperty({ example: "You don't seem to understand: that's company policy!!!" })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  body!: string;

  @ApiPropertyOptional({ example: 'en' })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must be a BCP 47 language tag such as en or pt-BR' })
  locale?: string;
}
