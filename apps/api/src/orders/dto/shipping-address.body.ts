import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsEmail, IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsSingleLineText } from '@app/common';
import { ShippingAddress } from '@app/orders';

/**
 * `PUT /v1/orders/{id}/shipping-address`: the canonical address fields, as an
 * operator corrects them. Required: what a provider cannot ship without
 * (name, a street line, city, country code); the rest may be null or left out.
 */
export class ShippingAddressBody {
  @ApiProperty({ description: 'Recipient name.', example: 'Şükrü Öztürk' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsSingleLineText()
  name: string;

  @ApiProperty({ type: [String], description: 'Street lines, first one first (1–3 lines).', example: ['Bağdat Cd. No:12', 'Caferağa, Kadıköy'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  @IsSingleLineText({ each: true })
  lines: string[];

  @ApiProperty({ example: 'İstanbul' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsSingleLineText()
  city: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'State or province, where the country has them.', example: null })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsSingleLineText()
  region?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '34710' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @IsSingleLineText()
  postalCode?: string | null;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2, upper case.', example: 'TR' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters (ISO 3166-1 alpha-2)' })
  @IsISO31661Alpha2({ message: 'countryCode must be an ISO 3166-1 alpha-2 country code' })
  countryCode: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: '+905551112233' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @IsSingleLineText()
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'sukru@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;
}

/** The body as a canonical address: absent optional fields are null, text trimmed. */
export function toShippingAddress(body: ShippingAddressBody): ShippingAddress {
  const optional = (value: string | null | undefined) => value?.trim() || null;
  return {
    name: body.name.trim(),
    lines: body.lines.map((line) => line.trim()),
    city: body.city.trim(),
    region: optional(body.region),
    postalCode: optional(body.postalCode),
    countryCode: body.countryCode,
    phone: optional(body.phone),
    email: optional(body.email),
  };
}
