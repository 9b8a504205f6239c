import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class RoutingActionDto {
  @ApiProperty({ enum: ['fulfill', 'hold', 'none'] })
  type: string;

  @ApiPropertyOptional({ enum: ['flexport'], description: 'With `fulfill`.' })
  via?: string;

  @ApiPropertyOptional({ enum: ['standard', 'expedited', 'priority'], nullable: true, description: 'With `fulfill`; null = Flexport’s default.' })
  shipMethod?: string | null;

  @ApiPropertyOptional({ description: 'With `hold`: the hold reason.', example: 'address_check' })
  reason?: string;
}

class RoutingRuleDto {
  @ApiProperty({ example: 'joom-to-flexport' })
  name: string;

  @ApiProperty({
    description: 'The conditions, all of which must hold: channel, account, country, sku (a glob every line matches), requirement, total { min, max, currency }.',
    example: { channel: ['joom'] },
  })
  match: Record<string, unknown>;

  @ApiProperty({ type: RoutingActionDto })
  action: RoutingActionDto;
}

export class RoutingRulesDto {
  @ApiProperty({ nullable: true, type: String, description: 'The file the rules were read from (`ROUTING_RULES_FILE`); null = no routing.', example: '/etc/gateway/routing.yaml' })
  source: string | null;

  @ApiProperty({ type: [RoutingRuleDto], description: 'In order: the first whose conditions all hold decides.' })
  rules: RoutingRuleDto[];
}

class RuleVerdictDto {
  @ApiProperty()
  rule: string;

  @ApiProperty()
  matched: boolean;

  @ApiPropertyOptional({ description: 'The first condition that did not hold.', example: 'channel is joom, not akinon' })
  failed?: string;
}

class RefusalDto {
  @ApiProperty({ example: 'online_only' })
  code: string;

  @ApiProperty()
  message: string;
}

export class RoutingDryRunDto {
  @ApiProperty({ nullable: true, type: String })
  orderId: string | null;

  @ApiProperty({ description: 'Whether routing would act on the stored order now.' })
  wouldAct: boolean;

  @ApiProperty({ nullable: true, type: String, description: 'Why routing would leave the stored order alone.', example: 'status is shipped; only ready orders are routed' })
  skipped: string | null;

  @ApiProperty({ nullable: true, type: String })
  rule: string | null;

  @ApiProperty({ type: RoutingActionDto })
  action: RoutingActionDto;

  @ApiProperty({ example: 'routing-rule:joom-to-flexport' })
  actor: string;

  @ApiProperty({ example: 'would fulfil via Flexport (standard) (rule joom-to-flexport)' })
  outcome: string;

  @ApiProperty({ type: [RuleVerdictDto], description: 'Each rule tried, in order, up to the one that matched.' })
  verdicts: RuleVerdictDto[];

  @ApiProperty({ type: [String], nullable: true, description: 'A fulfil’s external calls, `<system>:<step>`.', example: ['flexport:create-order'] })
  plan: string[] | null;

  @ApiProperty({ type: RefusalDto, nullable: true, description: 'The command pipeline’s refusal of the rule’s fulfil, read from the order now.' })
  refusal: RefusalDto | null;
}
