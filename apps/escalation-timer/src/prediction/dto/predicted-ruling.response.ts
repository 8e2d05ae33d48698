import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CitationDto,
  IN_FAVOUR_OF,
  MoneyDto,
  PROPOSAL_TYPES,
  RULING_OUTCOMES,
  type ProposalType,
  type RulingOutcome,
} from '@settle/contracts';
import type { PredictedRuling, PredictionFact } from '../predicted-ruling';

export class PredictionFactView implements PredictionFact {
  @ApiProperty({ example: 'DELIVERED_WITH_PROOF', description: 'A stable code for the fact' })
  code!: string;

  @ApiProperty()
  statement!: string;

  @ApiProperty({ enum: IN_FAVOUR_OF.filter((side) => side !== 'SHARED'), enumName: 'FactFavours' })
  favours!: PredictionFact['favours'];

  @ApiProperty({ type: CitationDto })
  citation!: CitationDto;
}

export class SuggestedResolutionView {
  @ApiProperty({ enum: PROPOSAL_TYPES, enumName: 'ProposalType' })
  type!: ProposalType;

  @ApiPropertyOptional({ type: MoneyDto })
  refund?: MoneyDto;
}

/** The predicted platform ruling (`PredictedRuling`). */
export class PredictedRulingView implements PredictedRuling {
  @ApiProperty({ enum: RULING_OUTCOMES, enumName: 'RulingOutcome' })
  outcome!: RulingOutcome;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'How sure the rules are' })
  confidence!: number;

  @ApiProperty()
  sellerPenalised!: boolean;

  @ApiProperty({ type: [PredictionFactView] })
  facts!: PredictionFactView[];

  @ApiProperty({ type: [CitationDto], description: 'The facts’ citations, in the form a ruling uses' })
  citations!: CitationDto[];

  @ApiProperty({ type: SuggestedResolutionView, description: 'What the seller could offer now to settle' })
  suggestedResolution!: SuggestedResolutionView;
}

export class DisputePredictionResponse extends PredictedRulingView {
  @ApiProperty({ format: 'uuid' })
  disputeId!: string;
}
