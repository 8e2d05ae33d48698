import { IsArray, ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  AUDIT_VERDICTS,
  FINDING_SEVERITIES,
  SALE_UNIT_TYPES,
  SaleUnitType,
  type AuditVerdict,
  type FindingSeverity,
} from '../enums';
import {
  IsCountryCode,
  IsExternalId,
  IsHttpUrl,
  IsSettleId,
  IsStringMap,
  IsUtcInstant,
  IsText,
  Nested,
  NestedArray,
  PresenceDependsOn,
} from '../validation';
import { MoneyDto } from './money.dto';

export class ListingImageDto {
  @IsHttpUrl()
  url!: string;
}

/** Sold by the piece, or by the lot of `piecesPerLot` (at least 2; absent for PIECE). */
export class SaleUnitDto {
  @IsIn(SALE_UNIT_TYPES)
  type!: SaleUnitType;

  @PresenceDependsOn<SaleUnitDto>(
    (unit) => (unit.type === SaleUnitType.LOT ? 'required' : 'forbidden'),
    (unit) => `type is ${String(unit.type)}`,
  )
  @IsInt()
  @Min(2)
  @Max(1_000_000)
  piecesPerLot?: number;
}

export class SkuDto {
  @IsExternalId()
  skuId!: string;

  /** The variant's own attributes (`{ colour: "red", size: "M" }`). */
  @IsStringMap({ maxEntries: 50 })
  attributes!: Record<string, string>;

  /** Price of one sale unit (one piece, or one lot). */
  @Nested(() => MoneyDto)
  price!: MoneyDto;

  @IsInt()
  @Min(0)
  stock!: number;
}

export class ShippingDto {
  @Nested(() => MoneyDto)
  fee!: MoneyDto;

  @IsInt()
  @Min(0)
  @Max(365)
  processingDays!: number;

  @IsInt()
  @Min(0)
  @Max(365)
  promisedDeliveryDays!: number;

  @IsCountryCode()
  shipsFrom!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(250)
  @IsCountryCode({ each: true })
  shipsTo!: string[];
}

/**
 * A listing (docs/CONTRACT.md "Listing"). Content problems (no images, a stuffed title, a lot priced like a piece)
 * are the audit's findings, not contract violations, so the contract bounds sizes only.
 */
export class ListingDto {
  @IsExternalId()
  listingId!: string;

  @IsExternalId()
  sellerId!: string;

  @IsText(200)
  category!: string;

  @IsText(1000)
  title!: string;

  @IsText(100_000)
  description!: string;

  @NestedArray(() => ListingImageDto, { max: 100 })
  images!: ListingImageDto[];

  @IsStringMap()
  attributes!: Record<string, string>;

  @Nested(() => SaleUnitDto)
  saleUnit!: SaleUnitDto;

  @NestedArray(() => SkuDto, { min: 1, max: 1000 })
  skus!: SkuDto[];

  @Nested(() => ShippingDto)
  shipping!: ShippingDto;

  @IsOptional()
  @IsText(200)
  brand?: string;

  /** GTIN-8, -12 (UPC), -13 (EAN) or -14. */
  @IsOptional()
  @Matches(/^(?:\d{8}|\d{12,14})$/, { message: '$property must be a GTIN of 8, 12, 13 or 14 digits' })
  gtin?: string;
}

/** One audit finding: the rule, how bad, the field it points at, what is wrong and the fix the seller can apply. */
export class AuditFindingDto {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: '$property must be a rule id such as IMAGE_MAIN_TOO_SMALL' })
  ruleId!: string;

  @IsIn(FINDING_SEVERITIES)
  severity!: FindingSeverity;

  /** A path into the listing: `title`, `images.0`, `attributes.material`, `skus.2.price`. */
  @IsText(300)
  field!: string;

  @IsText(2000)
  message!: string;

  @IsText(2000)
  fix!: string;
}

/** The outcome of one audit: verdict, score (0 worst to 100 best) and findings. */
export class AuditResultDto {
  @IsSettleId()
  auditId!: string;

  @IsIn(AUDIT_VERDICTS)
  verdict!: AuditVerdict;

  @IsInt()
  @Min(0)
  @Max(100)
  score!: number;

  @NestedArray(() => AuditFindingDto, { max: 500 })
  findings!: AuditFindingDto[];

  @IsUtcInstant()
  auditedAt!: string;
}
