import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Channel, CHANNELS } from '@app/orders';
import { PageQuery } from '../../http/page-query';

export const DEFAULT_DRIFT_PAGE_SIZE = 100;

export class DriftReportQuery extends PageQuery(DEFAULT_DRIFT_PAGE_SIZE, "Items per page. One order's items are never split across pages.") {
  @ApiPropertyOptional({ enum: CHANNELS, description: 'Only orders from this channel.' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
}
