import { ApiProperty } from '@nestjs/swagger';
import { DISPUTE_REASONS, type DisputeReason } from '@settle/contracts';
import { LANGUAGES, type Language } from '../../tone/phrases';
import { TEMPLATE_PLACEHOLDERS, type FilledTemplate, type TemplatePlaceholder } from '../reply-templates';

/** A reply template, filled from the dispute where it could be (`FilledTemplate`). */
export class TemplateView implements FilledTemplate {
  @ApiProperty({ enum: DISPUTE_REASONS, enumName: 'DisputeReason' })
  reason!: DisputeReason;

  @ApiProperty({ enum: LANGUAGES, enumName: 'TemplateLocale' })
  locale!: Language;

  @ApiProperty()
  subject!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ type: [String], description: 'The handling steps for this reason (for the seller)' })
  steps!: string[];

  @ApiProperty({
    enum: TEMPLATE_PLACEHOLDERS,
    enumName: 'TemplatePlaceholder',
    isArray: true,
    description: 'Placeholders still in the text',
  })
  unfilled!: TemplatePlaceholder[];
}

export class TemplatesResponse {
  @ApiProperty({ type: [TemplateView] })
  items!: TemplateView[];
}
